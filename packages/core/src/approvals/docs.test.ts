import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsTable, docTables, eventsTable } from '../__fixtures__/doc-tables.js';
import { HouseholdCommand } from './commands.js';
import { householdEvents } from './events/index.js';

// docs/domain/approvals.md carries tables generated from the codecs, so the doc cannot drift from the code.
// Run with UPDATE_DOCS=1 to rewrite them after changing an event or command.
const doc = fileURLToPath(new URL('../../../../docs/domain/approvals.md', import.meta.url));

describe('docs/domain/approvals.md', () => {
  it('lists exactly the household stream’s events and commands, as the codecs define them', () => {
    const { current, generated } = docTables(doc, {
      events: eventsTable(householdEvents),
      commands: commandsTable(HouseholdCommand),
    });
    expect(current).toBe(generated);
  });
});
