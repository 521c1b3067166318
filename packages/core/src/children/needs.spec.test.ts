import { specify } from '@fostering/testkit';
import { describe, expect, it } from 'vitest';
import { aRegisteredChild, d, nutAllergy } from './__fixtures__/child-history.js';
import { childDecider } from './decider.js';
import * as ev from './events/index.js';

const child = specify(childDecider);

const recordAllergy = {
  kind: 'RecordHealthNeed' as const,
  needId: nutAllergy.needId,
  needKind: nutAllergy.kind,
  description: nutAllergy.description,
  recordedOn: nutAllergy.recordedOn,
};
const withAllergy = [...aRegisteredChild(), ev.HealthNeedRecorded.create(nutAllergy)];

describe('health needs', () => {
  it('records an allergy, which is then a current health need', () => {
    child
      .given(aRegisteredChild())
      .when(recordAllergy)
      .thenEvents([ev.HealthNeedRecorded.create(nutAllergy)]);
    child
      .given(aRegisteredChild())
      .when(recordAllergy)
      .thenState((state) => expect(Object.keys(state.healthNeeds)).toEqual(['nut-allergy']));
  });

  it('refuses a need id already used, even for a resolved need, and a need without a description', () => {
    child
      .given(withAllergy)
      .when({ ...recordAllergy, description: 'another' })
      .thenRefused({ tag: 'NotAllowedNow', field: 'needId' });
    child
      .given([
        ...withAllergy,
        ev.HealthNeedResolved.create({ needId: 'nut-allergy', resolvedOn: d('2025-05-01') }),
      ])
      .when(recordAllergy)
      .thenRefused({ tag: 'NotAllowedNow', field: 'needId' });
    child
      .given(aRegisteredChild())
      .when({ ...recordAllergy, description: '  ' })
      .thenRefused({ tag: 'InvalidCommand', field: 'description' });
    child
      .given(aRegisteredChild())
      .when({ ...recordAllergy, needId: '' })
      .thenRefused({ tag: 'InvalidCommand', field: 'needId' });
  });

  it('refuses a health need before the child is registered', () => {
    child.given([]).when(recordAllergy).thenRefused({ tag: 'NotAllowedNow' });
  });

  it('resolves a current need, which moves it out of the current needs', () => {
    const resolve = {
      kind: 'ResolveHealthNeed' as const,
      needId: 'nut-allergy',
      resolvedOn: d('2025-05-01'),
    };
    child
      .given(withAllergy)
      .when(resolve)
      .thenEvents([ev.HealthNeedResolved.create({ needId: 'nut-allergy', resolvedOn: d('2025-05-01') })]);
    child
      .given(withAllergy)
      .when(resolve)
      .thenState((state) => {
        expect(state.healthNeeds).toEqual({});
        expect(state.resolvedHealthNeeds['nut-allergy']?.resolvedOn).toBe('2025-05-01');
      });
  });

  it('refuses to resolve an unknown or already resolved need, or before it was recorded', () => {
    const resolve = { kind: 'ResolveHealthNeed' as const, resolvedOn: d('2025-05-01') };
    child
      .given(withAllergy)
      .when({ ...resolve, needId: 'unknown' })
      .thenRefused({ tag: 'InvalidCommand', field: 'needId' });
    child
      .given([
        ...withAllergy,
        ev.HealthNeedResolved.create({ needId: 'nut-allergy', resolvedOn: d('2025-05-01') }),
      ])
      .when({ ...resolve, needId: 'nut-allergy' })
      .thenRefused({ tag: 'InvalidCommand', field: 'needId' });
    child
      .given(withAllergy)
      .when({ ...resolve, needId: 'nut-allergy', resolvedOn: d('2025-01-05') })
      .thenRefused({ tag: 'InvalidCommand', field: 'resolvedOn' });
    child
      .given([])
      .when({ ...resolve, needId: 'nut-allergy' })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('identity needs', () => {
  it('records the aspects stated; a later record replaces the earlier one', () => {
    const identity = { recordedOn: d('2025-01-20'), religion: 'Muslim', languages: ['English', 'Urdu'] };
    child
      .given(aRegisteredChild())
      .when({ kind: 'RecordIdentityNeeds', ...identity })
      .thenEvents([ev.IdentityNeedsRecorded.create(identity)]);
    child
      .given([
        ...aRegisteredChild(),
        ev.IdentityNeedsRecorded.create({ recordedOn: d('2025-01-10'), culture: 'x' }),
      ])
      .when({ kind: 'RecordIdentityNeeds', ...identity })
      .thenState((state) => expect(state.identityNeeds).toEqual(identity));
  });

  it('refuses a record that states nothing, or before registration', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'RecordIdentityNeeds', recordedOn: d('2025-01-20') })
      .thenRefused({ tag: 'InvalidCommand', field: '' });
    child
      .given([])
      .when({ kind: 'RecordIdentityNeeds', recordedOn: d('2025-01-20'), religion: 'Muslim' })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe('education', () => {
  const education = {
    recordedOn: d('2025-01-20'),
    setting: 'primary' as const,
    educationHealthAndCarePlan: true,
    schoolName: 'Park Lane Primary',
  };

  it('records where the child is educated', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'RecordEducation', ...education })
      .thenEvents([ev.EducationRecorded.create(education)]);
  });

  it('refuses a school for a child not in education, and a record before registration', () => {
    child
      .given(aRegisteredChild())
      .when({ kind: 'RecordEducation', ...education, setting: 'not-in-education' })
      .thenRefused({ tag: 'InvalidCommand', field: 'schoolName' });
    child
      .given([])
      .when({ kind: 'RecordEducation', ...education })
      .thenRefused({ tag: 'NotAllowedNow' });
  });
});

describe("need ids named like properties every object has ('constructor', '__proto__')", () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    "records need '%s' as a new need, refuses resolving it before, and resolves it after",
    (needId) => {
      const resolve = { kind: 'ResolveHealthNeed' as const, needId, resolvedOn: d('2025-05-01') };
      child.given(withAllergy).when(resolve).thenRefused({ tag: 'InvalidCommand', field: 'needId' });
      const recorded = ev.HealthNeedRecorded.create({ ...nutAllergy, needId });
      child
        .given(withAllergy)
        .when({ ...recordAllergy, needId })
        .thenEvents([recorded]);
      child
        .given([...withAllergy, recorded])
        .when(resolve)
        .thenState((state) => {
          expect(Object.keys(state.healthNeeds)).toEqual(['nut-allergy']);
          expect(Object.keys(state.resolvedHealthNeeds)).toEqual([needId]);
        });
    },
  );
});
