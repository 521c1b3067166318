import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { eventRegistry } from './event-registry.js';
import { eventType } from './event-type.js';
import { personalData, personalFields } from './personal-data.js';

const Member = t.type({ memberId: t.string, name: personalData(t.string, { subjectField: 'memberId' }) });

const HouseholdFormed = eventType(
  'HouseholdFormed',
  t.intersection([
    t.type({ householdId: t.string, address: personalData(t.type({ line1: t.string, postcode: t.string })) }),
    t.partial({ members: t.array(Member), notes: t.record(t.string, personalData(t.string)) }),
  ]),
);

describe('personal data marks', () => {
  it('finds every marked field through intersections, partials, arrays and records', () => {
    expect(HouseholdFormed.personalFields).toEqual([
      { path: ['address'], subjectField: undefined },
      { path: ['members', '*', 'name'], subjectField: 'memberId' },
      { path: ['notes', '*'], subjectField: undefined },
    ]);
    expect(eventRegistry([HouseholdFormed]).personalFields('HouseholdFormed')).toHaveLength(3);
  });

  it('leaves validation to the inner codec', () => {
    const codec = personalData(t.string);
    expect(E.isRight(codec.decode('Ava'))).toBe(true);
    expect(E.isLeft(codec.decode(3))).toBe(true);
    expect(codec.is('Ava')).toBe(true);
  });

  it('counts a field present in several union members once, and finds none in unmarked codecs', () => {
    const both = t.union([
      t.type({ name: personalData(t.string) }),
      t.type({ name: personalData(t.string), x: t.number }),
    ]);
    expect(personalFields(both)).toEqual([{ path: ['name'], subjectField: undefined }]);
    expect(personalFields(t.type({ a: t.array(t.string) }))).toEqual([]);
  });
});
