import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as hh from '../approvals/events/index.js';
import { unsafeLocalDate as d, firstLocalDate, lastLocalDate } from '../calendar/index.js';
import * as ch from '../children/events/index.js';
import { clinicStreamId } from '../clinics/decider.js';
import * as cl from '../clinics/events/index.js';
import { complianceContext, shiftWithinCalendar } from '../compliance/context.js';
import type { Deadline } from '../compliance/finding.js';
import { type DomainEvent, type EventRegistry, eventStamper, systemClock } from '../eventsourcing/index.js';
import { deadlineNotifications } from '../notifications/deadline-notifications.js';
import {
  actor,
  agency,
  approvedHouseholdEvents,
  recordOnChild,
  recordOnHousehold,
  seedChild,
  startCommand,
  wideTerms,
} from '../placements/__fixtures__/agency.js';
import { placementStreamId } from '../placements/decider.js';
import * as pl from '../placements/events.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { projectionAtOverAll } from '../replay/as-of.js';
import { everything } from '../replay/history-cut.js';
import { supervisionDueLists } from '../supervision/compliance/due-lists.js';
import { staffStreamId } from '../supervision/decider.js';
import * as st from '../supervision/events/index.js';
import { agencyRecords } from './agency-records.js';
import { agencyFindings, complianceReport } from './compliance-report.js';
import { loadComplianceReport, loadReviewPack } from './load.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const append = async <Ev extends DomainEvent>(
  store: ReturnType<typeof agency>['store'],
  registry: EventRegistry<Ev>,
  streamId: string,
  events: ReadonlyArray<Ev>,
) => {
  const stamp = eventStamper(actor, systemClock)(registry);
  right(await store.append(streamId, events.map(stamp), { expectedRevision: 'any' }));
};

/** A placement's start as the process records it, appended directly (no decider between). */
const placementStarted = (overrides: Parameters<typeof startCommand>[3]) => {
  const { kind: _kind, ...data } = startCommand('p1', 'c1', 'h1', overrides);
  return pl.PlacementStarted.create({ ...data, carerNames: ['Carer of h1'] });
};

const recordsOf = async (store: ReturnType<typeof agency>['store']) =>
  right(await projectionAtOverAll(store, agencyRecords, everything)).state;

const codes = (deadlines: ReadonlyArray<Deadline>, householdId: string) =>
  deadlines.filter((x) => x.subject.householdId === householdId).map((x) => x.code);

describe('shiftWithinCalendar', () => {
  it('answers the date inside the calendar, undefined after 9999-12-31, and 0000-01-01 before it', () => {
    expect(shiftWithinCalendar(d('2025-01-31'), 1, 'months')).toBe('2025-02-28');
    expect(shiftWithinCalendar(d('9999-12-31'), 0, 'days')).toBe('9999-12-31');
    expect(shiftWithinCalendar(d('9999-12-31'), 1, 'days')).toBeUndefined();
    expect(shiftWithinCalendar(d('9999-01-01'), 12, 'months')).toBeUndefined();
    expect(shiftWithinCalendar(d('9999-12-25'), 1, 'weeks')).toBeUndefined();
    expect(shiftWithinCalendar(d('9990-01-01'), 21, 'years')).toBeUndefined();
    expect(shiftWithinCalendar(d('0000-01-01'), -1, 'days')).toBe(firstLocalDate);
    expect(shiftWithinCalendar(d('0000-06-30'), -12, 'months')).toBe(firstLocalDate);
  });
});

describe('compliance at the ends of the calendar', () => {
  it('leaves out the home check of a household checked on 9999-12-31, without throwing', async () => {
    const { store } = agency();
    await recordOnHousehold(store, 'h1', [
      ...approvedHouseholdEvents('h1'),
      hh.HomeCheckCompleted.create({ checkedOn: d('9999-12-31'), checkedBy: 'ssw-1' }),
    ]);
    await recordOnHousehold(store, 'h2', approvedHouseholdEvents('h2'));
    const records = await recordsOf(store);
    const context = complianceContext(lastLocalDate);
    const report = complianceReport(records, context);
    expect(report.population.approvedHouseholds).toBe(2);
    const { deadlines } = agencyFindings(records, context);
    expect(codes(deadlines, 'h1')).not.toContain('home-check');
    // The other household's check, and h1's other yearly obligations, are still judged.
    expect(codes(deadlines, 'h2')).toContain('home-check');
    expect(codes(deadlines, 'h1')).toContain('unannounced-visit');
    expect(deadlines.find((x) => x.subject.householdId === 'h2' && x.code === 'home-check')?.state).toBe(
      'overdue',
    );
    const due = supervisionDueLists(records.households, records.staff, context);
    expect(due.households.find((h) => h.householdId === 'h1')?.due.map((x) => x.code)).not.toContain(
      'home-check',
    );
    expect(() =>
      deadlineNotifications(deadlines, lastLocalDate, defaultAgencyPolicy.notifications),
    ).not.toThrow();
    expect(right(await loadComplianceReport(store, { asOf: lastLocalDate })).population.households).toBe(2);
  });

  it('leaves out training, reviews and visits due past the calendar for a household approved in 9999', async () => {
    const { store } = agency();
    await recordOnHousehold(store, 'h1', [
      hh.ApplicationReceived.create({
        householdId: 'h1',
        receivedOn: d('9999-05-01'),
        route: 'family-and-friends',
        applicants: [{ adultId: 'a1', name: 'Carer One' }],
        previousServices: [],
      }),
      hh.HouseholdApproved.create({ decidedOn: d('9999-06-01'), terms: wideTerms }),
      hh.TrainingCompleted.create({ adultId: 'a1', course: 'safeguarding', completedOn: d('9999-06-02') }),
    ]);
    const records = await recordsOf(store);
    const { deadlines } = agencyFindings(records, complianceContext(lastLocalDate));
    // Only the regular supervisory visit (31 days after approval) falls due within the calendar.
    expect(codes(deadlines, 'h1')).toEqual(['supervisory-visit']);
    for (const code of ['annual-review', 'tsds', 'panel-recommendation', 'home-check', 'unannounced-visit']) {
      expect(codes(deadlines, 'h1')).not.toContain(code);
    }
  });

  it('leaves out the first visit of a child placed on 9999-12-28, and reports working days it cannot count', async () => {
    const { store, process } = agency();
    await recordOnHousehold(store, 'h1', approvedHouseholdEvents('h1'));
    await seedChild(store, 'c1', d('9990-03-01'));
    const started = await process.start(
      startCommand('p1', 'c1', 'h1', { startedOn: d('9999-12-28'), supportPackage: 'intensive' }),
      actor,
    );
    right(started);
    await recordOnChild(store, 'c1', [ch.SocialWorkerVisitRecorded.create({ visitedOn: d('9999-12-29') })]);
    const records = await recordsOf(store);
    const { deadlines, findings } = agencyFindings(records, complianceContext(lastLocalDate));
    const child = deadlines.filter((x) => x.subject.childId === 'c1').map((x) => x.code);
    expect(child).not.toContain('child-visit-first');
    expect(child).not.toContain('child-visit');
    expect(child).not.toContain('care-plan-review');
    // The placement plan is due 5 working days after the start: the working-day calendar cannot say when.
    expect(findings.filter((f) => f.code === 'calendar-not-covered').map((f) => f.rule.id)).toEqual([
      'placement-plan',
    ]);
    const pack = right(
      await loadReviewPack(store, { placementId: 'p1', from: d('9999-01-01'), to: lastLocalDate }),
    );
    expect(pack.placement.startedOn).toBe('9999-12-28');
  });

  it('leaves out staying put ending at 21 when the 21st birthday is past the calendar', async () => {
    const { store } = agency();
    await recordOnHousehold(store, 'h1', approvedHouseholdEvents('h1'));
    await recordOnChild(store, 'c1', [
      ch.ChildRegistered.create({
        childId: 'c1',
        name: 'Young Person',
        dateOfBirth: d('9980-01-01'),
        legalStatus: 'care-order',
        placingAuthority: 'Shropshire',
        registeredOn: d('9998-01-01'),
      }),
    ]);
    await append(store, pl.placementEvents, placementStreamId('p1'), [
      placementStarted({ startedOn: d('9998-01-02'), placementType: 'staying-put' }),
    ]);
    const records = await recordsOf(store);
    expect(() => complianceReport(records, complianceContext(lastLocalDate))).not.toThrow();
    const { deadlines } = agencyFindings(records, complianceContext(d('9999-06-01')));
    expect(deadlines.map((x) => x.code)).not.toContain('staying-put-ends-at-21');
  });

  it('leaves out clinic notes and staff appraisals due past the calendar, keeping those within it', async () => {
    const { store } = agency();
    await recordOnHousehold(store, 'h1', approvedHouseholdEvents('h1'));
    await append(store, cl.clinicEvents, clinicStreamId('s1'), [
      cl.ClinicSeriesOpened.create({
        seriesId: 's1',
        clinicianId: 'clin-1',
        householdId: 'h1',
        youngPeople: ['c1'],
        openedOn: d('9999-12-01'),
      }),
      ...[
        ['k1', '9999-12-01'],
        ['k2', '9999-12-30'],
      ].map(([sessionId, heldOn]) =>
        cl.SessionHeld.create({
          sessionId: sessionId as string,
          heldOn: d(heldOn as string),
          mode: 'online',
          minutes: 60,
          youngPeopleDiscussed: ['c1'],
        }),
      ),
    ]);
    await append(store, st.staffEvents, staffStreamId('staff-1'), [
      st.StaffMemberRegistered.create({ staffId: 'staff-1', role: 'clinician', startedOn: d('9999-11-01') }),
    ]);
    const records = await recordsOf(store);
    const { deadlines } = agencyFindings(records, complianceContext(lastLocalDate));
    const notes = deadlines.filter((x) => x.code === 'clinic-notes');
    expect(notes.map((x) => x.dueOn)).toEqual(['9999-12-06']);
    const staff = deadlines.filter((x) => x.subject.staffId === 'staff-1').map((x) => [x.code, x.dueOn]);
    expect(staff).toEqual([['clinical-supervision', '9999-12-02']]);
  });

  it('builds a review pack over the whole calendar for a placement started on 0000-01-01', async () => {
    const { store } = agency();
    await recordOnHousehold(store, 'h1', approvedHouseholdEvents('h1'));
    await seedChild(store, 'c1');
    await append(store, pl.placementEvents, placementStreamId('p1'), [
      placementStarted({ startedOn: firstLocalDate }),
      pl.RespiteTaken.create({ startsOn: d('9999-12-28'), days: 3 }),
    ]);
    const pack = right(
      await loadReviewPack(store, { placementId: 'p1', from: firstLocalDate, to: lastLocalDate }),
    );
    expect(pack.respite).toMatchObject({ yearFrom: '9999-01-01', yearTo: lastLocalDate, used: 3 });
    expect(pack.timeline.find((m) => m.kind === 'respite')).toMatchObject({
      on: '9999-12-28',
      until: '9999-12-30',
    });
  });
});
