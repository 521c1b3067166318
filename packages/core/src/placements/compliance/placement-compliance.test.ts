import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { householdDecider, householdStreamId } from '../../approvals/decider.js';
import * as hh from '../../approvals/events/index.js';
import { childStreamId } from '../../children/decider.js';
import { childEvents } from '../../children/events/index.js';
import { evolveChild, initialChildState } from '../../children/state.js';
import { complianceContext } from '../../compliance/context.js';
import { aggregateStream, type EventStore } from '../../eventsourcing/index.js';
import {
  actor,
  agency,
  d,
  recordOnHousehold,
  seedChild,
  seedHousehold,
  startCommand,
  wideTerms,
} from '../__fixtures__/agency.js';
import { placementStreamId } from '../decider.js';
import { placementEvents } from '../events.js';
import { evolvePlacement, initialPlacementState } from '../state.js';
import { placementCompliance } from './placement-compliance.js';

const ok = <L extends { message: string }, R>(either: E.Either<L, R>): R => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const compliance = async (store: EventStore, asOf: string) => {
  const placement = ok(
    await aggregateStream(
      store,
      placementEvents,
      { initialState: initialPlacementState, evolve: evolvePlacement },
      placementStreamId('p1'),
    ),
  );
  const household = ok(
    await aggregateStream(store, hh.householdEvents, householdDecider, householdStreamId('h1')),
  );
  const child = ok(
    await aggregateStream(
      store,
      childEvents,
      { initialState: initialChildState, evolve: evolveChild },
      childStreamId('c1'),
    ),
  );
  return placementCompliance(placement.state, household.state, child.state, complianceContext(d(asOf)));
};

describe('placement compliance: an emergency outside the terms (rule terms, CPPR 23)', () => {
  // Approved for the standard package only; an emergency on the intensive package from Monday 2025-06-16 is
  // outside the terms by its package alone, until its 6th working day, 2025-06-24.
  const outsideByPackage = async () => {
    const { store, process } = agency();
    await seedHousehold(store, 'h1', { ...wideTerms, supportPackages: ['standard'] });
    await seedChild(store, 'c1');
    const started = ok(
      await process.start(
        startCommand('p1', 'c1', 'h1', {
          startedOn: d('2025-06-16'),
          supportPackage: 'intensive',
          emergency: true,
        }),
        actor,
      ),
    );
    expect(started.outsideTermsUntil).toBe('2025-06-24');
    return store;
  };
  const deadline = async (store: EventStore, asOf: string) =>
    (await compliance(store, asOf)).deadlines.find((x) => x.code === 'emergency-outside-terms');

  it('is overdue after the 6th working day when only the support package is outside the terms', async () => {
    const store = await outsideByPackage();
    expect(await deadline(store, '2025-06-24')).toMatchObject({ state: 'due-soon', dueOn: '2025-06-24' });
    expect(await deadline(store, '2025-06-25')).toMatchObject({ state: 'overdue' });
    expect((await compliance(store, '2025-06-25')).findings).toContainEqual(
      expect.objectContaining({
        code: 'emergency-outside-terms',
        rule: expect.objectContaining({ id: 'terms' }),
      }),
    );
  });

  it('is met when the terms change to take the package in time, and not when they change too late', async () => {
    const change = (takesEffectOn: string, supportPackages: typeof wideTerms.supportPackages) =>
      hh.TermsChanged.create({
        noticeGivenOn: d('2025-06-17'),
        takesEffectOn: d(takesEffectOn),
        terms: { ...wideTerms, supportPackages },
        carerConsentedInWriting: true,
      });
    const inTime = await outsideByPackage();
    await recordOnHousehold(inTime, 'h1', [change('2025-06-20', ['standard', 'intensive'])]);
    expect(await deadline(inTime, '2025-07-10')).toMatchObject({ state: 'met', metOn: '2025-06-20' });
    // Terms that list no packages restrict none, as the start decision reads them.
    const unrestricted = await outsideByPackage();
    await recordOnHousehold(unrestricted, 'h1', [change('2025-06-23', [])]);
    expect(await deadline(unrestricted, '2025-07-10')).toMatchObject({ state: 'met', metOn: '2025-06-23' });
    const late = await outsideByPackage();
    await recordOnHousehold(late, 'h1', [change('2025-06-25', ['standard', 'intensive'])]);
    expect(await deadline(late, '2025-07-10')).toMatchObject({ state: 'met-late', metOn: '2025-06-25' });
  });
});
