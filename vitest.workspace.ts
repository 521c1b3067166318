import { defineProject } from 'vitest/config';

// The one list of test projects; vitest.config.ts passes it to `test.projects`.
// Workspace packages resolve to their TypeScript sources through the `@fostering/source` export condition,
// so tests never run against a stale build.
const sourceFirst = { conditions: ['@fostering/source', 'import', 'node', 'default'] };

const project = (name: string, root: string) =>
  defineProject({
    root,
    resolve: sourceFirst,
    ssr: { resolve: { conditions: sourceFirst.conditions, externalConditions: ['@fostering/source'] } },
    test: { name, include: ['src/**/*.test.ts'], environment: 'node' },
  });

export default [
  project('core', 'packages/core'),
  project('testkit', 'packages/testkit'),
  project('example-quickstart', 'examples/quickstart'),
];
