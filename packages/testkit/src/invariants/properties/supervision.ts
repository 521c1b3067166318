import { type AgencyPolicy, type Finding, type LocalDate, rules } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { supervisionHouseholdHistories } from '../histories/supervision-households.js';
import { supervisionStaffHistories } from '../histories/supervision-staff.js';
import { differences, named, projectedFindings, warningRules } from '../oracles/supervision-compare.js';
import { approvedOn, householdFacts, staffFacts } from '../oracles/supervision-facts.js';
import {
  annualReviewExpected,
  type Expectation,
  homeCheckExpected,
  reviewDueOn,
  sswExpected,
  trainingExpected,
  tsdsExpected,
} from '../oracles/supervision-households.js';
import { staffExpected, validSession } from '../oracles/supervision-staff.js';
import type { InvariantProperty } from '../property.js';
import type { ScriptRun } from '../run-script.js';

type HouseholdOracle = (
  h: ReturnType<typeof householdFacts> extends ReadonlyMap<string, infer H> ? H : never,
  asOf: LocalDate,
  policy: AgencyPolicy,
) => Expectation[];

const dated = (f: Finding, ...who: ReadonlyArray<string | undefined>) =>
  [...who, f.dueOn === undefined ? undefined : `due ${f.dueOn}`].filter((x) => x !== undefined).join(' ');

/** An alert rule about households: the projection's findings under it, keyed, against the oracle's. */
const householdAlert =
  (rule: (typeof rules)[keyof typeof rules], oracle: HouseholdOracle, key: (f: Finding) => string) =>
  (run: ScriptRun, policy: AgencyPolicy): string[] => {
    const expected = [...householdFacts(run.events).values()].flatMap((h) =>
      oracle(h, run.script.asOf, policy),
    );
    const reported = projectedFindings(run, policy, rule).map((f) => ({ key: key(f), says: f.message }));
    return differences(run, expected, reported);
  };

/** Rule `annual-review`, beyond its findings: the first review goes to panel; a late review warns a placement. */
const reviewsAndPlacements = (run: ScriptRun): string[] => {
  const name = named(run);
  const breaches: string[] = [];
  const households = householdFacts(run.events);
  for (const h of households.values()) {
    const [first] = [...h.reviews].sort((a, b) => a.position - b.position);
    if (first !== undefined && (first.panelOn === undefined || first.panelOn < first.on)) {
      breaches.push(
        name(
          `${h.householdId}: its first annual review, on ${first.on}, is stored without a panel to consider it`,
        ),
      );
    }
  }
  const reviewed = new Set<string>();
  for (const { step, answer } of run.outcomes) {
    const { command } = step.request;
    if (command.kind === 'HoldAnnualReview') {
      if (E.isRight(answer)) reviewed.add(step.request.id);
      else if (
        answer.left.rule?.id === rules.annualReview.id &&
        (command.panelOn !== undefined || reviewed.has(step.request.id))
      ) {
        breaches.push(
          name(
            `${step.request.id}: a review on ${command.reviewedOn} was refused under annual-review, yet it ${command.panelOn === undefined ? 'was not the first' : `went to panel on ${command.panelOn}`}`,
          ),
        );
      }
    }
    if (command.kind !== 'StartPlacement') continue;
    if (E.isLeft(answer)) {
      if (answer.left.rule?.id === rules.annualReview.id) {
        breaches.push(name(`${command.placementId}: refused under annual-review, a rule that only warns`));
      }
      continue;
    }
    const h = households.get(command.householdId);
    const joined = h?.placements.find((p) => p.placementId === command.placementId);
    if (h === undefined || joined === undefined) continue;
    const on = command.startedOn;
    const dueOn = reviewDueOn(h, on, joined.position);
    const overdue = approvedOn(h, on) && dueOn !== undefined && on > dueOn;
    const warned = warningRules(answer.right).includes(rules.annualReview.id);
    if (overdue && !warned) {
      breaches.push(
        name(
          `${command.placementId} started in ${h.householdId} on ${on} with no warning, yet its annual review was overdue since ${dueOn}`,
        ),
      );
    } else if (!overdue && warned) {
      breaches.push(
        name(
          `${command.placementId} started in ${h.householdId} on ${on} with an annual-review warning, yet the review was not due until ${dueOn}`,
        ),
      );
    }
  }
  return breaches;
};

const courseOf = (f: Finding) =>
  ['parent-and-child', 'first-aid', 'safeguarding'].find(
    (c) => f.code.includes(c) || f.message.includes(c),
  ) ?? '?';

/** Rule `staff-supervision`, its record part: every stored session valid; refusals under it only for unsigned ones. */
const supervisionRecords = (run: ScriptRun): string[] => {
  const name = named(run);
  const breaches: string[] = [];
  for (const s of staffFacts(run.events).values()) {
    for (const session of s.sessions.filter((x) => !validSession(x))) {
      breaches.push(
        name(
          `${s.staffId}: a supervision session on ${session.on} is stored unsigned or without its time or length`,
        ),
      );
    }
  }
  for (const { step, answer } of run.outcomes) {
    const { command } = step.request;
    if (command.kind !== 'RecordSupervisionSession' || E.isRight(answer)) continue;
    if (
      answer.left.rule?.id === rules.staffSupervision.id &&
      command.signedBySupervisee &&
      command.signedBySupervisor
    ) {
      breaches.push(
        name(
          `${step.request.id}: session ${command.sessionId}, signed by both, was refused under staff-supervision`,
        ),
      );
    }
  }
  return breaches;
};

/** The catalogue's properties of the supervision rules, by rule id. */
export const supervisionProperties: Readonly<Record<string, InvariantProperty>> = {
  [rules.annualReview.id]: {
    claim:
      'on any day, an annual-review finding is reported for exactly the approved households whose approval or last review is more than 12 months old, due 12 months after it; no first review is stored without a panel; and a placement is started with a warning naming the rule exactly when the review is overdue on its start date',
    histories: supervisionHouseholdHistories,
    check: (run, policy) => [
      ...householdAlert(rules.annualReview, annualReviewExpected, (f) => dated(f, f.subject.householdId))(
        run,
        policy,
      ),
      ...reviewsAndPlacements(run),
    ],
  },
  [rules.ssw.id]: {
    claim:
      'on any day, ssw findings are reported for exactly each approved household with no supervising social worker allocated, each whose approval or last unannounced visit (by any worker) is more than 12 months old, due 12 months after it, and each with no visit of any kind within the policy interval (supervision.sswVisitIntervalDays) of its approval or last visit, due at its end',
    histories: supervisionHouseholdHistories,
    check: householdAlert(rules.ssw, sswExpected, (f) =>
      f.dueOn === undefined ? `${f.subject.householdId} no SSW` : dated(f, f.subject.householdId),
    ),
  },
  [rules.homeCheck.id]: {
    claim:
      'on any day, a home-check finding is reported for exactly the approved households whose approval or last home check is more than 12 months old, due 12 months after it',
    histories: supervisionHouseholdHistories,
    check: householdAlert(rules.homeCheck, homeCheckExpected, (f) => dated(f, f.subject.householdId)),
  },
  [rules.tsds.id]: {
    claim:
      'on any day, a tsds finding is reported for exactly each adult of an approved household whose first TSDS completion is missing or later than 12 months after approval (18 on the family and friends route), due on that day',
    histories: supervisionHouseholdHistories,
    check: householdAlert(rules.tsds, tsdsExpected, (f) =>
      dated(f, f.subject.householdId, f.subject.adultId),
    ),
  },
  [rules.training.id]: {
    claim:
      'on any day, a training finding is reported for exactly each adult of an approved household and each course they need (safeguarding, first aid, and parent-and-child while the terms in force allow it) that they have never completed, or last completed more than the policy refresh period (approvals.trainingRefreshMonths) ago, due at its end',
    histories: supervisionHouseholdHistories,
    check: householdAlert(rules.training, trainingExpected, (f) =>
      [
        f.subject.householdId,
        f.subject.adultId,
        courseOf(f),
        f.dueOn === undefined ? 'missing' : `due ${f.dueOn}`,
      ].join(' '),
    ),
  },
  [rules.staffSupervision.id]: {
    claim:
      'on any day, a staff-supervision finding is reported for exactly each missed interval of a member of staff employed then: an appraisal more than supervision.appraisalIntervalMonths after the start or the last appraisal, and, for therapeutic support workers and clinicians, clinical supervision more than supervision.staffSupervisionIntervalDays after the start or the last clinical session, due at the interval end; and every stored supervision record is signed by both, with a time and a length',
    histories: supervisionStaffHistories,
    check: (run, policy) => {
      const expected = [...staffFacts(run.events).values()].flatMap((s) =>
        staffExpected(s, run.script.asOf, policy),
      );
      const reported = projectedFindings(run, policy, rules.staffSupervision).map((f) => ({
        key: `${f.subject.staffId} ${f.code.includes('appraisal') ? 'appraisal' : 'clinical'} due ${f.dueOn}`,
        says: f.message,
      }));
      return [...differences(run, expected, reported), ...supervisionRecords(run)];
    },
  },
};
