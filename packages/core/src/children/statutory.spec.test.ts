import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { aPlacedChild, aRegisteredChild, d, placementId } from './__fixtures__/child-history.js';
import { childDecider } from './decider.js';
import * as ev from './events/index.js';

const child = specify(childDecider);

describe('social worker visits', () => {
  it('records a visit, with whether the child was seen alone when that is said', () => {
    child
      .given(aPlacedChild())
      .when({ kind: 'RecordSocialWorkerVisit', visitedOn: d('2025-01-17'), seenAlone: true })
      .thenEvents([ev.SocialWorkerVisitRecorded.create({ visitedOn: d('2025-01-17'), seenAlone: true })]);
    child
      .given(aPlacedChild())
      .when({ kind: 'RecordSocialWorkerVisit', visitedOn: d('2025-01-17') })
      .thenEvents([ev.SocialWorkerVisitRecorded.create({ visitedOn: d('2025-01-17') })]);
  });

  it('keeps visits in date order, however late they are written up', () => {
    child
      .given([...aPlacedChild(), ev.SocialWorkerVisitRecorded.create({ visitedOn: d('2025-03-01') })])
      .when({ kind: 'RecordSocialWorkerVisit', visitedOn: d('2025-01-17') })
      .thenState((state) =>
        expect(state.visits.map((v) => v.visitedOn)).toEqual(['2025-01-17', '2025-03-01']),
      );
  });

  it('refuses a visit before the child was registered as looked after, or before registration', () => {
    child
      .given(aPlacedChild())
      .when({ kind: 'RecordSocialWorkerVisit', visitedOn: d('2025-01-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'visitedOn' });
    child
      .given([])
      .when({ kind: 'RecordSocialWorkerVisit', visitedOn: d('2025-01-17') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('looked-after reviews', () => {
  it('records a review', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'HoldLookedAfterReview', heldOn: d('2025-01-31') })
      .thenEvents([ev.LookedAfterReviewHeld.create({ heldOn: d('2025-01-31') })]);
  });

  it('records nothing for a review already recorded on that day', () => {
    child
      .given([...aRegisteredChild(), ev.LookedAfterReviewHeld.create({ heldOn: d('2025-01-31') })])
      .when({ kind: 'HoldLookedAfterReview', heldOn: d('2025-01-31') })
      .thenNothing();
  });

  it('refuses a review before the child was registered as looked after, or before registration', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'HoldLookedAfterReview', heldOn: d('2024-12-31') })
      .thenRefused({ tag: 'InvalidCommand', field: 'heldOn' });
    child
      .given([])
      .when({ kind: 'HoldLookedAfterReview', heldOn: d('2025-01-31') })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('placement plans', () => {
  const plan = {
    kind: 'RecordPlacementPlan' as const,
    placementId,
    agreedOn: d('2025-01-10'),
    signedByCarer: true,
  };

  it('records a plan agreed before the placement started, once the placement is known', () => {
    child
      .given(aPlacedChild())
      .when(plan)
      .thenEvents([
        ev.PlacementPlanRecorded.create({ placementId, agreedOn: d('2025-01-10'), signedByCarer: true }),
      ]);
  });

  it('keeps every version, so a later one can add the carer’s signature', () => {
    child
      .given([
        ...aPlacedChild(),
        ev.PlacementPlanRecorded.create({ placementId, agreedOn: d('2025-01-10'), signedByCarer: false }),
      ])
      .when({ ...plan, agreedOn: d('2025-01-14') })
      .thenState((state) =>
        expect(state.placementPlans[placementId]).toEqual([
          { agreedOn: '2025-01-10', signedByCarer: false },
          { agreedOn: '2025-01-14', signedByCarer: true },
        ]),
      );
  });

  it('refuses a plan for a placement the child stream does not know, or before registration', () => {
    child.given(aRegisteredChild()).when(plan).thenRefused({ tag: 'InvalidCommand', field: 'placementId' });
    child
      .given(aPlacedChild())
      .when({ ...plan, placementId: 'placement-9' })
      .thenRefused({ tag: 'InvalidCommand', field: 'placementId' });
    child.given([]).when(plan).thenRefused({ tag: 'NotAllowedNow' });
  });

  it('refuses a plan agreed after the placement ended', () => {
    child
      .given([...aPlacedChild(), ev.ChildPlacementEnded.create({ placementId, endedOn: d('2025-03-01') })])
      .when({ ...plan, agreedOn: d('2025-03-02') })
      .thenRefused({ tag: 'InvalidCommand', field: 'agreedOn' });
  });
});
