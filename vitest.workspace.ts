import { defineProject } from 'vitest/config';

// The one list of test projects; vitest.config.ts passes it to `test.projects`.
// Tests run in vitest's server-side (node) mode, whose resolver honours `ssr.resolve.conditions`: listing the
// `@fostering/source` export condition first makes workspace packages resolve to their TypeScript sources,
// so tests never run against a stale or missing build.
const project = (name: string, root: string) =>
  defineProject({
    root,
    ssr: { resolve: { conditions: ['@fostering/source', 'module', 'node', 'development|production'] } },
    test: { name, include: ['src/**/*.test.ts'], environment: 'node' },
  });

export default [
  project('core', 'packages/core'),
  project('testkit', 'packages/testkit'),
  project('store-postgres', 'packages/store-postgres'),
  project('notify-webhook', 'packages/notify-webhook'),
  project('synthetic-agency', 'packages/synthetic-agency'),
  project('reports', 'packages/reports'),
  project('notify-email', 'packages/notify-email'),
  project('cli', 'packages/cli'),
  project('eventstoredb-emulator', 'packages/eventstoredb-emulator'),
  project('store-eventstoredb', 'packages/store-eventstoredb'),
  project('bench', 'packages/bench'),
  project('example-quickstart', 'examples/quickstart'),
  project('example-embed', 'examples/embed-in-an-agency-system'),
];
