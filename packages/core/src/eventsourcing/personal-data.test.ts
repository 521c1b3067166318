import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { HouseholdCommand } from '../approvals/commands.js';
import { erased, isErased } from './erased.js';
import { eventRegistry } from './event-registry.js';
import { eventType } from './event-type.js';
import { personalData, personalFields } from './personal-data.js';

/** A date-like string, so that a marker object can never pass for the inner codec's value. */
const LocalDateLike = t.refinement(t.string, (s) => /^\d{4}-\d{2}-\d{2}$/.test(s), 'LocalDateLike');

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

  it('reads an erased value as Erased, which encodes as it is, and refuses a malformed marker', () => {
    const codec = personalData(LocalDateLike);
    const gone = erased('c1', new Date('2089-05-02T10:00:00Z'));
    const decoded = codec.decode(gone);
    expect(E.isRight(decoded) && isErased(decoded.right) && decoded.right.$erased).toEqual({
      subject: 'c1',
      since: '2089-05-02T10:00:00.000Z',
    });
    expect(codec.encode(gone)).toEqual(gone);
    expect(codec.is(gone)).toBe(true);
    expect(E.isLeft(codec.decode({ $erased: { subject: 'c1' } }))).toBe(true);
    expect(E.isLeft(codec.decode({ $erased: 'c1' }))).toBe(true);
  });

  it('never lets a command carry an erased value: commands say what is new, and erased is not', () => {
    const application = {
      kind: 'ReceiveApplication',
      householdId: 'h1',
      receivedOn: '2025-01-06',
      route: 'mainstream',
      previousServices: [],
    };
    const named = (name: unknown) =>
      HouseholdCommand.decode({ ...application, applicants: [{ adultId: 'a1', name }] });
    expect(E.isRight(named('Sam Brook'))).toBe(true);
    expect(E.isLeft(named(erased('a1', new Date())))).toBe(true);
  });
});
