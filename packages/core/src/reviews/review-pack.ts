import { householdCompliance } from '../approvals/compliance/household-compliance.js';
import { initialHouseholdState } from '../approvals/state.js';
import { statusOn, termsOn } from '../approvals/status.js';
import type { Terms } from '../approvals/terms.js';
import { daysBetween, type LocalDate, localDateOf } from '../calendar/index.js';
import { childCompliance } from '../children/compliance/child-compliance.js';
import { initialChildState } from '../children/state.js';
import { clinicCompliance } from '../clinics/compliance/clinic-compliance.js';
import type { ComplianceContext } from '../compliance/context.js';
import type { Deadline, Finding } from '../compliance/finding.js';
import {
  ERASED_TEXT,
  type EventEnvelope,
  isErased,
  ownValue,
  shownOrErased,
} from '../eventsourcing/index.js';
import { placementCompliance } from '../placements/compliance/placement-compliance.js';
import { respiteBalance } from '../placements/projections/placements.js';
import { ageOn } from '../placements/start/decide-start.js';
import { initialPlacementState } from '../placements/state.js';
import { householdSupervision } from '../supervision/compliance/household-supervision.js';
import type { AgencyEvent, AgencyRecords } from './agency-records.js';
import type { AsOfDate, LateRecording, PlanLine, ReviewPack, TimelineEntry } from './model.js';
import { recordEntriesOf } from './record-entries.js';
import { byTimelineOrder, deadlineMark, inPeriod, timelineMarkOf } from './timeline.js';

/** What a review pack is built from: the involved streams' events as they stood, and their folded records. */
export interface ReviewHistory {
  readonly placementId: string;
  readonly records: AgencyRecords;
  readonly events: ReadonlyArray<EventEnvelope<AgencyEvent>>;
  readonly streams: ReadonlyArray<string>;
}

export interface ReviewPeriod {
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly asOf: AsOfDate;
}

const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter((part) => part !== '')
    .map((part) => `${part[0]?.toUpperCase()}.`)
    .join(' ');

const describeTerms = (terms: Terms): string =>
  `up to ${terms.maxChildren} child${terms.maxChildren === 1 ? '' : 'ren'} aged ${terms.ageRange.minAge}–${terms.ageRange.maxAge}; ${terms.placementTypes.join(', ')}${terms.supportPackages.length > 0 ? `; packages: ${terms.supportPackages.join(', ')}` : ''}`;

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

const lateRecordingsOf = (
  history: ReviewHistory,
  period: ReviewPeriod,
  lateDays: number,
): ReadonlyArray<LateRecording> =>
  history.events.flatMap((event) => {
    const occurredOn = localDateOf(event.occurredAt);
    const recordedOn = localDateOf(event.recordedAt);
    const daysLate = daysBetween(occurredOn, recordedOn);
    if (daysLate < lateDays || occurredOn < period.from || occurredOn > period.to) return [];
    const label = timelineMarkOf(event)?.label ?? event.type;
    return [{ streamId: event.streamId, eventType: event.type, label, occurredOn, recordedOn, daysLate }];
  });

/**
 * The review pack for one placement over a period: pure, from the history of the streams involved (placement,
 * child, household, the household's clinic series) as it stood. Deadlines and findings are judged at the end of
 * the period, so a pack for a past review shows what that review should have seen.
 */
export const reviewPack = (
  history: ReviewHistory,
  period: ReviewPeriod,
  context: ComplianceContext,
): ReviewPack => {
  const { records } = history;
  const placement = ownValue(records.placements, history.placementId) ?? initialPlacementState;
  const started = placement.started;
  const childId = started?.childId ?? placement.referral?.childId ?? '';
  const householdId = started?.householdId ?? placement.match?.householdId ?? '';
  const child = ownValue(records.children, childId) ?? initialChildState;
  const household = ownValue(records.households, householdId) ?? initialHouseholdState;
  const clinics = Object.values(records.clinics).filter((series) => series.householdId === householdId);
  const { to, from } = period;

  const judged = [
    placementCompliance(placement, household, child, context),
    childCompliance(child, context, optional('supportPackage', started?.supportPackage)),
    householdCompliance(household, context),
    ...clinics.map((series) => clinicCompliance(series, context)),
    ...[householdSupervision(household, context)].filter((s) => s !== undefined),
  ];
  const deadlines: Deadline[] = judged
    .flatMap((part) => part.deadlines)
    .filter((d) => d.dueOn >= from && d.dueOn <= to)
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  const openFindings: Finding[] = judged.flatMap((part) => part.findings);

  const lateRecordings = lateRecordingsOf(history, period, context.policy.reviews.lateRecordingDays);
  const late = new Set(lateRecordings.map((r) => `${r.streamId}:${r.eventType}:${r.occurredOn}`));
  // The placement itself as a span, so a placement that began before the period still shows on its lane.
  const stay: TimelineEntry[] =
    started === undefined || !inPeriod(started.startedOn, placement.ended?.endedOn ?? to, from, to)
      ? []
      : [
          {
            on: started.startedOn,
            until: placement.ended?.endedOn ?? to,
            kind: 'placement',
            label: placement.ended === undefined ? 'In placement' : 'In placement until it ended',
          },
        ];
  const timeline: TimelineEntry[] = [
    ...stay,
    ...history.events.flatMap((event) => {
      const mark = timelineMarkOf(event);
      if (mark === undefined || !inPeriod(mark.on, mark.until, from, to)) return [];
      const recordedOn = localDateOf(event.recordedAt);
      const isLate = late.has(`${event.streamId}:${event.type}:${localDateOf(event.occurredAt)}`);
      return [{ ...mark, ...(isLate ? { recordedOn, late: true } : {}) }];
    }),
    ...deadlines.filter((d) => d.state === 'overdue' || d.state === 'met-late').map(deadlineMark),
  ].sort(byTimelineOrder);

  const terms = termsOn(household, to);
  const placementPlan = ownValue(child.placementPlans, history.placementId)?.at(-1);
  const carePlan = child.carePlans.at(-1);
  const plans: PlanLine[] = [
    ...(placementPlan === undefined
      ? []
      : [
          {
            title: 'Placement plan',
            detail: placementPlan.signedByCarer
              ? 'agreed and signed by the carers'
              : 'agreed, not signed by the carers',
            since: placementPlan.agreedOn,
          },
        ]),
    ...(carePlan === undefined
      ? []
      : [
          { title: 'Therapeutic care plan', detail: `version ${carePlan.version}`, since: carePlan.agreedOn },
        ]),
    ...(child.safetyPlan === undefined
      ? []
      : [
          {
            title: 'Safety plan',
            detail: `covers ${child.safetyPlan.assessmentIds.length} risk assessment(s)`,
            since: child.safetyPlan.recordedOn,
          },
        ]),
    ...(household.safeCarePlan === undefined
      ? []
      : [
          {
            title: 'Safe-care plan',
            detail: `covers ${household.safeCarePlan.covers.length} need(s)`,
            since: household.safeCarePlan.recordedOn,
          },
        ]),
    ...Object.values(child.healthNeeds).map((need) => ({
      title: need.kind === 'allergy' ? 'Allergy' : 'Medical need',
      detail: context.policy.reviews.fullChildNames
        ? shownOrErased(need.description)
        : 'recorded (details in the child record)',
      since: need.recordedOn,
    })),
  ];

  const respite = respiteBalance(placement, to, context.policy);
  return {
    placementId: history.placementId,
    period: { from, to },
    asOf: period.asOf,
    child: {
      childId,
      displayName:
        child.name === undefined
          ? childId
          : isErased(child.name)
            ? ERASED_TEXT
            : context.policy.reviews.fullChildNames
              ? child.name
              : initials(child.name),
      ...optional(
        'ageAtEnd',
        child.dateOfBirth === undefined || isErased(child.dateOfBirth)
          ? undefined
          : ageOn(child.dateOfBirth, to),
      ),
      ...optional('placingAuthority', child.placingAuthority ?? placement.referral?.placingAuthority),
    },
    household: {
      householdId,
      carers: Object.values(household.applicants).map((a) => shownOrErased(a.name)),
      status: statusOn(household, to),
      ...optional('terms', terms === undefined ? undefined : describeTerms(terms)),
      ...optional('supervisingSocialWorker', household.ssw?.sswId),
    },
    placement: {
      ...optional('startedOn', started?.startedOn),
      ...optional('endedOn', placement.ended?.endedOn),
      ...optional(
        'endReason',
        placement.ended === undefined ? undefined : shownOrErased(placement.ended.reason),
      ),
      ...optional('kind', started?.placementType),
      ...optional('supportPackage', started?.supportPackage),
    },
    timeline,
    deadlines,
    lateRecordings,
    ...optional('respite', respite),
    plans,
    openFindings,
    entries: recordEntriesOf(history.events, { childId, householdId, records }, period),
    sources: { streams: history.streams, events: history.events.length },
  };
};
