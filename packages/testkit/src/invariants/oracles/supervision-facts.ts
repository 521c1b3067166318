import type { AgencyEvent, EventEnvelope, LocalDate, PlacementType } from '@fostering/core';

/**
 * The supervision oracles' own reading of the stored events: the dated facts the rules speak of, folded here
 * without the core's state or projections, and their own calendar arithmetic (months and days on the civil
 * calendar, from the date's digits).
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLength = (y: number, m: number) =>
  m === 2 ? (leap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

/** `n` months after a date: the same day of the month, or the month's last day when it has no such day. */
export const monthsAfter = (date: LocalDate, n: number): LocalDate => {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, monthLength(year, month)))}` as LocalDate;
};

/** `n` days after a date (before it when negative). */
export const daysAfter = (date: LocalDate, n: number): LocalDate => {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}` as LocalDate;
};

export const latest = (dates: ReadonlyArray<LocalDate>): LocalDate | undefined =>
  dates.reduce<LocalDate | undefined>((max, d) => (max === undefined || d > max ? d : max), undefined);
export const earliest = (dates: ReadonlyArray<LocalDate>): LocalDate | undefined =>
  dates.reduce<LocalDate | undefined>((min, d) => (min === undefined || d < min ? d : min), undefined);

export type Course = 'safeguarding' | 'first-aid' | 'parent-and-child' | 'tsds';

/** One household as its stored events tell it. */
export interface HouseholdFacts {
  readonly householdId: string;
  route?: string;
  adults: string[];
  approvedOn?: LocalDate;
  /** The first day the approval no longer holds: resignation, termination or refusal taking effect. */
  endsOn?: LocalDate;
  /** Terms by the day they take effect, in recording order. */
  terms: Array<{ readonly from: LocalDate; readonly placementTypes: ReadonlyArray<PlacementType> }>;
  reviews: Array<{ readonly on: LocalDate; readonly panelOn?: LocalDate; readonly position: number }>;
  allocations: Array<{ readonly sswId: string; readonly on: LocalDate }>;
  visits: Array<{ readonly on: LocalDate; readonly announced: boolean; readonly sswId: string }>;
  homeChecks: LocalDate[];
  training: Array<{ readonly adultId: string; readonly course: Course; readonly on: LocalDate }>;
  /** Placements that joined the household, with the position of their event in the run. */
  placements: Array<{ readonly placementId: string; readonly on: LocalDate; readonly position: number }>;
}

const earlier = (a: LocalDate | undefined, b: LocalDate) => (a === undefined || b < a ? b : a);

/** Every household the events speak of, by household id. */
export const householdFacts = (
  events: ReadonlyArray<EventEnvelope<AgencyEvent>>,
): ReadonlyMap<string, HouseholdFacts> => {
  const households = new Map<string, HouseholdFacts>();
  events.forEach((event, position) => {
    if (!event.streamId.startsWith('household-')) return;
    const householdId = event.streamId.slice('household-'.length);
    const h: HouseholdFacts = households.get(householdId) ?? {
      householdId,
      adults: [],
      terms: [],
      reviews: [],
      allocations: [],
      visits: [],
      homeChecks: [],
      training: [],
      placements: [],
    };
    households.set(householdId, h);
    switch (event.type) {
      case 'ApplicationReceived':
        h.route = event.data.route;
        h.adults = event.data.applicants.map((a) => a.adultId);
        break;
      case 'HouseholdApproved':
        h.approvedOn = event.data.decidedOn;
        h.terms.push({ from: event.data.decidedOn, placementTypes: event.data.terms.placementTypes });
        break;
      case 'TermsChanged':
        h.terms.push({ from: event.data.takesEffectOn, placementTypes: event.data.terms.placementTypes });
        break;
      case 'ResignationReceived':
        h.endsOn = earlier(h.endsOn, event.data.approvalEndsOn);
        break;
      case 'ApprovalTerminated':
      case 'ApprovalRefused':
        h.endsOn = earlier(h.endsOn, event.data.takesEffectOn);
        break;
      case 'AnnualReviewHeld':
        h.reviews.push({
          on: event.data.reviewedOn,
          ...(event.data.panelOn === undefined ? {} : { panelOn: event.data.panelOn }),
          position,
        });
        break;
      case 'SupervisingSocialWorkerAllocated':
        h.allocations.push({ sswId: event.data.sswId, on: event.data.allocatedOn });
        break;
      case 'SupervisoryVisitRecorded':
        h.visits.push({ on: event.data.visitedOn, announced: event.data.announced, sswId: event.data.sswId });
        break;
      case 'HomeCheckCompleted':
        h.homeChecks.push(event.data.checkedOn);
        break;
      case 'TrainingCompleted':
        h.training.push({
          adultId: event.data.adultId,
          course: event.data.course,
          on: event.data.completedOn,
        });
        break;
      case 'ChildJoinedHousehold':
        h.placements.push({ placementId: event.data.placementId, on: event.data.startedOn, position });
        break;
      default:
        break;
    }
  });
  return households;
};

/**
 * Whether the household holds a full approval on the day: approved on or before it, and no ending in effect.
 * A suspended household is still approved (its obligations continue). The histories hold no temporary
 * approvals, so these oracles do not read them.
 */
export const approvedOn = (h: HouseholdFacts, on: LocalDate): boolean =>
  h.approvedOn !== undefined && h.approvedOn <= on && (h.endsOn === undefined || on < h.endsOn);

/** The placement types of the terms in force on the day: the last recorded terms to have taken effect. */
export const placementTypesOn = (h: HouseholdFacts, on: LocalDate): ReadonlyArray<PlacementType> =>
  h.terms.filter((t) => t.from <= on).at(-1)?.placementTypes ?? [];

/** One member of staff as the stored events tell it. */
export interface StaffFacts {
  readonly staffId: string;
  role?: string;
  startedOn?: LocalDate;
  leftOn?: LocalDate;
  sessions: Array<{
    readonly on: LocalDate;
    readonly clinical: boolean;
    readonly signed: boolean;
    readonly startTime: string;
    readonly minutes: number;
  }>;
  appraisals: LocalDate[];
}

export const staffFacts = (
  events: ReadonlyArray<EventEnvelope<AgencyEvent>>,
): ReadonlyMap<string, StaffFacts> => {
  const staff = new Map<string, StaffFacts>();
  for (const event of events) {
    if (!event.streamId.startsWith('staff-')) continue;
    const staffId = event.streamId.slice('staff-'.length);
    const s: StaffFacts = staff.get(staffId) ?? { staffId, sessions: [], appraisals: [] };
    staff.set(staffId, s);
    switch (event.type) {
      case 'StaffMemberRegistered':
        s.role = event.data.role;
        s.startedOn = event.data.startedOn;
        break;
      case 'StaffMemberLeft':
        s.leftOn = event.data.leftOn;
        break;
      case 'SupervisionSessionRecorded':
        s.sessions.push({
          on: event.data.heldOn,
          clinical: event.data.kind === 'clinical',
          signed: event.data.signedBySupervisee && event.data.signedBySupervisor,
          startTime: event.data.startTime,
          minutes: event.data.minutes,
        });
        break;
      case 'AppraisalCompleted':
        s.appraisals.push(event.data.appraisedOn);
        break;
      default:
        break;
    }
  }
  return staff;
};
