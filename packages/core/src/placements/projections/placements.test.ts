import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as hh from '../../approvals/events/index.js';
import { householdRecords } from '../../approvals/projections/households.js';
import * as ch from '../../children/events/index.js';
import { childRecords } from '../../children/projections/children.js';
import { complianceContext } from '../../compliance/context.js';
import {
  commandHandler,
  type DomainEvent,
  type EventStore,
  type Projection,
  projectionRunner,
} from '../../eventsourcing/index.js';
import { defaultAgencyPolicy } from '../../policy/index.js';
import {
  actor,
  agency,
  d,
  recordOnChild,
  recordOnHousehold,
  seedChild,
  seedHousehold,
  startCommand,
  wideTerms,
} from '../__fixtures__/agency.js';
import { placementDecider, placementStreamId } from '../decider.js';
import { placementEvents } from '../events.js';
import { placementsCompliance } from './agency-compliance.js';
import {
  householdOccupancy,
  placementHistory,
  placementRecords,
  placementsRegister,
  respiteBalance,
  stabilityFigures,
} from './placements.js';

const run = async <S, Ev extends DomainEvent>(store: EventStore, projection: Projection<S, Ev>) => {
  const runner = projectionRunner({ store, projection });
  const result = await runner.catchUp();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return runner.state();
};

const ok = <L extends { message: string }, R>(either: E.Either<L, R>): R => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const setUp = async () => {
  const { store, process } = agency();
  await seedHousehold(store, 'h1', { ...wideTerms, maxChildren: 2 });
  await seedChild(store, 'ava');
  await seedChild(store, 'ben');
  await recordOnChild(store, 'ava', [
    ch.HealthNeedRecorded.create({
      needId: 'nuts',
      kind: 'allergy',
      description: 'nut allergy',
      recordedOn: d('2025-01-10'),
    }),
  ]);
  ok(await process.start(startCommand('p1', 'ava', 'h1'), actor));
  ok(
    await process.start(
      startCommand('p2', 'ben', 'h1', { startedOn: d('2025-04-01'), supportPackage: 'intensive' }),
      actor,
    ),
  );
  const respite = commandHandler({ store, registry: placementEvents, decider: placementDecider() });
  ok(
    await respite(
      placementStreamId('p1'),
      { kind: 'RecordRespite', startsOn: d('2025-05-01'), days: 5 },
      actor,
    ),
  );
  const end = {
    kind: 'EndPlacement' as const,
    endedOn: d('2025-09-01'),
    planned: false,
    reason: 'disruption',
    childAddressAfter: 'Residential unit',
  };
  ok(await process.end('p2', end, actor));
  return { store, process };
};

describe('placement projections', () => {
  it('the register holds every FSR 22 field, as of a date', async () => {
    const { store } = await setUp();
    const records = await run(store, placementRecords);
    expect(placementsRegister(records, d('2025-03-31'))).toEqual([
      {
        placementId: 'p1',
        childId: 'ava',
        householdId: 'h1',
        startedOn: '2025-03-03',
        placementType: 'long-term',
        carerNames: ['Carer of h1'],
        carersAddress: '1 High Street, Shrewsbury',
        childAddressBefore: '2 Low Road, Telford',
        placingAuthority: 'Shropshire',
        legalBasis: 'section-20',
      },
    ]);
    const later = placementsRegister(records, d('2025-10-01'));
    expect(later[1]).toMatchObject({
      placementId: 'p2',
      endedOn: '2025-09-01',
      childAddressAfter: 'Residential unit',
    });
    expect(placementHistory(records, d('2025-10-01'), { childId: 'ben' }).map((l) => l.placementId)).toEqual([
      'p2',
    ]);
    expect(placementHistory(records, d('2025-10-01'), { householdId: 'h1' })).toHaveLength(2);
  });

  it('occupancy and vacancies follow starts and ends', async () => {
    const { store } = await setUp();
    const households = await run(store, householdRecords);
    expect(householdOccupancy(households, d('2025-05-01'))).toEqual([
      { householdId: 'h1', maxChildren: 2, fostered: ['ava', 'ben'], stayingPut: [], vacancies: 0 },
    ]);
    expect(householdOccupancy(households, d('2025-09-01'))[0]).toMatchObject({
      fostered: ['ava'],
      vacancies: 1,
    });
  });

  it('respite balance and stability figures', async () => {
    const { store } = await setUp();
    const records = await run(store, placementRecords);
    const p1 = records.p1;
    if (p1 === undefined) throw new Error('p1 was not recorded');
    expect(respiteBalance(p1, d('2025-06-01'), defaultAgencyPolicy)).toEqual({
      yearFrom: '2025-03-03',
      yearTo: '2026-03-03',
      entitlement: 14,
      used: 5,
      authorisedBeyond: 0,
      remaining: 9,
    });
    expect(stabilityFigures(records, d('2025-01-01'), d('2026-01-01'))).toEqual({
      placementsStarted: 2,
      placementsEnded: 1,
      unplannedEndings: 1,
      movesPerChild: { ava: 0, ben: 0 },
      disruptionWarnings: 0,
      stabilityMeetings: 0,
    });
  });

  it('risk-complete: a placed child’s allergy missing from the safe-care plan is a finding until the plan covers it', async () => {
    const { store } = await setUp();
    const records = {
      placements: await run(store, placementRecords),
      households: await run(store, householdRecords),
      children: await run(store, childRecords),
    };
    const findings = (asOf: string, r = records) =>
      placementsCompliance(r, complianceContext(d(asOf))).placements.flatMap((p) =>
        p.findings.map((f) => `${f.rule.id}:${f.code}`),
      );
    expect(findings('2025-06-01')).toEqual(['risk-complete:health-need-not-in-safe-care-plan']);
    await recordOnHousehold(store, 'h1', [
      hh.SafeCarePlanRecorded.create({ recordedOn: d('2025-06-02'), covers: ['health:ava:nuts'] }),
    ]);
    const covered = { ...records, households: await run(store, householdRecords) };
    expect(findings('2025-06-03', covered)).toEqual([]);
    const children = placementsCompliance(records, complianceContext(d('2025-06-01'))).children;
    expect(children.map((c) => c.childId).sort()).toEqual(['ava', 'ben']);
  });

  it('terms: an emergency outside the terms is overdue after 6 working days unless it ended or the terms changed', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1', { ...wideTerms, maxChildren: 1 });
    await seedChild(store, 'a');
    await seedChild(store, 'b');
    ok(await process.start(startCommand('p1', 'a', 'h1'), actor));
    const emergency = ok(
      await process.start(
        startCommand('p2', 'b', 'h1', {
          emergency: true,
          placementType: 'emergency',
          startedOn: d('2025-03-07'),
        }),
        actor,
      ),
    );
    expect(emergency.outsideTermsUntil).toBe('2025-03-17');
    const load = async () => ({
      placements: await run(store, placementRecords),
      households: await run(store, householdRecords),
      children: await run(store, childRecords),
    });
    const deadline = async (asOf: string) =>
      placementsCompliance(await load(), complianceContext(d(asOf)))
        .placements.flatMap((p) => p.deadlines)
        .find((x) => x.code === 'emergency-outside-terms');
    expect((await deadline('2025-03-17'))?.state).toBe('due-soon');
    expect((await deadline('2025-03-18'))?.state).toBe('overdue');
    await recordOnHousehold(store, 'h1', [
      hh.TermsChanged.create({
        noticeGivenOn: d('2025-03-10'),
        takesEffectOn: d('2025-03-12'),
        terms: { ...wideTerms, maxChildren: 2 },
        carerConsentedInWriting: true,
      }),
    ]);
    expect(await deadline('2025-03-18')).toMatchObject({ state: 'met', metOn: '2025-03-12' });
  });

  it('staying-put ends before 21, and a connected-person placement ends when the temporary approval lapses', async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1');
    await seedChild(store, 'yp', d('2007-05-10'));
    ok(await process.start(startCommand('p1', 'yp', 'h1', { startedOn: d('2025-02-03') }), actor));
    const end = {
      kind: 'EndPlacement' as const,
      endedOn: d('2025-05-10'),
      planned: true,
      reason: 'turned 18',
      childAddressAfter: 'same',
    };
    ok(await process.end('p1', end, actor));
    ok(
      await process.start(
        startCommand('p2', 'yp', 'h1', {
          startedOn: d('2025-05-10'),
          placementType: 'staying-put',
          longTerm: false,
        }),
        actor,
      ),
    );
    const records = {
      placements: await run(store, placementRecords),
      households: await run(store, householdRecords),
      children: await run(store, childRecords),
    };
    const stayingPut = (asOf: string) =>
      placementsCompliance(records, complianceContext(d(asOf)))
        .placements.flatMap((p) => p.deadlines)
        .find((x) => x.code === 'staying-put-ends-at-21');
    expect(await stayingPut('2028-05-09')).toMatchObject({ dueOn: '2028-05-09', state: 'due-soon' });
    expect((await stayingPut('2028-05-10'))?.state).toBe('overdue');

    const temporary = agency();
    await recordOnHousehold(temporary.store, 'k1', [
      hh.ApplicationReceived.create({
        householdId: 'k1',
        receivedOn: d('2025-01-02'),
        route: 'family-and-friends',
        applicants: [{ adultId: 'g', name: 'Gran' }],
        previousServices: [],
      }),
      hh.TemporarilyApproved.create({
        approvedOn: d('2025-01-06'),
        childId: 'gc',
        expiresOn: d('2025-04-28'),
        terms: wideTerms,
      }),
      hh.FosterCareAgreementSigned.create({ signedOn: d('2025-01-06'), signedBy: ['g'] }),
    ]);
    await seedChild(temporary.store, 'gc');
    ok(await temporary.process.start(startCommand('t1', 'gc', 'k1', { startedOn: d('2025-01-07') }), actor));
    const kin = {
      placements: await run(temporary.store, placementRecords),
      households: await run(temporary.store, householdRecords),
      children: await run(temporary.store, childRecords),
    };
    const lapse = (asOf: string) =>
      placementsCompliance(kin, complianceContext(d(asOf))).placements.flatMap((p) => p.findings);
    // Ending the placement on the day the approval expires (its first day without cover) is on time.
    expect(lapse('2025-04-28')).toEqual([]);
    expect(lapse('2025-04-29')).toContainEqual(
      expect.objectContaining({
        code: 'placement-ends-with-temporary-approval',
        rule: expect.objectContaining({ id: 'temporary-approval' }),
      }),
    );
  });
});
