import fc from 'fast-check';
import { addDays, addWeeks, type LocalDate, maxDate, unsafeLocalDate } from '../../calendar/index.js';
import type { HouseholdCommand } from '../commands.js';
import type { PlacementType, SupportPackage, TermsInput } from '../terms.js';

/**
 * Generated lives of one fostering household, for property tests of `householdDecider`: a start date and the
 * commands issued, each 0 to 120 days after the one before. They follow the usual course (application,
 * assessment, panel, decision, the approved years) loosely enough that many are refused: terms without a
 * maximum, notice short of 28 days, temporary approvals and extensions past their limits, first reviews
 * without panel, endings after endings, and every kind of command out of its turn.
 */
export interface GeneratedHistory {
  readonly start: LocalDate;
  readonly commands: ReadonlyArray<HouseholdCommand>;
}

/** What the generator remembers while it lays a history out, so that later commands can aim at the limits. */
interface Model {
  /** No command is issued before this day: a recommendation is recorded once the panel has sat. */
  floor?: LocalDate;
  panelOn?: LocalDate;
  temporaryExpiresOn?: LocalDate;
}

/** Time moves on by `advance` days, then the command is issued on that day (`now`). */
interface Step {
  readonly advance: number;
  readonly build: (now: LocalDate, model: Model) => HouseholdCommand;
}

const weighted = <T>(...choices: ReadonlyArray<readonly [number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...choices.map(([weight, arbitrary]) => ({ weight, arbitrary })));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });
const days = (min: number, max: number) => fc.integer({ min, max });
/** Usually 0, now and then an offset in the range: a date recorded late, or wrongly early. */
const mostlyZero = (min: number, max: number) => weighted([4, fc.constant(0)], [1, days(min, max)]);

/** Mostly days or weeks, sometimes months; never backwards, never more than 120 days. */
const advance = weighted([1, days(0, 14)], [2, days(0, 120)]);

const step = <T>(payload: fc.Arbitrary<T>, build: (p: T, now: LocalDate, model: Model) => HouseholdCommand) =>
  fc
    .tuple(advance, payload)
    .map(([n, p]): Step => ({ advance: n, build: (now, model) => build(p, now, model) }));

/** The same step, at most 30 days after the one before. */
const quickly = (steps: fc.Arbitrary<Step>) =>
  fc.tuple(days(0, 30), steps).map(([n, s]): Step => ({ ...s, advance: n }));

const placementTypes: PlacementType[] = ['short-term', 'long-term', 'emergency', 'parent-and-child'];
const supportPackages: SupportPackage[] = ['standard', 'enhanced', 'intensive'];

/** Terms as a command carries them: usually with a maximum, sometimes without one (null or absent). */
export const termsInput: fc.Arbitrary<TermsInput> = fc
  .record({
    maxChildren: weighted<number | null | 'absent'>(
      [18, days(1, 4)],
      [2, fc.constantFrom(null, 'absent' as const)],
    ),
    minAge: days(0, 18),
    span: days(0, 7),
    placementTypes: fc.subarray(placementTypes, { minLength: 1, maxLength: 2 }),
    supportPackages: fc.subarray(supportPackages, { maxLength: 2 }),
  })
  .map(({ maxChildren, minAge, span, ...lists }) => ({
    ageRange: { minAge, maxAge: minAge + span },
    ...lists,
    ...(maxChildren === 'absent' ? {} : { maxChildren }),
  }));

/** Days between notice and effect: short of 28, on the edge, or comfortably over. */
const noticeDays = weighted([2, days(0, 27)], [2, fc.constantFrom(27, 28, 29)], [3, days(28, 120)]);
const reason = fc.constantFrom('standards of care', 'change of circumstances');

/** Previous fostering services: none, or one still approving them (0) or that stopped some days ago. */
const application = step(
  fc.record({
    route: fc.constantFrom('mainstream' as const, 'family-and-friends' as const),
    applicants: weighted<string[]>(
      [19, fc.constantFrom(['a1'], ['a1', 'a2'])],
      [1, fc.constantFrom([], ['a1', 'a2', 'a3'])],
    ),
    previous: weighted<number[]>([8, fc.constant([])], [2, fc.tuple(days(0, 800))]),
  }),
  ({ route, applicants, previous }, now): HouseholdCommand => ({
    kind: 'ReceiveApplication',
    householdId: 'h1',
    receivedOn: now,
    route,
    applicants: applicants.map((adultId) => ({ adultId, name: `Carer ${adultId}` })),
    previousServices: previous.map((ago) => ({
      serviceId: 's1',
      serviceName: 'Northway',
      ...(ago > 0 && { approvalEndedOn: addDays(now, -ago) }),
    })),
  }),
);

const referee = (id: fc.Arbitrary<string>) =>
  step(fc.tuple(id, mostlyZero(-10, 0)), ([refereeId, late], now) => ({
    kind: 'InterviewReferee',
    refereeId,
    name: `Referee ${refereeId}`,
    relationship: 'friend',
    interviewedOn: addDays(now, late),
  }));

/** Two different referees as a rule; sometimes one of them interviewed twice, or too few. */
const referees = weighted<ReadonlyArray<Step>>(
  [4, fc.tuple(referee(fc.constant('r1')), referee(fc.constantFrom('r2', 'r3', 'r2', 'r3', 'r1')))],
  [1, fc.array(referee(fc.constantFrom('r1', 'r2')), { maxLength: 3 })],
);

const report = step(termsInput, (terms, on) => ({
  kind: 'CompleteAssessmentReport',
  completedOn: on,
  proposedTerms: terms,
}));

/** The panel some days after the papers go out (or, wrongly, before). */
const schedulePanel = step(weighted([1, days(-3, -1)], [6, days(5, 30)]), (n, now, model) => {
  model.panelOn = addDays(now, n);
  return { kind: 'SchedulePanel', panelOn: model.panelOn, papersSentOn: now };
});

/** Commands that need nothing but a date: one of them, issued on the day of the step. */
const oneOf = (...makes: ReadonlyArray<(on: LocalDate) => HouseholdCommand>) =>
  step(fc.constantFrom(...makes), (make, now) => make(now));

const assessmentNoise = fc.oneof(
  schedulePanel,
  oneOf(
    (on) => ({ kind: 'StartAssessment', stage: 1, startedOn: on }),
    (on) => ({ kind: 'StartAssessment', stage: 2, startedOn: on }),
    (on) => ({ kind: 'CompleteCheck', check: 'dbs', completedOn: on }),
    (on) => ({ kind: 'CompleteCheck', check: 'medical', completedOn: on, adultId: 'x9' }),
    (on) => ({ kind: 'ReceivePreviousServiceReference', serviceId: 's1', receivedOn: on }),
    (on) => ({ kind: 'ReceivePreviousServiceReference', serviceId: 's2', receivedOn: on }),
    (on) => ({ kind: 'CompleteTherapeuticCourse', adultId: 'a1', completedOn: on }),
    (on) => ({ kind: 'CompleteTherapeuticCourse', adultId: 'x9', completedOn: on }),
  ),
);

/** The recommendation, usually for the panel scheduled; it is recorded once that panel has sat. */
const panel = step(
  fc.record({
    recommendation: fc.constantFrom('approve' as const, 'approve' as const, 'refuse' as const),
    scheduled: weighted([9, fc.constant(true)], [1, fc.constant(false)]),
    minutes: days(-1, 10),
    recommendedTerms: optional(termsInput),
  }),
  ({ recommendation, scheduled, minutes, recommendedTerms }, now, model) => {
    const panelOn = scheduled ? (model.panelOn ?? now) : now;
    model.floor = panelOn;
    return {
      kind: 'RecordPanelRecommendation',
      panelOn,
      recommendation,
      minutesFinalisedOn: addDays(panelOn, minutes),
      ...(recommendedTerms && { recommendedTerms }),
    };
  },
);

const approve = step(fc.tuple(termsInput, mostlyZero(1, 20)), ([terms, early], now) => ({
  kind: 'Approve',
  decidedOn: addDays(now, -early),
  terms,
}));

const refuse = step(fc.record({ late: days(-1, 3), n: noticeDays, reason }), ({ late, n, reason }, now) => ({
  kind: 'Refuse',
  decidedOn: now,
  noticeGivenOn: addDays(now, late),
  takesEffectOn: addDays(now, late + n),
  reason,
}));

/** `until` in days after approval: absent (16 weeks), within 16 weeks, or past them. */
const approveTemporarily = step(
  fc.record({ terms: termsInput, until: optional(days(-3, 140)) }),
  ({ terms, until }, now, model): HouseholdCommand => {
    const latest = addWeeks(now, 16);
    const asked = until === undefined ? undefined : addDays(now, until);
    model.temporaryExpiresOn ??= asked === undefined || asked > latest ? latest : asked;
    return {
      kind: 'ApproveTemporarily',
      approvedOn: now,
      childId: 'c1',
      terms,
      ...(asked && { until: asked }),
    };
  },
);

/** `until` in days after the expiry the generator expects: absent (8 weeks on), within 8 weeks, or past. */
const extend = step(optional(days(-3, 70)), (n, now, model): HouseholdCommand => {
  const expiry = model.temporaryExpiresOn ?? addWeeks(now, 4);
  return {
    kind: 'ExtendTemporaryApproval',
    extendedOn: now,
    ...(n !== undefined && { until: addDays(expiry, n) }),
  };
});

const annualReview = step(
  fc.record({
    late: mostlyZero(-40, 0),
    outcome: fc.constantFrom('continue' as const, 'change-terms' as const, 'terminate-proposed' as const),
    // Mostly a panel on the review's day or within four weeks after; sometimes (wrongly) before it.
    panel: optional(weighted([9, days(0, 28)], [1, days(-7, -1)])),
  }),
  ({ late, outcome, panel }, now) => ({
    kind: 'HoldAnnualReview',
    reviewedOn: addDays(now, late),
    outcome,
    ...(panel !== undefined && { panelOn: addDays(now, late + panel) }),
  }),
);

const changeTerms = step(
  fc.record({ terms: termsInput, n: weighted([5, noticeDays], [1, days(-5, -1)]), consent: fc.boolean() }),
  ({ terms, n, consent }, now) => ({
    kind: 'ChangeTerms',
    noticeGivenOn: now,
    takesEffectOn: addDays(now, n),
    terms,
    carerConsentedInWriting: consent,
  }),
);

const resign = oneOf((on) => ({ kind: 'ReceiveResignation', receivedOn: on }));
const terminate = step(fc.tuple(noticeDays, reason), ([n, why], now) => ({
  kind: 'Terminate',
  noticeGivenOn: now,
  takesEffectOn: addDays(now, n),
  reason: why,
}));
const suspension = oneOf(
  (on) => ({ kind: 'Suspend', suspendedOn: on, reason: 'allegation' }),
  (on) => ({ kind: 'LiftSuspension', liftedOn: on }),
);

/** Records kept about the household: they rarely matter to approval, but they interleave with it. */
const householdNoise = oneOf(
  (on) => ({ kind: 'SignFosterCareAgreement', signedOn: on, signedBy: ['a1'] }),
  (on) => ({ kind: 'SignFosterCareAgreement', signedOn: on, signedBy: ['x9'] }),
  (on) => ({ kind: 'AllocateSupervisingSocialWorker', sswId: 'w1', allocatedOn: on }),
  (on) => ({ kind: 'AllocateSupervisingSocialWorker', sswId: 'w2', allocatedOn: on }),
  (on) => ({ kind: 'RecordSupervisoryVisit', sswId: 'w1', visitedOn: on, announced: false }),
  (on) => ({ kind: 'RecordHomeCheck', checkedOn: on, checkedBy: 'w1' }),
  (on) => ({ kind: 'RecordPet', petId: 'p1', species: 'dog', description: 'terrier', recordedOn: on }),
  (on) => ({ kind: 'RemovePet', petId: 'p1', removedOn: on }),
  (on) => ({
    kind: 'RecordRiskAssessment',
    assessmentId: on,
    assessmentKind: 'pet',
    petId: 'p1',
    assessedOn: on,
  }),
  (on) => ({ kind: 'RecordRiskAssessment', assessmentId: on, assessmentKind: 'home-safety', assessedOn: on }),
  (on) => ({ kind: 'RecordSafeCarePlan', recordedOn: on, covers: ['p1'] }),
  (on) => ({ kind: 'RecordMemberLeaving', memberId: 'm1', leftOn: on }),
  (on) => ({ kind: 'RecordTraining', adultId: 'a1', course: 'first-aid', completedOn: on }),
  (on) => ({ kind: 'RecordTraining', adultId: 'x9', course: 'safeguarding', completedOn: on }),
  (on) => ({
    kind: 'AddHouseholdMember',
    memberId: 'm1',
    name: 'Member m1',
    dateOfBirth: addDays(on, -5000),
    relationship: 'carers-own-child',
    joinedOn: on,
  }),
);

/** The weeks of a temporary approval, close together: an extension, panel and full approval, an ending. */
const whileTemporary = fc
  .array(
    weighted<ReadonlyArray<Step>>(
      [4, fc.tuple(quickly(extend))],
      [2, fc.tuple(quickly(schedulePanel), quickly(panel), quickly(approve))],
      [3, fc.tuple(quickly(fc.oneof(resign, terminate, refuse)))],
      [2, fc.tuple(quickly(annualReview))],
    ),
    { maxLength: 5, size: '+1' },
  )
  .map((episodes) => episodes.flat());

/** How the application is decided; the temporary branches succeed only on the family-and-friends route. */
const decision = weighted<ReadonlyArray<Step>>(
  [10, fc.tuple(schedulePanel, panel, approve)],
  [2, fc.tuple(schedulePanel, panel, refuse)],
  [1, fc.tuple(refuse)],
  [6, fc.tuple(approveTemporarily, whileTemporary).map(([first, rest]) => [first, ...rest])],
  [2, fc.tuple(approveTemporarily, quickly(extend), schedulePanel, panel, approve)],
  [1, fc.constant([])],
);

/** The years after the decision: anything may happen, the approval's own commands most often. */
const life = weighted(
  [5, annualReview],
  [3, changeTerms],
  [2, extend],
  [2, resign],
  [2, terminate],
  [1, suspension],
  [1, fc.oneof(refuse, approve, panel, approveTemporarily)],
  [3, householdNoise],
  [1, assessmentNoise],
);

const printout = ({ start, commands }: GeneratedHistory): string =>
  [
    `household history from ${start}, ${commands.length} commands:`,
    ...commands.map(({ kind, ...fields }, i) => `  ${i + 1}. ${kind} ${JSON.stringify(fields)}`),
  ].join('\n');

/** A history that prints as a numbered list of commands, which is how fast-check shows counterexamples. */
export const historyOf = (start: LocalDate, commands: ReadonlyArray<HouseholdCommand>): GeneratedHistory => {
  const history = { start, commands };
  return Object.assign(history, { [fc.toStringMethod]: () => printout(history) });
};

/** Lays the steps out on the calendar. */
const materialise = (start: LocalDate, steps: ReadonlyArray<Step>): GeneratedHistory => {
  const model: Model = {};
  let now = start;
  const commands = steps.map((s) => {
    now = maxDate(addDays(now, s.advance), model.floor ?? start);
    return s.build(now, model);
  });
  return historyOf(start, commands);
};

/** A household's life: application, assessment, a decision, then what follows, each step later than the last. */
export const householdHistory: fc.Arbitrary<GeneratedHistory> = fc
  .record({
    start: days(0, 3652).map((i) => addDays(unsafeLocalDate('2020-01-01'), i)),
    opening: weighted<ReadonlyArray<Step>>([39, fc.tuple(application)], [1, fc.constant([])]),
    assessment: fc.array(assessmentNoise, { maxLength: 3 }),
    referees,
    reports: weighted<ReadonlyArray<Step>>(
      [1, fc.constant([])],
      [5, fc.tuple(report)],
      [2, fc.tuple(report, report)],
    ),
    decision,
    life: fc.array(life, { maxLength: 16, size: '+1' }),
  })
  .map(({ start, opening, assessment, referees, reports, decision, life }) =>
    materialise(start, [...opening, ...assessment, ...referees, ...reports, ...decision, ...life]),
  );
