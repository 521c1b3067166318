import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandsTable, docTables, eventsTable } from '../__fixtures__/doc-tables.js';
import { EndPlacement, PlacementCommand, StartPlacement } from './commands.js';
import { placementEvents } from './events.js';

// docs/domain/placements.md carries tables generated from the codecs, so the doc cannot drift from the code.
// Run with UPDATE_DOCS=1 to rewrite them after changing an event or command.
const doc = fileURLToPath(new URL('../../../../docs/domain/placements.md', import.meta.url));

describe('docs/domain/placements.md', () => {
  it('lists exactly the placement stream’s events and commands, as the codecs define them', () => {
    const { current, generated } = docTables(doc, {
      events: eventsTable(placementEvents),
      commands: commandsTable({ types: [StartPlacement, EndPlacement, ...PlacementCommand.types] }),
    });
    expect(current).toBe(generated);
  });
});
