import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { AgeRange, PlacementType, SupportPackage } from '../approvals/terms.js';
import { describeIssue, fieldIssues } from '../eventsourcing/index.js';
import { AudienceRole, defaultAudiences } from '../notifications/routing.js';

const Months = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1 && n <= 120,
  'whole months from 1 to 120',
);
const Minutes = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 15 && n <= 480,
  'whole minutes from 15 to 480',
);
const Days = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 0 && n <= 366,
  'whole days from 0 to 366',
);

/** Agency settings, each with the source agency's default. Statutory numbers are not here: they are law. */
export const AgencyPolicy = t.type({
  approvals: t.type({
    /** How long each kind of training stays current before it must be refreshed (rule `training`). */
    trainingRefreshMonths: t.type({ safeguarding: Months, firstAid: Months, parentAndChild: Months }),
    /** A deadline this close is reported as due soon. */
    dueSoonDays: Days,
    /** Report households whose terms are the agency-wide template rather than set for them. */
    flagDefaultTerms: t.boolean,
    /** The agency-wide template the inspection found everyone approved on. */
    defaultTerms: t.type({
      maxChildren: t.number,
      ageRange: AgeRange,
      placementTypes: t.array(PlacementType),
      supportPackages: t.array(SupportPackage),
    }),
  }),
  children: t.type({
    /** How often a child's therapeutic care plan is reviewed on the intensive package (rule `care-plan-review`). */
    intensiveCarePlanReviewMonths: Months,
  }),
  placements: t.type({
    /** Respite days per placement year by support package (rule `respite`); more only with authorisation. */
    respiteDaysPerYear: t.type({ standard: Days, enhanced: Days, intensive: Days }),
  }),
  clinics: t.type({
    /** Days between clinic sessions (rule `clinic-cadence`): fortnightly. */
    cadenceDays: Days,
    /** Days a session may slip past the cadence (school holidays, contact) before it is a gap. */
    graceDays: Days,
    /** Session length in minutes by the number of supported young people in the household. */
    sessionMinutes: t.type({ oneYoungPerson: Minutes, twoOrMoreYoungPeople: Minutes }),
    /** Days after a session by which its notes must be written up. */
    notesDueDays: Days,
  }),
  supervision: t.type({
    /** Days between a supervising social worker's visits to a household (regular frequency: monthly). */
    sswVisitIntervalDays: Days,
    /** Days between clinical supervision sessions for therapeutic support workers and clinicians (monthly). */
    staffSupervisionIntervalDays: Days,
    /** Months between staff appraisals (at least yearly, rule `staff-supervision`). */
    appraisalIntervalMonths: Months,
  }),
  reviews: t.type({
    /** Something recorded this many days or more after it happened is flagged as a late recording. */
    lateRecordingDays: Days,
    /** Show children's full names in review packs and reports; initials otherwise (data minimisation). */
    fullChildNames: t.boolean,
  }),
  notifications: t.type({
    /** Who hears about each rule's deadlines, by rule id; every rule is listed, so a misspelt one is refused. */
    audiences: t.record(t.string, t.array(AudienceRole)),
    /** The delivery channels every notification goes out on, each claiming its own copy from the outbox. */
    channels: t.array(t.string),
  }),
});
export type AgencyPolicy = t.TypeOf<typeof AgencyPolicy>;

export const defaultAgencyPolicy: AgencyPolicy = {
  approvals: {
    trainingRefreshMonths: { safeguarding: 36, firstAid: 36, parentAndChild: 36 },
    dueSoonDays: 30,
    flagDefaultTerms: true,
    defaultTerms: {
      maxChildren: 3,
      ageRange: { minAge: 0, maxAge: 18 },
      placementTypes: ['short-term', 'long-term', 'emergency', 'short-breaks'],
      supportPackages: ['standard'],
    },
  },
  children: { intensiveCarePlanReviewMonths: 3 },
  placements: { respiteDaysPerYear: { standard: 0, enhanced: 14, intensive: 21 } },
  clinics: {
    cadenceDays: 14,
    graceDays: 7,
    sessionMinutes: { oneYoungPerson: 60, twoOrMoreYoungPeople: 90 },
    notesDueDays: 5,
  },
  supervision: { sswVisitIntervalDays: 31, staffSupervisionIntervalDays: 31, appraisalIntervalMonths: 12 },
  reviews: { lateRecordingDays: 5, fullChildNames: false },
  notifications: {
    audiences: defaultAudiences as Record<string, AudienceRole[]>,
    channels: ['webhook'],
  },
};

/** A refused configuration: names the field and what it must be. */
export interface InvalidPolicy {
  readonly _tag: 'InvalidPolicy';
  readonly field: string;
  readonly message: string;
}

type Plain = Record<string, unknown>;
const isPlain = (u: unknown): u is Plain => typeof u === 'object' && u !== null && !Array.isArray(u);

// Settings given override defaults field by field; lists replace the default list whole.
const overlay = (base: unknown, given: unknown): unknown => {
  if (!isPlain(base) || !isPlain(given)) return given === undefined ? base : given;
  const keys = new Set([...Object.keys(base), ...Object.keys(given)]);
  return Object.fromEntries([...keys].map((key) => [key, overlay(base[key], given[key])]));
};

const unknownField = (given: unknown, base: unknown, path: string): string | undefined => {
  if (!isPlain(given) || !isPlain(base)) return undefined;
  for (const key of Object.keys(given)) {
    const field = path === '' ? key : `${path}.${key}`;
    if (!(key in base)) return field;
    const inner = unknownField(given[key], base[key], field);
    if (inner !== undefined) return inner;
  }
  return undefined;
};

/**
 * Reads an agency's settings: anything not given takes the default; a wrong value or an unknown field (most
 * often a typo that would otherwise silently keep the default) is refused, naming the field.
 */
export const decodeAgencyPolicy = (input: unknown = {}): E.Either<InvalidPolicy, AgencyPolicy> => {
  const unknown = unknownField(input, defaultAgencyPolicy, '');
  if (unknown !== undefined) {
    return E.left({
      _tag: 'InvalidPolicy',
      field: unknown,
      message: `agency policy: unknown setting '${unknown}'`,
    });
  }
  return E.mapLeft((errors: t.Errors) => {
    const issue = fieldIssues(errors)[0];
    return {
      _tag: 'InvalidPolicy' as const,
      field: issue?.path ?? '',
      message: `agency policy: ${issue === undefined ? 'invalid' : describeIssue(issue)}`,
    };
  })(AgencyPolicy.decode(overlay(defaultAgencyPolicy, input)));
};
