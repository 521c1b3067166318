import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsTable, docTables, eventsTable } from '../__fixtures__/doc-tables.js';
import { StaffCommand } from './commands.js';
import { staffEvents } from './events/index.js';

// docs/domain/supervision.md carries tables generated from the codecs, so the doc cannot drift from the code.
// Run with UPDATE_DOCS=1 to rewrite them after changing an event or command.
const doc = fileURLToPath(new URL('../../../../docs/domain/supervision.md', import.meta.url));

describe('docs/domain/supervision.md', () => {
  it('lists exactly the staff stream’s events and commands, as the codecs define them', () => {
    const { current, generated } = docTables(doc, {
      events: eventsTable(staffEvents),
      commands: commandsTable(StaffCommand),
    });
    expect(current).toBe(generated);
  });
});
