import { ownValue, type Projection, recordsByStream } from '../../eventsourcing/index.js';
import { type ChildEvent, childEvents } from '../events/index.js';
import { type ChildState, evolveChild, initialChildState } from '../state.js';

export type ChildRecords = Readonly<Record<string, ChildState>>;

/** Every child's folded record, by child id. */
export const childRecords: Projection<ChildRecords, ChildEvent> = recordsByStream({
  name: 'children.child-records',
  registry: childEvents,
  prefix: 'child-',
  initialState: initialChildState,
  evolve: evolveChild,
});

/**
 * A child's siblings across all records: those this child's stream names, and those whose streams name this
 * child. Each stream records only its own side, so a relationship recorded on one side still counts both ways.
 * Not transitive: two half-siblings of one child need not be siblings of each other.
 */
export const siblingsOf = (records: ChildRecords, childId: string): ReadonlyArray<string> => {
  const own = ownValue(records, childId)?.siblingIds ?? [];
  const named = Object.entries(records)
    .filter(([id, state]) => id !== childId && state.siblingIds.includes(childId))
    .map(([id]) => id);
  return [...new Set([...own, ...named])].sort();
};
