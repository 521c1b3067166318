import { type Projection, recordsByStream } from '../../eventsourcing/index.js';
import { type StaffEvent, staffEvents } from '../events/index.js';
import { evolveStaff, initialStaffState, type StaffState } from '../state.js';

export type StaffRecords = Readonly<Record<string, StaffState>>;

/** Every member of staff's folded supervision record, by staff id. */
export const staffRecords: Projection<StaffRecords, StaffEvent> = recordsByStream({
  name: 'supervision.staff-records',
  registry: staffEvents,
  prefix: 'staff-',
  initialState: initialStaffState,
  evolve: evolveStaff,
});
