import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';

export const ClinicMode = t.keyof({ online: null, 'in-person': null });
export type ClinicMode = t.TypeOf<typeof ClinicMode>;

/** Why a session moved: clinics move around school holidays, contact and events (the clinician interview). */
export const ClinicRescheduleReason = t.keyof({
  'school-holidays': null,
  contact: null,
  event: null,
  other: null,
});
export type ClinicRescheduleReason = t.TypeOf<typeof ClinicRescheduleReason>;

export const ClinicCancelledBy = t.keyof({ carer: null, clinician: null, agency: null });
export type ClinicCancelledBy = t.TypeOf<typeof ClinicCancelledBy>;

/** Whole minutes, at least one. */
export const ClinicMinutes = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1,
  'whole minutes (at least 1)',
);

export const SessionScheduled = eventType(
  'SessionScheduled',
  t.type({ sessionId: t.string, scheduledFor: LocalDateC, mode: ClinicMode }),
);

/** The session moves to `to`; `rescheduledOn` is the day it was moved (so a replay as of a date knows). */
export const SessionRescheduled = eventType(
  'SessionRescheduled',
  t.type({
    sessionId: t.string,
    to: LocalDateC,
    reason: ClinicRescheduleReason,
    rescheduledOn: LocalDateC,
  }),
);

/** `minutes` is the policy length for the supported young people on `heldOn` (rule `clinic-cadence`). */
export const SessionHeld = eventType(
  'SessionHeld',
  t.type({
    sessionId: t.string,
    heldOn: LocalDateC,
    mode: ClinicMode,
    minutes: ClinicMinutes,
    youngPeopleDiscussed: t.array(t.string),
  }),
);

export const SessionCancelled = eventType(
  'SessionCancelled',
  t.type({
    sessionId: t.string,
    cancelledBy: ClinicCancelledBy,
    reason: personalData(t.string),
    cancelledOn: LocalDateC,
  }),
);

/**
 * The clinic's notes, written up on `writtenOn`. The session's `heldOn` is when it happened; the envelope's
 * `recordedAt` is the instant the notes reached the record.
 */
export const SessionNotesRecorded = eventType(
  'SessionNotesRecorded',
  t.type({ sessionId: t.string, writtenOn: LocalDateC, notes: personalData(t.string) }),
);
