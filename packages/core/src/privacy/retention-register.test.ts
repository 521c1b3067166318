import { collect } from '@fostering/testkit';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { householdStreamId } from '../approvals/decider.js';
import * as hh from '../approvals/events/index.js';
import { evolveHousehold, initialHouseholdState } from '../approvals/state.js';
import { addDays, unsafeLocalDate as d, type LocalDate } from '../calendar/index.js';
import { eventStamper, inMemoryEventStore, systemClock } from '../eventsourcing/index.js';
import { wideTerms } from '../placements/__fixtures__/agency.js';
import { rileysPlacement } from '../reviews/__fixtures__/riley.js';
import { eraseRecord, loadRetentionOverview } from './erase-record.js';
import { inMemoryKeyStore } from './key-store.js';
import { householdRetention } from './retention-register.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const dpo = { id: 'dpo-1', role: 'data-protection-officer' };
const now = new Date('2090-01-01T09:00:00Z');

describe('the retention register', () => {
  it('lists each child and household with its retention and every subject its erasure covers', async () => {
    const { store } = await rileysPlacement();
    const overview = right(await loadRetentionOverview(store, d('2089-05-01')));
    expect(overview.register.map((r) => [r.record, r.covers, r.retentionEndsOn])).toEqual([
      [{ kind: 'child', subjectId: 'c1', dateOfBirth: '2014-05-01' }, ['c1', 'p1'], '2089-05-01'],
      [{ kind: 'carer', subjectId: 'h1' }, ['h1', 'h1-carer', 's-h1'], undefined],
      [{ kind: 'carer', subjectId: 'h2' }, ['h2', 'h2-carer'], undefined],
    ]);
    expect(overview.due.map((r) => r.record.subjectId)).toEqual(['c1']);
    expect(right(await loadRetentionOverview(store, d('2089-04-30'))).due).toEqual([]);
  });

  it('erases a record and everything it covers once retention allows; refused before, with nothing changed', async () => {
    const { store } = await rileysPlacement();
    const keys = inMemoryKeyStore();
    const made = await Promise.all(['c1', 'p1', 'h1'].map((s) => keys.currentKey(s, now)));
    const keyOf = (i: number) => right(made[i] as E.Either<{ message: string }, { keyId: string }>).keyId;
    const before = await collect(store.readAll());

    const early = await eraseRecord({ store, keys, subjectId: 'c1', on: d('2089-04-30'), now, actor: dpo });
    expect(E.isLeft(early) && early.left).toMatchObject({
      _tag: 'RuleViolation',
      rule: { id: 'retention' },
      details: { earliestErasure: '2089-05-01' },
    });
    expect(await collect(store.readAll())).toEqual(before);
    expect(await keys.findKey('c1', keyOf(0))).toMatchObject(E.right({ found: 'key' }));

    const done = right(
      await eraseRecord({ store, keys, subjectId: 'c1', on: d('2089-05-01'), now, actor: dpo }),
    );
    expect(done).toEqual({ erasedAt: now, covers: ['c1', 'p1'] });
    expect(await keys.findKey('c1', keyOf(0))).toEqual(E.right({ found: 'erased', erasedAt: now }));
    expect(await keys.findKey('p1', keyOf(1))).toEqual(E.right({ found: 'erased', erasedAt: now }));
    // The household is another record, with its own retention: untouched.
    expect(await keys.findKey('h1', keyOf(2))).toMatchObject(E.right({ found: 'key' }));

    const overview = right(await loadRetentionOverview(store, d('2089-05-01')));
    expect(overview.erased.c1).toMatchObject({ kind: 'child', covers: ['c1', 'p1'], erasedOn: '2089-05-01' });
    expect(overview.due).toEqual([]);
    const again = await eraseRecord({
      store,
      keys,
      subjectId: 'c1',
      on: d('2090-06-01'),
      now: new Date(),
      actor: dpo,
    });
    expect(again).toEqual(E.right({ erasedAt: now, covers: ['c1', 'p1'] }));
  });

  it('refuses an id that is no child or household on record, naming the field', async () => {
    const { store } = await rileysPlacement();
    const refused = await eraseRecord({
      store,
      keys: inMemoryKeyStore(),
      subjectId: 'nobody',
      on: d('2100-01-01'),
      now,
      actor: dpo,
    });
    expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'UnknownRecord', field: 'subjectId' });
  });
});

/** A household's life: applied; then maybe approved (fully or temporarily); then maybe ended one way. */
const lifecycle = fc.record({
  appliedOn: fc.integer({ min: 0, max: 3_000 }).map((n) => addDays(d('2020-01-01'), n)),
  approval: fc.constantFrom('none', 'full', 'temporary', 'temporary-then-full'),
  ending: fc.constantFrom('none', 'resigned', 'terminated', 'refused'),
  gaps: fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 4, maxLength: 4 }),
  erasureAfterDays: fc.integer({ min: 0, max: 10_000 }),
});
type Lifecycle = typeof lifecycle extends fc.Arbitrary<infer T> ? T : never;

/** The events of a lifecycle, and the day the regulations say its record may first be erased. */
const history = (life: Lifecycle): { events: hh.HouseholdEvent[]; endsOn: LocalDate | undefined } => {
  const [g1, g2, g3, g4] = life.gaps as [number, number, number, number];
  const approvedOn = addDays(life.appliedOn, g1);
  const fullOn = addDays(approvedOn, g2);
  const endingOn = addDays(fullOn, g3);
  const events: hh.HouseholdEvent[] = [
    hh.ApplicationReceived.create({
      householdId: 'h',
      receivedOn: life.appliedOn,
      route: 'family-and-friends',
      applicants: [{ adultId: 'a', name: 'A' }],
      previousServices: [],
    }),
  ];
  const temporary = life.approval === 'temporary' || life.approval === 'temporary-then-full';
  const expiresOn = addDays(approvedOn, 112 + g4);
  if (temporary)
    events.push(hh.TemporarilyApproved.create({ approvedOn, childId: 'c', expiresOn, terms: wideTerms }));
  if (life.approval === 'full')
    events.push(hh.HouseholdApproved.create({ decidedOn: approvedOn, terms: wideTerms }));
  if (life.approval === 'temporary-then-full') {
    events.push(hh.HouseholdApproved.create({ decidedOn: fullOn, terms: wideTerms }));
  }
  const approved = life.approval !== 'none';
  const endedOn = addDays(endingOn, 28);
  if (life.ending === 'resigned' && approved) {
    events.push(hh.ResignationReceived.create({ receivedOn: endingOn, approvalEndsOn: endedOn }));
  }
  if (life.ending === 'terminated' && approved) {
    events.push(
      hh.ApprovalTerminated.create({ noticeGivenOn: endingOn, takesEffectOn: endedOn, reason: 'standards' }),
    );
  }
  if (life.ending === 'refused' && life.approval !== 'full' && life.approval !== 'temporary-then-full') {
    events.push(
      hh.ApprovalRefused.create({
        decidedOn: endingOn,
        noticeGivenOn: endingOn,
        takesEffectOn: endedOn,
        reason: 'x',
      }),
    );
  }
  const years = (from: LocalDate, n: number) => {
    const [y, rest] = [Number(from.slice(0, 4)), from.slice(4)];
    // 29 February anniversaries fall on 1 March (the later day), as the retention rule reads.
    const day = `${String(y + n).padStart(4, '0')}${rest}`;
    return (rest === '-02-29' && (y + n) % 4 !== 0 ? `${y + n}-03-01` : day) as LocalDate;
  };
  const everFull = life.approval === 'full' || life.approval === 'temporary-then-full';
  const ended =
    ((life.ending === 'resigned' || life.ending === 'terminated') && approved) ||
    (life.ending === 'refused' && !everFull);
  let endsOn: LocalDate | undefined;
  if (!approved) endsOn = ended ? years(endedOn, 3) : undefined;
  else if (ended)
    endsOn = years(life.approval === 'temporary' && expiresOn < endedOn ? expiresOn : endedOn, 10);
  else endsOn = life.approval === 'temporary' ? years(expiresOn, 10) : undefined;
  return { events, endsOn };
};

describe('retention of generated households (rule retention, FSR 32)', () => {
  it('reads the retention from the history and locks erasure until the day the regulations allow', async () => {
    await fc.assert(
      fc.asyncProperty(lifecycle, async (life) => {
        const { events, endsOn } = history(life);
        const state = events.reduce((s, event) => evolveHousehold(s, event), initialHouseholdState);
        const record = householdRetention('h', state);
        expect(record.kind).toBe(life.approval === 'none' ? 'applicant' : 'carer');

        const store = inMemoryEventStore();
        const stamp = eventStamper({ actor: dpo, occurredAt: now }, systemClock);
        right(
          await store.append(householdStreamId('h'), events.map(stamp(hh.householdEvents)), {
            expectedRevision: 'no_stream',
          }),
        );
        const keys = inMemoryKeyStore();
        const on = addDays(life.appliedOn, life.erasureAfterDays + 365 * 3);
        const outcome = await eraseRecord({ store, keys, subjectId: 'h', on, now, actor: dpo });
        const allowed = endsOn !== undefined && on >= endsOn;
        expect(E.isRight(outcome)).toBe(allowed);
        if (E.isRight(outcome)) expect(outcome.right.covers).toEqual(['h', 'a']);
        else {
          expect(outcome.left).toMatchObject({ _tag: 'RuleViolation', rule: { id: 'retention' } });
          expect(outcome.left._tag === 'RuleViolation' && outcome.left.details?.earliestErasure).toBe(endsOn);
        }
        expect(await keys.findKey('a', 'any')).toEqual(
          E.right(allowed ? { found: 'erased', erasedAt: now } : { found: 'none' }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
