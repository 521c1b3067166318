import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsTable, docTables, eventsTable } from '../__fixtures__/doc-tables.js';
import { ClinicCommand } from './commands.js';
import { clinicEvents } from './events/index.js';

// docs/domain/clinics.md carries tables generated from the codecs, so the doc cannot drift from the code.
// Run with UPDATE_DOCS=1 to rewrite them after changing an event or command.
const doc = fileURLToPath(new URL('../../../../docs/domain/clinics.md', import.meta.url));

describe('docs/domain/clinics.md', () => {
  it('lists exactly the clinic stream’s events and commands, as the codecs define them', () => {
    const { current, generated } = docTables(doc, {
      events: eventsTable(clinicEvents),
      commands: commandsTable(ClinicCommand),
    });
    expect(current).toBe(generated);
  });
});
