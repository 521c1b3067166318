import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';

/** Allergies and medical needs: each must appear in the household's safe-care plan (rule `risk-complete`). */
export const HealthNeedKind = t.keyof({ allergy: null, medical: null });
export type HealthNeedKind = t.TypeOf<typeof HealthNeedKind>;

export const HealthNeedRecorded = eventType(
  'HealthNeedRecorded',
  t.type({
    needId: t.string,
    kind: HealthNeedKind,
    description: personalData(t.string),
    recordedOn: LocalDateC,
  }),
);

export const HealthNeedResolved = eventType(
  'HealthNeedResolved',
  t.type({ needId: t.string, resolvedOn: LocalDateC }),
);

/**
 * Identity needs (CA89 s22(5)(c): religious persuasion, racial origin, cultural and linguistic background).
 * Each record replaces the one before; an aspect left out is not known or not stated.
 */
export const IdentityNeedsRecorded = eventType(
  'IdentityNeedsRecorded',
  t.intersection([
    t.type({ recordedOn: LocalDateC }),
    t.partial({
      ethnicity: personalData(t.string),
      religion: personalData(t.string),
      languages: personalData(t.array(t.string)),
      culture: personalData(t.string),
    }),
  ]),
);

export const EducationSetting = t.keyof({
  'early-years': null,
  primary: null,
  secondary: null,
  college: null,
  'alternative-provision': null,
  'not-in-education': null,
});
export type EducationSetting = t.TypeOf<typeof EducationSetting>;

/** Where the child is educated now; each record replaces the one before. */
export const EducationRecorded = eventType(
  'EducationRecorded',
  t.intersection([
    t.type({
      recordedOn: LocalDateC,
      setting: EducationSetting,
      educationHealthAndCarePlan: t.boolean,
    }),
    t.partial({ schoolName: personalData(t.string) }),
  ]),
);
