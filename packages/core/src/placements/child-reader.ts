import { childStreamId } from '../children/decider.js';
import { type ChildEvent, childEvents } from '../children/events/index.js';
import { evolveChild, initialChildState } from '../children/state.js';
import type { ChildStreamReader } from './process.js';

/** Reads the child stream for the placement process: registration, date of birth, placements, siblings. */
export const childStreamReader: ChildStreamReader<ChildEvent> = {
  registry: childEvents,
  streamId: childStreamId,
  facts: (childId, events) => {
    const state = events.reduce(evolveChild, initialChildState);
    return {
      childId,
      registered: state.registeredOn !== undefined,
      ...(state.dateOfBirth === undefined ? {} : { dateOfBirth: state.dateOfBirth }),
      placements: state.placements,
      siblingIds: state.siblingIds,
    };
  },
};
