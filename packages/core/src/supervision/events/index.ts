import { type EventOf, eventRegistry } from '../../eventsourcing/index.js';
import * as staff from './staff.js';

export * from './staff.js';

const definitions = [
  staff.StaffMemberRegistered,
  staff.SupervisionSessionRecorded,
  staff.AppraisalCompleted,
  staff.ReflectiveGroupAttended,
  staff.StaffMemberLeft,
] as const;

/** Every event of the staff supervision stream (`staff-<staffId>`). */
export const staffEvents = eventRegistry(definitions);
export type StaffEvent = EventOf<(typeof definitions)[number]>;
