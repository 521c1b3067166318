import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  type LocalDate,
  maxDate,
  unsafeLocalDate,
} from '../calendar/index.js';
import { fold } from '../eventsourcing/index.js';
import { type Rule, rules } from '../rules/index.js';
import {
  type GeneratedHistory,
  historyOf,
  householdHistory,
} from './__fixtures__/household-commands.arbitrary.js';
import { HouseholdCommand } from './commands.js';
import { reviewDueOn } from './compliance/approved-household.js';
import { householdDecider } from './decider.js';
import type { ApprovalsError } from './decisions/guards.js';
import type { HouseholdEvent } from './events/index.js';
import type { HouseholdState } from './state.js';
import { statusOn } from './status.js';

const runs = Number(process.env.FOSTERING_PROPERTY_RUNS) || 100;
const named = (rule: Rule, claim: string) => `${rule.id} (${rule.citation}): ${claim}`;

/** One command as the handler saw it: the record before, the decision, the record after. */
interface Outcome {
  readonly command: HouseholdCommand;
  readonly before: HouseholdState;
  readonly historyBefore: ReadonlyArray<HouseholdEvent>;
  readonly decision: E.Either<ApprovalsError, ReadonlyArray<HouseholdEvent>>;
  readonly after: HouseholdState;
  readonly historyAfter: ReadonlyArray<HouseholdEvent>;
}

interface Replay {
  readonly outcomes: ReadonlyArray<Outcome>;
  readonly events: ReadonlyArray<HouseholdEvent>;
  readonly state: HouseholdState;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/** Applies the commands one by one, as a command handler would: accepted events are appended, refusals not. */
const replay = ({ commands }: GeneratedHistory): Replay => {
  const { decide, evolve, initialState } = householdDecider;
  let events: ReadonlyArray<HouseholdEvent> = [];
  let state = initialState;
  const outcomes: Outcome[] = [];
  for (const command of commands) {
    const before = state;
    const historyBefore = events;
    // Frozen, so a decider that mutated the record it was given would throw.
    const decision = decide(command, deepFreeze(state));
    if (E.isRight(decision)) {
      events = [...events, ...decision.right];
      state = decision.right.reduce(evolve, state);
    }
    outcomes.push({ command, before, historyBefore, decision, after: state, historyAfter: events });
  }
  return { outcomes, events, state };
};

const foldHousehold = fold(householdDecider);

const eventsOf = <T extends HouseholdEvent['type']>(events: ReadonlyArray<HouseholdEvent>, type: T) =>
  events.filter((e): e is Extract<HouseholdEvent, { type: T }> => e.type === type);

/** The events each accepted command produced, with the record as it stood before that command. */
const accepted = function* (outcomes: ReadonlyArray<Outcome>) {
  for (const { decision, before } of outcomes) {
    if (E.isRight(decision)) for (const event of decision.right) yield { event, before };
  }
};

/** What the decider made of each command, to read beside the counterexample fast-check prints. */
const explain = ({ outcomes }: Replay): string =>
  outcomes
    .map(({ command, decision }, i) => {
      const said = E.isRight(decision)
        ? `accepted: ${decision.right.map((e) => e.type).join(', ') || 'no events'}`
        : `refused (${decision.left.rule?.id ?? decision.left._tag}): ${decision.left.message}`;
      return `  ${i + 1}. ${command.kind} ${said}`;
    })
    .join('\n');

/**
 * Runs a check over generated histories, and first over the `known` ones below; checks fail with vitest's
 * `expect`, saying what went wrong.
 */
const everyHistory = (check: (replayed: Replay) => void) =>
  fc.assert(
    fc.property(householdHistory, (history) => {
      const replayed = replay(history);
      try {
        check(replayed);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\nthe decider's answers:\n${explain(replayed)}`, { cause: error });
      }
    }),
    { numRuns: runs, examples: Object.values(known).map((history) => [history]) },
  );

/**
 * Counterexamples that runs of these properties shrank to. Each exposed a decider bug (since fixed) and each
 * is rare under the generator (one history in hundreds or thousands), so every property replays them on every
 * run as regression cases before the random histories.
 */
const jan = (day: number) => unsafeLocalDate(`2020-01-${String(day).padStart(2, '0')}`);
const terms = { ageRange: { minAge: 0, maxAge: 4 }, placementTypes: ['short-term' as const], maxChildren: 1 };
const applicants = [{ adultId: 'a1', name: 'A1' }];
const route = 'family-and-friends';
const connectedPerson: HouseholdCommand[] = [
  {
    kind: 'ReceiveApplication',
    householdId: 'h1',
    receivedOn: jan(1),
    route,
    applicants,
    previousServices: [],
  },
  { kind: 'ApproveTemporarily', approvedOn: jan(1), childId: 'c1', terms },
];
const referee = (refereeId: string): HouseholdCommand => ({
  kind: 'InterviewReferee',
  refereeId,
  name: refereeId,
  relationship: 'friend',
  interviewedOn: jan(1),
});
const known = {
  /** A refusal and a resignation both accepted; statusOn then says 'refused' after the resignation ended it. */
  refusedAfterResigning: historyOf(jan(1), [
    ...connectedPerson,
    { kind: 'Refuse', decidedOn: jan(1), noticeGivenOn: jan(1), takesEffectOn: jan(30), reason: 'x' },
    { kind: 'ReceiveResignation', receivedOn: jan(1) },
  ]),
  /** A temporary approval extended on the day the resignation ended it (after a termination alike). */
  extendedAfterResigning: historyOf(jan(1), [
    ...connectedPerson,
    { kind: 'ReceiveResignation', receivedOn: jan(1) },
    { kind: 'ExtendTemporaryApproval', extendedOn: jan(29) },
  ]),
  /** The first annual review of a full approval dated the day before it, under the temporary approval. */
  reviewedBeforeApproval: historyOf(jan(1), [
    ...connectedPerson,
    referee('r1'),
    referee('r2'),
    { kind: 'CompleteAssessmentReport', completedOn: jan(1), proposedTerms: terms },
    { kind: 'SchedulePanel', panelOn: jan(6), papersSentOn: jan(1) },
    {
      kind: 'RecordPanelRecommendation',
      panelOn: jan(6),
      recommendation: 'approve',
      minutesFinalisedOn: jan(7),
    },
    { kind: 'Approve', decidedOn: jan(6), terms },
    { kind: 'HoldAnnualReview', reviewedOn: jan(5), outcome: 'continue', panelOn: jan(6) },
  ]),
};

/** Oracle for rule `annual-review`: the same day twelve months on, 29 February falling back to the 28th. */
const twelveMonthsAfter = (date: LocalDate): LocalDate => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year + 1, month, 0)).getUTCDate();
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year + 1, 4)}-${pad(month, 2)}-${pad(Math.min(day, lastDay), 2)}` as LocalDate;
};

/** Oracle from the events alone: the latest review, or the approval if there is none, plus 12 months. */
const reviewDueFromEvents = (events: ReadonlyArray<HouseholdEvent>) => {
  const approvedOn = eventsOf(events, 'HouseholdApproved')[0]?.data.decidedOn;
  if (approvedOn === undefined) return undefined;
  const reviews = eventsOf(events, 'AnnualReviewHeld').map((e) => e.data.reviewedOn);
  const last = reviews.length === 0 ? approvedOn : reviews.reduce(maxDate);
  return { approvedOn, last, dueOn: twelveMonthsAfter(last) };
};

describe('household decider over generated command histories', () => {
  it('generates only commands the HouseholdCommand codec accepts', () => {
    fc.assert(
      fc.property(householdHistory, ({ commands }) =>
        commands.every((command) => E.isRight(HouseholdCommand.decode(command))),
      ),
      { numRuns: runs },
    );
  });

  it('a refused command changes neither history nor state; a rule violation cites a catalogued rule', () => {
    const catalogue = new Map(Object.values(rules).map((rule) => [rule.id, rule.citation]));
    everyHistory(({ outcomes, events, state }) => {
      for (const { decision, before, after, historyBefore, historyAfter } of outcomes) {
        expect(foldHousehold(historyBefore)).toEqual(before);
        if (E.isRight(decision)) continue;
        expect(historyAfter).toBe(historyBefore);
        expect(foldHousehold(historyAfter)).toEqual(before);
        expect(after).toBe(before);
        if (decision.left._tag === 'RuleViolation') {
          const { rule } = decision.left;
          expect(catalogue.has(rule.id), `rule id '${rule.id}' is in the catalogue`).toBe(true);
          expect(rule.citation.trim()).not.toBe('');
          expect(rule.citation).toBe(catalogue.get(rule.id));
        }
      }
      expect(foldHousehold(events)).toEqual(state);
    });
  });

  it(named(rules.terms, 'no household is ever approved without an explicit maxChildren'), () => {
    const positive = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 1;
    everyHistory(({ events, state }) => {
      for (const e of events) {
        if (e.type === 'AssessmentReportCompleted')
          expect(positive(e.data.proposedTerms.maxChildren)).toBe(true);
        if (e.type === 'HouseholdApproved' || e.type === 'TemporarilyApproved' || e.type === 'TermsChanged') {
          expect(positive(e.data.terms.maxChildren), `${e.type} states maxChildren`).toBe(true);
        }
      }
      for (const period of state.termsHistory) expect(positive(period.terms.maxChildren)).toBe(true);
    });
  });

  it(named(rules.notice28, 'refusal, termination, change of terms: effective 28 days after notice'), () => {
    const notice = (e: { data: { noticeGivenOn: LocalDate; takesEffectOn: LocalDate } }) =>
      daysBetween(e.data.noticeGivenOn, e.data.takesEffectOn);
    everyHistory(({ events }) => {
      for (const e of eventsOf(events, 'ApprovalRefused')) expect(notice(e)).toBeGreaterThanOrEqual(28);
      for (const e of eventsOf(events, 'ApprovalTerminated')) expect(notice(e)).toBeGreaterThanOrEqual(28);
      for (const e of eventsOf(events, 'TermsChanged')) {
        expect(notice(e)).toBeGreaterThanOrEqual(e.data.carerConsentedInWriting ? 0 : 28);
      }
    });
  });

  it(named(rules.notice28, 'a resignation ends approval 28 days after it is received, and for good'), () => {
    everyHistory(({ events, state }) => {
      const resignations = eventsOf(events, 'ResignationReceived');
      expect(resignations.length).toBeLessThanOrEqual(1);
      for (const { data } of resignations) {
        expect(daysBetween(data.receivedOn, data.approvalEndsOn)).toBe(28);
        // Resignation and termination exclude each other; only a refusal in force first can win.
        const refusal = state.refusal?.takesEffectOn;
        const ended = refusal !== undefined && refusal <= data.approvalEndsOn ? 'refused' : 'resigned';
        expect(statusOn(state, addDays(data.approvalEndsOn, -1))).not.toBe('resigned');
        expect(statusOn(state, data.approvalEndsOn)).toBe(ended);
        for (const later of [60, 400]) {
          expect(statusOn(state, addDays(data.approvalEndsOn, later)), `${later} days after it ended`).toBe(
            ended,
          );
        }
      }
    });
  });

  it(named(rules.annualReview, 'review due at most 12 months after the last review or the approval'), () => {
    everyHistory(({ outcomes }) => {
      for (const { historyAfter, after, command } of outcomes) {
        const due = reviewDueFromEvents(historyAfter);
        expect(due === undefined, `approval in events and state after ${command.kind}`).toBe(
          after.approvedOn === undefined,
        );
        if (due === undefined) continue;
        expect(daysBetween(due.last, due.dueOn)).toBeGreaterThanOrEqual(365);
        expect(daysBetween(due.last, due.dueOn)).toBeLessThanOrEqual(366);
        expect(due.dueOn <= addMonths(due.last, 12)).toBe(true);
        expect(due.dueOn <= twelveMonthsAfter(maxDate(due.last, due.approvedOn))).toBe(true);
        expect(reviewDueOn(after), `production reviewDueOn after ${command.kind}`).toBe(due.dueOn);
      }
    });
  });

  it(named(rules.annualReview, 'a review falls within the full approval; the first goes to panel'), () => {
    everyHistory(({ outcomes, events }) => {
      const [first] = eventsOf(events, 'AnnualReviewHeld');
      if (first !== undefined) expect(first.data.panelOn, 'the first review went to panel').toBeDefined();
      for (const { event, before } of accepted(outcomes)) {
        if (event.type !== 'AnnualReviewHeld') continue;
        const { reviewedOn } = event.data;
        expect(before.approvedOn, 'a full approval exists').toBeDefined();
        expect(
          reviewedOn >= (before.approvedOn ?? reviewedOn),
          `reviewed ${reviewedOn}, approved ${before.approvedOn}`,
        ).toBe(true);
        expect(['approved', 'suspended']).toContain(statusOn(before, reviewedOn));
      }
    });
  });

  it(named(rules.temporaryApproval, 'at most 16 weeks, extended once by at most 8, never once ended'), () => {
    everyHistory(({ outcomes, events, state }) => {
      const temporaries = eventsOf(events, 'TemporarilyApproved');
      const extensions = eventsOf(events, 'TemporaryApprovalExtended');
      expect(temporaries.length).toBeLessThanOrEqual(1);
      expect(extensions.length).toBeLessThanOrEqual(1);
      const [temporary] = temporaries;
      if (temporary === undefined) return expect(extensions).toHaveLength(0);
      const { approvedOn, expiresOn } = temporary.data;
      expect(approvedOn < expiresOn).toBe(true);
      expect(daysBetween(approvedOn, expiresOn)).toBeLessThanOrEqual(16 * 7);
      expect(daysBetween(expiresOn, state.temporary?.expiresOn ?? expiresOn)).toBeLessThanOrEqual(8 * 7);
      for (const { event, before } of accepted(outcomes)) {
        if (event.type !== 'TemporaryApprovalExtended') continue;
        const { extendedOn } = event.data;
        // `expiresOn` is the first day not covered (docs/domain/approvals.md): extend before it.
        expect(extendedOn < expiresOn, `extended on ${extendedOn}, lapsed on ${expiresOn}`).toBe(true);
        expect(event.data.expiresOn > expiresOn).toBe(true);
        expect(daysBetween(expiresOn, event.data.expiresOn)).toBeLessThanOrEqual(8 * 7);
        expect(
          ['temporarily-approved', 'suspended'],
          `status on ${extendedOn}, the day of the extension`,
        ).toContain(statusOn(before, extendedOn));
      }
    });
  });

  it('the generator reaches the interesting states, so the properties above are not vacuous', () => {
    const counts = new Map<string, number>();
    const count = (key: string, reached: boolean) =>
      counts.set(key, (counts.get(key) ?? 0) + (reached ? 1 : 0));
    for (const history of fc.sample(householdHistory, { numRuns: 200, seed: 20260403 })) {
      const { outcomes, events, state } = replay(history);
      const has = (type: HouseholdEvent['type']) => events.some((e) => e.type === type);
      const refusedBy = (rule: Rule) =>
        outcomes.some(({ decision }) => E.isLeft(decision) && decision.left.rule?.id === rule.id);
      count('approved', has('HouseholdApproved'));
      count('refused', has('ApprovalRefused'));
      count('temporarily approved', has('TemporarilyApproved'));
      count('extended', has('TemporaryApprovalExtended'));
      count('reviewed', has('AnnualReviewHeld'));
      count('terms changed', has('TermsChanged'));
      count('resigned', has('ResignationReceived'));
      count('terminated', has('ApprovalTerminated'));
      const last = statusOn(state, addDays(history.start, 20000));
      count('finally resigned', last === 'resigned');
      count('finally terminated', last === 'terminated');
      for (const rule of [rules.terms, rules.notice28, rules.temporaryApproval, rules.annualReview]) {
        count(`refused by ${rule.id}`, refusedBy(rule));
      }
    }
    if (process.env.FOSTERING_SHOW_COUNTS) console.log(Object.fromEntries(counts));
    for (const [key, n] of counts) expect(n, `${key}: ${n} of 200 histories`).toBeGreaterThanOrEqual(5);
  });
});
