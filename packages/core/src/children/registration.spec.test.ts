import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { aRegisteredChild, childId, d, otherChildId, registration } from './__fixtures__/child-history.js';
import { childDecider } from './decider.js';
import * as ev from './events/index.js';

const child = specify(childDecider);

describe('registering a child', () => {
  it('records the child as looked after, with legal status and placing authority', () => {
    child
      .given([])
      .when({ kind: 'RegisterChild', ...registration })
      .thenEvents([ev.ChildRegistered.create(registration)]);
    child
      .given([])
      .when({ kind: 'RegisterChild', ...registration })
      .thenState((state) =>
        expect(state).toMatchObject({
          childId,
          dateOfBirth: '2015-03-14',
          legalStatus: 'interim-care-order',
          placingAuthority: 'Leeds City Council',
          registeredOn: '2025-01-06',
        }),
      );
  });

  it('refuses to register a child twice', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'RegisterChild', ...registration })
      .thenRefused({ tag: 'NotAllowedNow' });
  });

  it('refuses a date of birth after the registration, and empty ids, names and authorities', () => {
    child
      .given([])
      .when({ kind: 'RegisterChild', ...registration, dateOfBirth: d('2025-01-07') })
      .thenRefused({ tag: 'InvalidCommand', field: 'dateOfBirth' });
    child
      .given([])
      .when({ kind: 'RegisterChild', ...registration, childId: ' ' })
      .thenRefused({ tag: 'InvalidCommand', field: 'childId' });
    child
      .given([])
      .when({ kind: 'RegisterChild', ...registration, name: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'name' });
    child
      .given([])
      .when({ kind: 'RegisterChild', ...registration, placingAuthority: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'placingAuthority' });
  });
});

describe('legal status', () => {
  const change = { kind: 'ChangeLegalStatus' as const, legalStatus: 'care-order' as const };

  it('records a change of legal status, and keeps the history', () => {
    child
      .given(aRegisteredChild())
      .when({ ...change, changedOn: d('2025-06-02') })
      .thenEvents([ev.LegalStatusChanged.create({ legalStatus: 'care-order', changedOn: d('2025-06-02') })]);
    child
      .given(aRegisteredChild())
      .when({ ...change, changedOn: d('2025-06-02') })
      .thenState((state) => {
        expect(state.legalStatus).toBe('care-order');
        expect(state.legalStatusHistory).toEqual([
          { legalStatus: 'interim-care-order', from: '2025-01-06' },
          { legalStatus: 'care-order', from: '2025-06-02' },
        ]);
      });
  });

  it('records nothing when the status is already the one given', () => {
    child
      .given(aRegisteredChild())
      .when({ ...change, legalStatus: 'interim-care-order', changedOn: d('2025-06-02') })
      .thenNothing();
  });

  it('refuses a change before registration, or dated before the current status began', () => {
    child
      .given([])
      .when({ ...change, changedOn: d('2025-06-02') })
      .thenRefused({ tag: 'NotAllowedNow' });
    child
      .given(aRegisteredChild())
      .when({ ...change, changedOn: d('2025-01-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'changedOn' });
  });
});

describe('relationships with other children', () => {
  const sibling = {
    kind: 'RecordRelationship' as const,
    otherChildId,
    relationship: 'half-sibling' as const,
    recordedOn: d('2025-01-06'),
  };

  it('records a relationship; a sibling, half-sibling or step-sibling is a sibling', () => {
    const { kind: _kind, ...data } = sibling;
    child
      .given(aRegisteredChild())
      .when(sibling)
      .thenEvents([ev.ChildRelationshipRecorded.create(data)]);
    child
      .given(aRegisteredChild())
      .when(sibling)
      .thenState((state) => expect(state.siblingIds).toEqual([otherChildId]));
    for (const relationship of ['sibling', 'step-sibling'] as const) {
      child
        .given(aRegisteredChild())
        .when({ ...sibling, relationship })
        .thenState((state) => expect(state.siblingIds).toEqual([otherChildId]));
    }
  });

  it('an "other" relationship is not a sibling, and a later record replaces the earlier one', () => {
    child
      .given(aRegisteredChild())
      .when({ ...sibling, relationship: 'other' })
      .thenState((state) => expect(state.siblingIds).toEqual([]));
    child
      .given([
        ...aRegisteredChild(),
        ev.ChildRelationshipRecorded.create({
          otherChildId,
          relationship: 'sibling',
          recordedOn: d('2025-01-06'),
        }),
      ])
      .when({ ...sibling, relationship: 'other', recordedOn: d('2025-02-01') })
      .thenState((state) => {
        expect(state.relationships).toEqual({ [otherChildId]: 'other' });
        expect(state.siblingIds).toEqual([]);
      });
  });

  it('records nothing when the same relationship is already recorded', () => {
    const { kind: _kind, ...data } = sibling;
    child
      .given([...aRegisteredChild(), ev.ChildRelationshipRecorded.create(data)])
      .when({ ...sibling, recordedOn: d('2025-03-01') })
      .thenNothing();
  });

  it('refuses a relationship to the child itself, to no one, or before registration', () => {
    child
      .given(aRegisteredChild())
      .when({ ...sibling, otherChildId: childId })
      .thenRefused({ tag: 'InvalidCommand', field: 'otherChildId' });
    child
      .given(aRegisteredChild())
      .when({ ...sibling, otherChildId: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'otherChildId' });
    child.given([]).when(sibling).thenRefused({ tag: 'NotAllowedNow' });
  });
});
