import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type LocalDate, unsafeLocalDate } from '../calendar/local-date.js';
import { checkErasure, type RetentionRecord, retentionEnded } from './retention.js';

// An oracle apart from the library's calendar: JavaScript's Date rolls 29 February of a common year to 1 March.
const iso = (d: Date) => d.toISOString().slice(0, 10) as LocalDate;
const plusYears = (date: LocalDate, years: number): LocalDate => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(2000, m - 1, d));
  shifted.setUTCFullYear(y + years, m - 1, d);
  return iso(shifted);
};

const expectedEnd = (record: RetentionRecord): LocalDate | undefined => {
  switch (record.kind) {
    case 'child':
      return record.diedOn !== undefined && record.diedOn < plusYears(record.dateOfBirth, 18)
        ? plusYears(record.diedOn, 15)
        : plusYears(record.dateOfBirth, 75);
    case 'carer':
      return record.approvalEndedOn === undefined ? undefined : plusYears(record.approvalEndedOn, 10);
    case 'applicant':
      return record.refusedOrWithdrawnOn === undefined
        ? undefined
        : plusYears(record.refusedOrWithdrawnOn, 3);
  }
};

const date = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map(iso);
const leapDay = fc
  .integer({ min: 1932, max: 2096 })
  .filter((y) => y % 4 === 0 && y % 100 !== 0)
  .map((y) => `${y}-02-29` as LocalDate);
const someDate = fc.oneof(date, leapDay);
const subjectId = fc.uuid();
const record: fc.Arbitrary<RetentionRecord> = fc
  .oneof(
    fc
      .record({
        kind: fc.constant('child' as const),
        subjectId,
        dateOfBirth: someDate,
        diedOn: fc.option(someDate, { nil: undefined }),
      })
      .map((r) =>
        r.diedOn === undefined || r.diedOn >= r.dateOfBirth ? r : { ...r, diedOn: r.dateOfBirth },
      ),
    fc.record({
      kind: fc.constant('carer' as const),
      subjectId,
      approvalEndedOn: fc.option(someDate, { nil: undefined }),
    }),
    fc.record({
      kind: fc.constant('applicant' as const),
      subjectId,
      refusedOrWithdrawnOn: fc.option(someDate, { nil: undefined }),
    }),
  )
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as RetentionRecord);

describe('retention lock (rule retention, FSR 32; CPPR 50)', () => {
  it('refuses erasure before retention ends, naming the rule, its citation and the earliest date; allows it after', () => {
    fc.assert(
      fc.property(record, someDate, (subject, on) => {
        const ends = expectedEnd(subject);
        const verdict = checkErasure(subject, on);
        if (ends !== undefined && on >= ends) {
          expect(verdict).toEqual(E.right({ retentionEndedOn: ends }));
          return;
        }
        expect(E.isLeft(verdict)).toBe(true);
        if (E.isRight(verdict)) return;
        expect(verdict.left.rule).toMatchObject({ id: 'retention', citation: 'FSR 32; CPPR 50' });
        expect(verdict.left.message).toContain('FSR 32; CPPR 50');
        expect(verdict.left.details?.earliestErasure).toBe(ends);
        if (ends !== undefined) {
          expect(verdict.left.message).toContain(ends);
          // The day it names is the first it allows.
          expect(E.isRight(checkErasure(subject, ends))).toBe(true);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('lists exactly the subjects whose retention has ended by a date, earliest first', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), someDate, (records, on) => {
        const listed = retentionEnded(records, on);
        const expected = records.filter((r) => {
          const ends = expectedEnd(r);
          return ends !== undefined && ends <= on;
        });
        expect(listed.map((l) => l.subjectId).sort()).toEqual(expected.map((r) => r.subjectId).sort());
        for (const entry of listed) expect(entry.endedOn <= on).toBe(true);
        expect(listed.map((l) => l.endedOn)).toEqual([...listed.map((l) => l.endedOn)].sort());
      }),
    );
  });

  it('keeps the examples of the regulations', () => {
    const child = { kind: 'child', subjectId: 'c', dateOfBirth: unsafeLocalDate('2012-02-29') } as const;
    expect(checkErasure(child, unsafeLocalDate('2087-02-28'))).toMatchObject({ _tag: 'Left' });
    expect(checkErasure(child, unsafeLocalDate('2087-03-01'))).toEqual(
      E.right({ retentionEndedOn: '2087-03-01' }),
    );
    const died = {
      ...child,
      dateOfBirth: unsafeLocalDate('2010-06-01'),
      diedOn: unsafeLocalDate('2020-01-15'),
    };
    expect(checkErasure(died, unsafeLocalDate('2035-01-15'))).toEqual(
      E.right({ retentionEndedOn: '2035-01-15' }),
    );
    const approved = { kind: 'carer', subjectId: 'h' } as const;
    const refusal = checkErasure(approved, unsafeLocalDate('2090-01-01'));
    expect(E.isLeft(refusal) && refusal.left.message).toMatch(/approval has not ended/);
  });
});
