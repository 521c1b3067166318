import * as t from 'io-ts';
import { LocalDateC } from '../calendar/index.js';
import { PlanVersion } from '../children/events/care.js';
import { commandCodec, commandCodecWith } from '../eventsourcing/command-codec.js';
import { ClinicCancelledBy, ClinicMeetingKind, ClinicMode, ClinicRescheduleReason } from './events/index.js';

const command = commandCodec;
const commandWith = commandCodecWith;

/** Every command of the clinic series stream, validated at the boundary by this codec. */
export const ClinicCommand = t.union([
  command('OpenClinicSeries', {
    seriesId: t.string,
    clinicianId: t.string,
    householdId: t.string,
    youngPeople: t.array(t.string),
    openedOn: LocalDateC,
  }),
  command('ChangeSupportedYoungPeople', { childIds: t.array(t.string), changedOn: LocalDateC }),
  command('ScheduleSession', { sessionId: t.string, scheduledFor: LocalDateC, mode: ClinicMode }),
  command('RescheduleSession', {
    sessionId: t.string,
    to: LocalDateC,
    reason: ClinicRescheduleReason,
    rescheduledOn: LocalDateC,
  }),
  command('HoldSession', {
    sessionId: t.string,
    heldOn: LocalDateC,
    mode: ClinicMode,
    minutes: t.number,
    youngPeopleDiscussed: t.array(t.string),
  }),
  command('CancelSession', {
    sessionId: t.string,
    cancelledBy: ClinicCancelledBy,
    reason: t.string,
    cancelledOn: LocalDateC,
  }),
  command('RecordSessionNotes', { sessionId: t.string, writtenOn: LocalDateC, notes: t.string }),
  command('RecordTeamAroundTheChildAttendance', {
    childId: t.string,
    meetingOn: LocalDateC,
    meetingKind: ClinicMeetingKind,
  }),
  commandWith(
    'RecordCarePlanContribution',
    { childId: t.string, contributedOn: LocalDateC },
    { planVersion: PlanVersion },
  ),
  command('CloseClinicSeries', { closedOn: LocalDateC }),
]);
export type ClinicCommand = t.TypeOf<typeof ClinicCommand>;
export type ClinicCommandKind = ClinicCommand['kind'];
export type ClinicCommandOf<K extends ClinicCommandKind> = Extract<ClinicCommand, { kind: K }>;
