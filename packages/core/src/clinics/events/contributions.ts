import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { PlanVersion } from '../../children/events/care.js';
import { eventType } from '../../eventsourcing/index.js';

export const ClinicMeetingKind = t.keyof({ tatc: null, professionals: null });
export type ClinicMeetingKind = t.TypeOf<typeof ClinicMeetingKind>;

/** The clinician attended a Team Around The Child or professionals' meeting for a supported young person. */
export const TeamAroundTheChildAttended = eventType(
  'TeamAroundTheChildAttended',
  t.type({ childId: t.string, meetingOn: LocalDateC, kind: ClinicMeetingKind }),
);

/** The clinician wrote or updated a supported young person's therapeutic care plan (its version, when known). */
export const CarePlanContributionRecorded = eventType(
  'CarePlanContributionRecorded',
  t.intersection([
    t.type({ childId: t.string, contributedOn: LocalDateC }),
    t.partial({ planVersion: PlanVersion }),
  ]),
);
