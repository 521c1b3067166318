import { type LocalDate, lastLocalDate } from '../calendar/index.js';
import { shiftWithinCalendar } from '../compliance/context.js';
import type { Deadline } from '../compliance/finding.js';
import type { EventEnvelope } from '../eventsourcing/index.js';
import type { AgencyEvent } from './agency-records.js';
import type { TimelineEntry, TimelineKind } from './model.js';

type Mark = Omit<TimelineEntry, 'recordedOn' | 'late'>;

const mark = (on: LocalDate, kind: TimelineKind, label: string, until?: LocalDate): Mark =>
  until === undefined ? { on, kind, label } : { on, until, kind, label };

/** The last day of a stay of `days` from `startsOn`: a stay running past 9999-12-31 is shown up to it. */
const lastDayOf = (startsOn: LocalDate, days: number): LocalDate =>
  shiftWithinCalendar(startsOn, Math.max(days - 1, 0), 'days') ?? lastLocalDate;

/**
 * Where an event belongs on a review timeline: the date it is about (taken from its data, which is the domain's
 * own date, not when it was stored) and a label without personal details, since packs travel to meetings.
 * Events that are bookkeeping rather than history (checks, identity details) stay off the timeline.
 */
export const timelineMarkOf = (event: EventEnvelope<AgencyEvent>): Mark | undefined => {
  const e = { type: event.type, data: event.data } as AgencyEvent;
  switch (e.type) {
    case 'PlacementReferred':
      return mark(e.data.referredOn, 'placement', `Referred by ${e.data.placingAuthority}`);
    case 'PlacementMatched':
      return mark(e.data.matchedOn, 'placement', 'Matched with the household');
    case 'PlacementStarted':
      return mark(e.data.startedOn, 'placement', `Placement started (${e.data.placementType})`);
    case 'PlacementEnded':
      return mark(
        e.data.endedOn,
        'placement',
        `Placement ended (${e.data.planned ? 'planned' : 'unplanned'})`,
      );
    case 'RespiteTaken':
      return mark(
        e.data.startsOn,
        'respite',
        `Respite, ${e.data.days} day${e.data.days === 1 ? '' : 's'}${e.data.authorisation ? ' (authorised beyond entitlement)' : ''}`,
        lastDayOf(e.data.startsOn, e.data.days),
      );
    case 'ShortBreakStayRecorded':
      return mark(
        e.data.startsOn,
        'respite',
        `Short break, ${e.data.days} days`,
        lastDayOf(e.data.startsOn, e.data.days),
      );
    case 'StabilityMeetingHeld':
      return mark(e.data.heldOn, 'review', 'Stability meeting');
    case 'DisruptionWarningRecorded':
      return mark(e.data.recordedOn, 'concern', 'Disruption warning recorded');
    case 'SessionHeld':
      return mark(e.data.heldOn, 'clinic', `Clinic session held (${e.data.mode}, ${e.data.minutes} min)`);
    case 'SessionCancelled':
      return mark(e.data.cancelledOn, 'clinic', `Clinic session cancelled by the ${e.data.cancelledBy}`);
    case 'SessionNotesRecorded':
      return mark(e.data.writtenOn, 'clinic', 'Clinic session notes written');
    case 'TeamAroundTheChildAttended':
      return mark(
        e.data.meetingOn,
        'clinic',
        e.data.kind === 'tatc' ? 'Team around the child' : 'Professionals meeting',
      );
    case 'CarePlanContributionRecorded':
      return mark(e.data.contributedOn, 'plan', 'Clinician contributed to the care plan');
    case 'SocialWorkerVisitRecorded':
      return mark(
        e.data.visitedOn,
        'visit',
        `Child's social worker visit${e.data.seenAlone ? ', seen alone' : ''}`,
      );
    case 'SupervisoryVisitRecorded':
      return mark(
        e.data.visitedOn,
        'supervision',
        `Supervisory visit (${e.data.announced ? 'announced' : 'unannounced'})`,
      );
    case 'HomeCheckCompleted':
      return mark(e.data.checkedOn, 'supervision', 'Home check');
    case 'LookedAfterReviewHeld':
      return mark(e.data.heldOn, 'review', 'Looked-after review');
    case 'AnnualReviewHeld':
      return mark(e.data.reviewedOn, 'review', `Carers' annual review (${e.data.outcome})`);
    case 'PlacementPlanRecorded':
      return mark(
        e.data.agreedOn,
        'plan',
        `Placement plan agreed${e.data.signedByCarer ? ' and signed' : ', not signed'}`,
      );
    case 'TherapeuticCarePlanAgreed':
      return mark(e.data.agreedOn, 'plan', `Therapeutic care plan v${e.data.version} agreed`);
    case 'TherapeuticCarePlanReviewed':
      return mark(e.data.reviewedOn, 'plan', `Therapeutic care plan v${e.data.version} reviewed`);
    case 'SafetyPlanRecorded':
      return mark(e.data.recordedOn, 'plan', 'Safety plan recorded');
    case 'SafeCarePlanRecorded':
      return mark(e.data.recordedOn, 'plan', 'Safe-care plan recorded');
    case 'HealthNeedRecorded':
      return mark(e.data.recordedOn, 'plan', `Health need recorded (${e.data.kind})`);
    case 'ChildRiskAssessmentRecorded':
      return mark(e.data.assessedOn, 'concern', 'Risk assessment');
    case 'HouseholdApproved':
      return mark(e.data.decidedOn, 'approval', 'Household approved');
    case 'TermsChanged':
      return mark(e.data.takesEffectOn, 'approval', 'Terms of approval changed');
    case 'ApprovalSuspended':
      return mark(e.data.suspendedOn, 'approval', 'Approval suspended');
    case 'SuspensionLifted':
      return mark(e.data.liftedOn, 'approval', 'Suspension lifted');
    case 'SupervisingSocialWorkerAllocated':
      return mark(e.data.allocatedOn, 'supervision', 'Supervising social worker allocated');
    default:
      return undefined;
  }
};

export const inPeriod = (
  on: LocalDate,
  until: LocalDate | undefined,
  from: LocalDate,
  to: LocalDate,
): boolean => on <= to && (until ?? on) >= from;

/** A missed or late deadline as a mark on the day it fell due, carrying its rule. */
export const deadlineMark = (deadline: Deadline): TimelineEntry => ({
  on: deadline.dueOn,
  kind: 'deadline-missed',
  label:
    deadline.state === 'met-late'
      ? `${deadline.description}: met late on ${deadline.metOn}`
      : `${deadline.description}: missed`,
  rule: deadline.rule,
});

const kindOrder: ReadonlyArray<TimelineKind> = [
  'placement',
  'approval',
  'respite',
  'clinic',
  'visit',
  'supervision',
  'review',
  'plan',
  'concern',
  'deadline-missed',
];

export const byTimelineOrder = (a: TimelineEntry, b: TimelineEntry): number =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind);
