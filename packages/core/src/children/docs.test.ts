import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsTable, docTables, eventsTable } from '../__fixtures__/doc-tables.js';
import { ChildCommand } from './commands.js';
import { childEvents } from './events/index.js';

// docs/domain/children.md carries tables generated from the codecs, so the doc cannot drift from the code.
// Run with UPDATE_DOCS=1 to rewrite them after changing an event or command.
const doc = fileURLToPath(new URL('../../../../docs/domain/children.md', import.meta.url));

describe('docs/domain/children.md', () => {
  it('lists exactly the child stream’s events and commands, as the codecs define them', () => {
    const { current, generated } = docTables(doc, {
      events: eventsTable(childEvents),
      commands: commandsTable(ChildCommand),
    });
    expect(current).toBe(generated);
  });
});
