import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { householdStreamId } from '../approvals/decider.js';
import * as hh from '../approvals/events/index.js';
import { approvalsRegister } from '../approvals/projections/households.js';
import { unsafeLocalDate as d } from '../calendar/index.js';
import { childDecider, childStreamId } from '../children/decider.js';
import { childEvents } from '../children/events/index.js';
import { evolveChild, initialChildState } from '../children/state.js';
import {
  type Clock,
  commandHandler,
  type EventStore,
  eventStamper,
  isErased,
  systemClock,
} from '../eventsourcing/index.js';
import { placementsRegister } from '../placements/projections/placements.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { type HistoryCut, occurredBy, projectionAtOverAll, recordedBy, stateAt } from '../replay/index.js';
import { rileysPlacement } from '../reviews/__fixtures__/riley.js';
import { agencyRecords } from '../reviews/agency-records.js';
import { loadComplianceReport, loadReviewPack } from '../reviews/load.js';
import { eraseRecord } from './erase-record.js';
import { inMemoryKeyStore } from './key-store.js';
import { agencyPersonalFields } from './personal-fields-in.js';
import { sealedEventStore } from './sealed-event-store.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

/** Every personal value Riley's history records, none of which may show once its subject is erased. */
const personalValues = [
  'Riley',
  'Morgan-Price',
  '2014-05-01',
  'peanuts',
  'Carer of h1',
  'Discussed the fortnight',
];

const fullNames = {
  ...defaultAgencyPolicy,
  reviews: { ...defaultAgencyPolicy.reviews, fullChildNames: true },
};
const period = { placementId: 'p1', from: d('2025-03-01'), to: d('2025-08-31'), policy: fullNames };

const dpo = { id: 'dpo-1', role: 'data-protection-officer' };

/**
 * Riley's placement written through the sealing layer, the carers resigning in January 2026; `erase` erases
 * records through `eraseRecord`, so what each erasure covers comes from the register, not from the test.
 */
const sealedRiley = async () => {
  const keys = inMemoryKeyStore();
  const seal = (store: EventStore, clock: Clock) =>
    sealedEventStore(store, { keys, personalFields: agencyPersonalFields, clock });
  const { store } = await rileysPlacement(seal);
  const stamp = eventStamper({ actor: dpo, occurredAt: new Date('2026-01-05T09:00:00Z') }, systemClock);
  const resigned = hh.ResignationReceived.create({
    receivedOn: d('2026-01-05'),
    approvalEndsOn: d('2026-02-02'),
  });
  right(
    await store.append(householdStreamId('h1'), [stamp(hh.householdEvents)(resigned)], {
      expectedRevision: 'any',
    }),
  );
  const erase = async (...subjectIds: string[]) => {
    for (const subjectId of subjectIds) {
      right(await eraseRecord({ store, keys, subjectId, on: d('2089-05-02'), now: erasedAt, actor: dpo }));
    }
  };
  return { store, keys, erase };
};

const erasedAt = new Date('2089-05-02T10:00:00Z');

describe('histories with erased subjects', () => {
  it('the review pack is the same pack, with "[erased]" where the child’s and carers’ data were', async () => {
    const { store, erase } = await sealedRiley();
    const before = right(await loadReviewPack(store, period));
    expect(before.child.displayName).toBe('Riley Morgan-Price');
    expect(JSON.stringify(before)).toContain('peanuts');

    // The child's record and the household's, each with what it covers (the carer, the clinic series...).
    await erase('c1', 'h1');
    const after = right(await loadReviewPack(store, period));

    expect(after.child).toEqual({ childId: 'c1', displayName: '[erased]', placingAuthority: 'Shropshire' });
    expect(after.household.carers).toEqual(['[erased]']);
    expect(after.timeline).toEqual(before.timeline);
    expect(after.deadlines).toEqual(before.deadlines);
    expect(after.lateRecordings).toEqual(before.lateRecordings);
    expect(after.respite).toEqual(before.respite);
    expect(after.openFindings.map((f) => [f.rule.id, f.code])).toEqual(
      before.openFindings.map((f) => [f.rule.id, f.code]),
    );
    expect(after.openFindings.find((f) => f.rule.id === 'risk-complete')?.message).toContain('[erased]');
    expect(after.plans.find((p) => p.title === 'Allergy')?.detail).toBe('[erased]');
    const shown = JSON.stringify(after);
    for (const value of personalValues) expect(shown).not.toContain(value);
  });

  it('replays the child’s stream as of a date, erased values read as Erased and the rest as recorded', async () => {
    const { store, erase } = await sealedRiley();
    await erase('c1');
    const childAt = async (cut: HistoryCut) =>
      right(
        await stateAt(
          store,
          childEvents,
          { evolve: evolveChild, initialState: initialChildState },
          childStreamId('c1'),
          cut,
        ),
      );
    const child = await childAt(occurredBy(d('2025-04-15')));
    expect(isErased(child.state.name) && child.state.name.$erased).toEqual({
      subject: 'c1',
      since: '2089-05-02T10:00:00.000Z',
    });
    expect(isErased(child.state.dateOfBirth)).toBe(true);
    expect(child.state.visits.map((v) => v.visitedOn)).toEqual(['2025-03-09', '2025-04-07']);
    const asRecorded = await childAt(recordedBy(d('2025-04-15')));
    expect(asRecorded.state.visits.map((v) => v.visitedOn)).toEqual(['2025-03-09']);
  });

  it('rebuilds every area’s records from the whole log, registers and the compliance report included', async () => {
    const { store, erase } = await sealedRiley();
    const on = d('2025-08-31');
    const reportBefore = right(await loadComplianceReport(store, { asOf: on }));
    await erase('c1', 'h1');

    const rebuilt = right(await projectionAtOverAll(store, agencyRecords, occurredBy(on)));
    const approvals = approvalsRegister(rebuilt.state.households, on);
    expect(approvals.find((h) => h.householdId === 'h1')?.carers.every(isErased)).toBe(true);
    // Another household's carers were never erased and read as recorded.
    expect(approvals.find((h) => h.householdId === 'h2')?.carers).toEqual(['Carer of h2']);
    const [line] = placementsRegister(rebuilt.state.placements, on);
    expect([line?.placementId, isErased(line?.carerNames), isErased(line?.carersAddress)]).toEqual([
      'p1',
      true,
      true,
    ]);
    expect(isErased(line?.childAddressBefore)).toBe(true);

    const reportAfter = right(await loadComplianceReport(store, { asOf: on }));
    expect(reportAfter.events).toBe(reportBefore.events);
    expect(reportAfter.totals).toEqual(reportBefore.totals);
    expect(reportAfter.population).toEqual(reportBefore.population);
    const shown = JSON.stringify(reportAfter);
    for (const value of personalValues) expect(shown).not.toContain(value);
  });

  it('refuses a command that would record new personal data about an erased child, writing nothing', async () => {
    const { store, erase } = await sealedRiley();
    await erase('c1');
    const handle = commandHandler({ store, registry: childEvents, decider: childDecider });
    const before = await collect(store.readStream(childStreamId('c1')));
    const refused = await handle(
      childStreamId('c1'),
      {
        kind: 'RecordHealthNeed',
        needId: 'n2',
        needKind: 'medical',
        description: 'asthma',
        recordedOn: d('2089-06-01'),
      },
      { actor: dpo },
    );
    expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'SubjectErased', subjectId: 'c1' });
    expect(await collect(store.readStream(childStreamId('c1')))).toEqual(before);
    // What carries no personal data is still recorded: the record's shape outlives the erasure.
    const visit = await handle(
      childStreamId('c1'),
      { kind: 'RecordSocialWorkerVisit', visitedOn: d('2025-08-01'), seenAlone: true },
      { actor: dpo },
    );
    expect(E.isRight(visit)).toBe(true);
  });
});
