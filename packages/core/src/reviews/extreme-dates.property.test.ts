import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { householdStreamId } from '../approvals/decider.js';
import * as hh from '../approvals/events/index.js';
import { approvalsRegister } from '../approvals/projections/households.js';
import type { Terms } from '../approvals/terms.js';
import {
  addDays,
  unsafeLocalDate as d,
  daysBetween,
  firstLocalDate,
  type LocalDate,
  lastLocalDate,
  maxDate,
  minDate,
} from '../calendar/index.js';
import { childStreamId } from '../children/decider.js';
import * as ch from '../children/events/index.js';
import { clinicStreamId } from '../clinics/decider.js';
import * as cl from '../clinics/events/index.js';
import { clinicianCaseload } from '../clinics/projections/clinic-series.js';
import { complianceContext } from '../compliance/context.js';
import {
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  eventStamper,
  inMemoryEventStore,
  inMemoryOutbox,
  project,
  systemClock,
} from '../eventsourcing/index.js';
import { deadlineNotifications } from '../notifications/deadline-notifications.js';
import { findingNotifications } from '../notifications/finding-notifications.js';
import { notificationScheduler } from '../notifications/scheduler.js';
import { placementStreamId } from '../placements/decider.js';
import * as pl from '../placements/events.js';
import {
  householdOccupancy,
  placementsRegister,
  respiteBalance,
  stabilityFigures,
} from '../placements/projections/placements.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { historyAt } from '../replay/as-of.js';
import { everything } from '../replay/history-cut.js';
import { supervisionDueLists } from '../supervision/compliance/due-lists.js';
import { unannouncedVisitCompliance } from '../supervision/compliance/household-supervision.js';
import { staffStreamId } from '../supervision/decider.js';
import * as st from '../supervision/events/index.js';
import { agencyEvents, agencyRecords } from './agency-records.js';
import { agencyFindings, complianceReport } from './compliance-report.js';
import { loadComplianceReport, loadReviewPack } from './load.js';
import { reviewPack } from './review-pack.js';

/**
 * Commands accept any date from 0000-01-01 to 9999-12-31, so a record may hold dates at either end of the
 * calendar. Reads (compliance, projections, the review pack, notifications) must answer for every one of them:
 * a deadline that would fall after 9999-12-31 is left out, never thrown over.
 */

const runs = Number(process.env.FOSTERING_PROPERTY_RUNS) || 100;
/** A history goes through a store, two loaders and every report for several dates: allow for long runs. */
const timeout = Math.max(60_000, runs * 1_000);

const actor = { id: 'extreme-dates', role: 'agency-admin' };
/** Events occur at nine o'clock on the date they are about, so as-of cuts see them on that date. */
const nine = (day: LocalDate) => new Date(`${day}T09:00:00Z`);

const allTerms: Terms = {
  maxChildren: 3,
  ageRange: { minAge: 0, maxAge: 25 },
  placementTypes: [
    'short-term',
    'long-term',
    'emergency',
    'short-breaks',
    'parent-and-child',
    'sibling-group',
    'staying-put',
  ],
  supportPackages: ['standard', 'enhanced', 'intensive'],
  exemptions: [],
};

const dayOf = (start: string, days: number) =>
  fc.integer({ min: 0, max: days }).map((n) => addDays(d(start), n));
// Year 0000 is a leap year (divisible by 400): 366 days. Year 9999 is not.
const earliestYear = dayOf('0000-01-01', 365);
const latestYear = dayOf('9999-01-01', 364);
const ordinary = dayOf('1990-01-01', 365 * 50);
/** Dates from the extremes, mixed with ordinary ones, and the very first and last days more often. */
const anyDate: fc.Arbitrary<LocalDate> = fc.oneof(
  { arbitrary: earliestYear, weight: 3 },
  { arbitrary: latestYear, weight: 4 },
  { arbitrary: ordinary, weight: 2 },
  { arbitrary: fc.constantFrom(firstLocalDate, lastLocalDate), weight: 2 },
);

/** `n` dates in order, for one stream's events to take in turn. */
const datesInOrder = (n: number) =>
  fc.array(anyDate, { minLength: n, maxLength: n }).map((dates) => [...dates].sort());

const next = (dates: ReadonlyArray<LocalDate>) => {
  let i = 0;
  return (): LocalDate => dates[Math.min(i++, dates.length - 1)] as LocalDate;
};

const shape = fc.record({
  household: datesInOrder(16),
  approval: fc.constantFrom('full', 'temporary', 'temporary-then-full'),
  route: fc.constantFrom('mainstream' as const, 'family-and-friends' as const),
  child: datesInOrder(12),
  dateOfBirth: anyDate,
  placement: datesInOrder(9),
  placementType: fc.constantFrom(
    'long-term' as const,
    'short-term' as const,
    'emergency' as const,
    'short-breaks' as const,
    'staying-put' as const,
    'parent-and-child' as const,
  ),
  supportPackage: fc.constantFrom('standard' as const, 'enhanced' as const, 'intensive' as const),
  outsideTerms: fc.boolean(),
  respiteDays: fc.integer({ min: 1, max: 40 }),
  ended: fc.boolean(),
  clinic: datesInOrder(9),
  clinicClosed: fc.boolean(),
  staff: datesInOrder(6),
  role: fc.constantFrom(
    'therapeutic-support-worker' as const,
    'clinician' as const,
    'supervising-social-worker' as const,
    'manager' as const,
  ),
  staffLeft: fc.boolean(),
  asOf: fc.array(anyDate, { minLength: 2, maxLength: 4 }),
  from: anyDate,
});

type Shape = typeof shape extends fc.Arbitrary<infer T> ? T : never;

/** Every area's events for one history: a household, a child placed there, its placement, a clinic, staff. */
const historyOf = (s: Shape) => {
  const h = next(s.household);
  const received = h();
  const household: hh.HouseholdEvent[] = [
    hh.ApplicationReceived.create({
      householdId: 'h1',
      receivedOn: received,
      route: s.route,
      applicants: [{ adultId: 'a1', name: 'Carer One' }],
      previousServices: [],
    }),
  ];
  const panelOn = h();
  household.push(
    hh.PanelScheduled.create({ panelOn, papersSentOn: panelOn }),
    hh.PanelRecommendationMade.create({ panelOn, recommendation: 'approve', minutesFinalisedOn: panelOn }),
  );
  if (s.approval !== 'full') {
    const approvedOn = h();
    household.push(
      hh.TemporarilyApproved.create({ approvedOn, childId: 'c1', expiresOn: h(), terms: allTerms }),
    );
  }
  if (s.approval !== 'temporary') {
    household.push(hh.HouseholdApproved.create({ decidedOn: h(), terms: allTerms }));
  }
  household.push(
    hh.FosterCareAgreementSigned.create({ signedOn: h(), signedBy: ['a1'] }),
    hh.SupervisingSocialWorkerAllocated.create({ sswId: 'ssw-1', allocatedOn: h() }),
    hh.TrainingCompleted.create({ adultId: 'a1', course: 'tsds', completedOn: h() }),
    hh.TrainingCompleted.create({ adultId: 'a1', course: 'safeguarding', completedOn: h() }),
    hh.TrainingCompleted.create({ adultId: 'a1', course: 'first-aid', completedOn: h() }),
    hh.TrainingCompleted.create({ adultId: 'a1', course: 'parent-and-child', completedOn: h() }),
    hh.PetRecorded.create({ petId: 'pet-1', species: 'dog', description: 'Rex', recordedOn: h() }),
    hh.SupervisoryVisitRecorded.create({ sswId: 'ssw-1', visitedOn: h(), announced: true }),
    hh.SupervisoryVisitRecorded.create({ sswId: 'ssw-1', visitedOn: h(), announced: false }),
    hh.HomeCheckCompleted.create({ checkedOn: h(), checkedBy: 'ssw-1' }),
    hh.AnnualReviewHeld.create({ reviewedOn: h(), outcome: 'continue' }),
    hh.SafeCarePlanRecorded.create({ recordedOn: h(), covers: [] }),
  );

  const p = next(s.placement);
  const c = next(s.child);
  const registeredOn = c();
  const referredOn = p();
  const matchedOn = p();
  const startedOn = p();
  const child: ch.ChildEvent[] = [
    ch.ChildRegistered.create({
      childId: 'c1',
      name: 'Child One',
      dateOfBirth: s.dateOfBirth,
      legalStatus: 'care-order',
      placingAuthority: 'Shropshire',
      registeredOn,
    }),
    ch.HealthNeedRecorded.create({ needId: 'n1', kind: 'allergy', description: 'nuts', recordedOn: c() }),
    ch.ChildPlaced.create({
      placementId: 'p1',
      householdId: 'h1',
      startedOn,
      placementType: s.placementType,
      longTerm: s.placementType === 'long-term',
    }),
    ch.PlacementPlanRecorded.create({ placementId: 'p1', agreedOn: c(), signedByCarer: false }),
    ch.SocialWorkerVisitRecorded.create({ visitedOn: c(), seenAlone: true }),
    ch.LookedAfterReviewHeld.create({ heldOn: c() }),
    ch.TherapeuticCarePlanAgreed.create({ version: 1, agreedOn: c() }),
    ch.SocialWorkerVisitRecorded.create({ visitedOn: c() }),
    ch.LookedAfterReviewHeld.create({ heldOn: c() }),
    ch.TherapeuticCarePlanReviewed.create({ version: 1, reviewedOn: c() }),
    ch.PlacementPlanRecorded.create({ placementId: 'p1', agreedOn: c(), signedByCarer: true }),
    ch.LookedAfterReviewHeld.create({ heldOn: c() }),
  ];
  household.push(
    hh.ChildJoinedHousehold.create({
      placementId: 'p1',
      childId: 'c1',
      startedOn,
      placementType: s.placementType,
    }),
  );
  const placement: pl.PlacementEvent[] = [
    pl.PlacementReferred.create({
      placementId: 'p1',
      childId: 'c1',
      referredOn,
      placingAuthority: 'Shropshire',
      needs: 'a stable home',
    }),
    pl.PlacementMatched.create({ householdId: 'h1', matchedOn, rationale: 'close to school' }),
    pl.PlacementStarted.create({
      placementId: 'p1',
      childId: 'c1',
      householdId: 'h1',
      startedOn,
      placementType: s.placementType,
      supportPackage: s.supportPackage,
      legalBasis: 'care-order',
      placingAuthority: 'Shropshire',
      carerNames: ['Carer One'],
      carersAddress: '1 High Street',
      childAddressBefore: '2 Low Road',
      bedroom: { shared: false },
      longTerm: s.placementType === 'long-term',
      ...(s.outsideTerms ? { outsideTermsUntil: p() } : {}),
    }),
  ];
  // A stay must end by the last day the calendar holds (the decider refuses one that would not).
  const stay = (startsOn: LocalDate) => {
    const days = Math.min(s.respiteDays, daysBetween(startsOn, lastLocalDate));
    return days < 1 ? [] : [{ startsOn, days }];
  };
  placement.push(...stay(p()).map((data) => pl.RespiteTaken.create(data)));
  if (s.placementType === 'short-breaks') {
    placement.push(...stay(p()).map((data) => pl.ShortBreakStayRecorded.create(data)));
  }
  placement.push(
    pl.StabilityMeetingHeld.create({ heldOn: p() }),
    pl.DisruptionWarningRecorded.create({ recordedOn: p(), concern: 'school' }),
  );
  if (s.ended) {
    const endedOn = p();
    placement.push(
      pl.PlacementEnded.create({
        endedOn,
        planned: true,
        reason: 'moved on',
        childAddressAfter: '3 New Road',
      }),
    );
    child.push(ch.ChildPlacementEnded.create({ placementId: 'p1', endedOn }));
    household.push(hh.ChildLeftHousehold.create({ placementId: 'p1', childId: 'c1', endedOn }));
  }

  const k = next(s.clinic);
  const clinic: cl.ClinicEvent[] = [
    cl.ClinicSeriesOpened.create({
      seriesId: 's1',
      clinicianId: 'clin-1',
      householdId: 'h1',
      youngPeople: ['c1'],
      openedOn: k(),
    }),
    cl.SessionScheduled.create({ sessionId: 'k1', scheduledFor: k(), mode: 'online' }),
    cl.SessionScheduled.create({ sessionId: 'k2', scheduledFor: k(), mode: 'in-person' }),
    cl.SessionScheduled.create({ sessionId: 'k3', scheduledFor: k(), mode: 'online' }),
    cl.SessionHeld.create({
      sessionId: 'k1',
      heldOn: k(),
      mode: 'online',
      minutes: 60,
      youngPeopleDiscussed: ['c1'],
    }),
    cl.SessionRescheduled.create({ sessionId: 'k2', to: k(), reason: 'contact', rescheduledOn: k() }),
    cl.SessionHeld.create({
      sessionId: 'k2',
      heldOn: k(),
      mode: 'in-person',
      minutes: 60,
      youngPeopleDiscussed: ['c1'],
    }),
    cl.SessionNotesRecorded.create({ sessionId: 'k1', writtenOn: k(), notes: 'notes' }),
  ];
  if (s.clinicClosed) clinic.push(cl.ClinicSeriesClosed.create({ closedOn: k() }));

  const w = next(s.staff);
  const staff: st.StaffEvent[] = [
    st.StaffMemberRegistered.create({ staffId: 'staff-1', role: s.role, startedOn: w() }),
    ...(['clinical', 'managerial', 'clinical'] as const).map((kind, i) =>
      st.SupervisionSessionRecorded.create({
        sessionId: `sup-${i}`,
        supervisorId: 'staff-2',
        heldOn: w(),
        startTime: '10:00',
        minutes: 60,
        kind,
        signedBySupervisee: true,
        signedBySupervisor: true,
      }),
    ),
    st.AppraisalCompleted.create({ appraisedOn: w(), appraiserId: 'staff-2' }),
  ];
  if (s.staffLeft) staff.push(st.StaffMemberLeft.create({ leftOn: w() }));
  return { household, child, placement, clinic, staff };
};

/** Appends each event as it would be recorded, occurring on the date it is about (its first date field). */
const seed = async (s: Shape): Promise<EventStore> => {
  const store = inMemoryEventStore();
  const history = historyOf(s);
  const append = async <Ev extends DomainEvent>(
    registry: EventRegistry<Ev>,
    streamId: string,
    events: ReadonlyArray<Ev>,
  ) => {
    for (const event of events) {
      const on = Object.values(event.data as Record<string, unknown>).find(
        (v): v is LocalDate => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
      );
      const stamp = eventStamper({ actor, occurredAt: nine(on ?? firstLocalDate) }, systemClock)(registry);
      const appended = await store.append(streamId, [stamp(event)], { expectedRevision: 'any' });
      if (E.isLeft(appended)) throw new Error(appended.left.message);
    }
  };
  await append(hh.householdEvents, householdStreamId('h1'), history.household);
  await append(ch.childEvents, childStreamId('c1'), history.child);
  await append(pl.placementEvents, placementStreamId('p1'), history.placement);
  await append(cl.clinicEvents, clinicStreamId('s1'), history.clinic);
  await append(st.staffEvents, staffStreamId('staff-1'), history.staff);
  return store;
};

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

/** Every read of the agency on `asOf`, over records folded from every event, and through the loaders. */
const readEverything = async (store: EventStore, asOf: LocalDate, from: LocalDate) => {
  const history = right(
    await historyAt(
      store,
      agencyEvents,
      [householdStreamId('h1'), childStreamId('c1'), placementStreamId('p1'), clinicStreamId('s1')],
      everything,
    ),
  );
  const all = right(
    await historyAt(store, agencyEvents, [...history.streams, staffStreamId('staff-1')], everything),
  );
  const records = project(agencyRecords)(all.events);
  const context = complianceContext(asOf);
  const policy = defaultAgencyPolicy;

  const found = agencyFindings(records, context);
  const report = complianceReport(records, context);
  expect(report.totals.findings).toBe(found.findings.length);
  for (const deadline of found.deadlines) {
    // Nothing is ever due outside the calendar: a deadline past 9999-12-31 is left out, not invented.
    expect(deadline.dueOn >= firstLocalDate && deadline.dueOn <= lastLocalDate).toBe(true);
  }
  deadlineNotifications(found.deadlines, asOf, policy.notifications);
  findingNotifications(found.findings, asOf, policy.notifications);

  const period = { from: minDate(from, asOf), to: asOf, asOf: { by: 'occurred' as const, on: asOf } };
  const pack = reviewPack(
    { placementId: 'p1', records: project(agencyRecords)(history.events), ...history },
    period,
    context,
  );
  for (const deadline of pack.deadlines) expect(deadline.dueOn >= period.from).toBe(true);

  supervisionDueLists(records.households, records.staff, context);
  unannouncedVisitCompliance(records.households, asOf);
  approvalsRegister(records.households, asOf);
  placementsRegister(records.placements, asOf);
  householdOccupancy(records.households, asOf);
  clinicianCaseload(records.clinics, asOf, policy);
  stabilityFigures(records.placements, period.from, maxDate(asOf, period.from));
  for (const placement of Object.values(records.placements)) respiteBalance(placement, asOf, policy);

  // As the agency saw it on that date, through the loaders' as-of cuts.
  right(await loadComplianceReport(store, { asOf }));
  right(await loadComplianceReport(store, { asOf, by: 'recorded' }));
  const loaded = await loadReviewPack(store, { placementId: 'p1', from: period.from, to: asOf });
  if (E.isLeft(loaded)) expect(loaded.left._tag).toBe('UnknownPlacement');
  const tick = await notificationScheduler({ store, outbox: inMemoryOutbox() }).tick(nine(asOf));
  expect(E.isRight(tick)).toBe(true);
};

describe('reads at the ends of the calendar', () => {
  it(
    'compliance report, agency findings, review pack and notifications never throw, whatever dates are on record',
    async () => {
      await fc.assert(
        fc.asyncProperty(shape, async (s) => {
          const store = await seed(s);
          for (const asOf of [...s.asOf, firstLocalDate, lastLocalDate]) {
            await readEverything(store, asOf, s.from);
          }
        }),
        { numRuns: runs },
      );
    },
    timeout,
  );
});
