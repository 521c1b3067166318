import type { Projection } from '../../eventsourcing/index.js';
import { type StaffEvent, staffEvents } from '../events/index.js';
import { evolveStaff, initialStaffState, type StaffState } from '../state.js';

export type StaffRecords = Readonly<Record<string, StaffState>>;

/** Every member of staff's folded supervision record, by staff id. */
export const staffRecords: Projection<StaffRecords, StaffEvent> = {
  name: 'supervision.staff-records',
  registry: staffEvents,
  streamPrefixes: ['staff-'],
  initialState: {},
  evolve: (records, event) => {
    const id = event.streamId.slice('staff-'.length);
    return { ...records, [id]: evolveStaff(records[id] ?? initialStaffState, event) };
  },
};
