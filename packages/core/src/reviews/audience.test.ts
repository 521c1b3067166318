import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate as d } from '../calendar/index.js';
import { childStreamId } from '../children/decider.js';
import * as ch from '../children/events/index.js';
import { clinicStreamId } from '../clinics/decider.js';
import * as cl from '../clinics/events/index.js';
import {
  type Actor,
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  eventStamper,
  systemClock,
} from '../eventsourcing/index.js';
import { placementStreamId } from '../placements/decider.js';
import * as pl from '../placements/events.js';
import { rileysPlacement } from './__fixtures__/riley.js';
import { audienceRules, forAudience } from './audience.js';
import { loadReviewPack } from './load.js';
import { type Audience, type RecordEntry, type ReviewPack, recordEntryKinds } from './model.js';

const right = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(either.left.message);
  return either.right;
};

const ssw: Actor = { id: 'ssw-amina', role: 'supervising-social-worker' };
const clinician: Actor = { id: 'dr-barbara', role: 'clinician' };

const write = async <Ev extends DomainEvent>(
  store: EventStore,
  by: Actor,
  registry: EventRegistry<Ev>,
  streamId: string,
  events: ReadonlyArray<Ev>,
) => {
  const stamp = eventStamper({ actor: by, occurredAt: new Date('2025-06-02T09:00:00Z') }, systemClock);
  right(await store.append(streamId, events.map(stamp(registry)), { expectedRevision: 'any' }));
};

/** Riley's placement with a risk assessment, a disruption warning, and a clinic that also discussed child c9. */
const rileyWithRecords = async () => {
  const { store } = await rileysPlacement();
  await write(store, ssw, ch.childEvents, childStreamId('c1'), [
    ch.ChildRiskAssessmentRecorded.create({
      assessmentId: 'r1',
      assessedOn: d('2025-06-02'),
      areas: ['going-missing'],
      facts: 'Left school at lunchtime twice in May.',
      analysis: 'Likely testing whether the carers will come for her.',
    }),
  ]);
  await write(store, ssw, pl.placementEvents, placementStreamId('p1'), [
    pl.DisruptionWarningRecorded.create({ recordedOn: d('2025-06-03'), concern: 'Carers sound exhausted.' }),
  ]);
  await write(store, clinician, cl.clinicEvents, clinicStreamId('s-h1'), [
    cl.SessionHeld.create({
      sessionId: 's9',
      heldOn: d('2025-06-10'),
      mode: 'online',
      minutes: 90,
      youngPeopleDiscussed: ['c1', 'c9'],
    }),
    cl.SessionNotesRecorded.create({
      sessionId: 's9',
      writtenOn: d('2025-06-10'),
      notes: 'Talked about how c9 settles at night.',
    }),
  ]);
  return right(
    await loadReviewPack(store, { placementId: 'p1', from: d('2025-03-01'), to: d('2025-08-31') }),
  );
};

const kinds = (pack: ReviewPack) => [...new Set(pack.entries.map((e) => e.kind))].sort();

describe('the written record in a review pack (rule records, NMS 26)', () => {
  it('dates every entry, names its author and role, and keeps fact apart from opinion', async () => {
    const pack = await rileyWithRecords();
    const risk = pack.entries.filter((e) => e.kind.startsWith('risk-'));
    expect(risk.map((e) => [e.kind, e.nature, e.on, e.author, e.text])).toEqual([
      ['risk-facts', 'fact', '2025-06-02', ssw, 'Left school at lunchtime twice in May.'],
      ['risk-analysis', 'opinion', '2025-06-02', ssw, 'Likely testing whether the carers will come for her.'],
    ]);
    expect(pack.entries.find((e) => e.kind === 'disruption-concern')).toMatchObject({
      nature: 'opinion',
      author: ssw,
      about: ['c1', 'h1'],
    });
    const notes = pack.entries.filter((e) => e.kind === 'clinic-notes');
    // Riley's eight sessions of the fixture and the one that also discussed c9.
    expect(notes).toHaveLength(9);
    expect(notes.every((e) => e.nature === 'opinion' && e.author.id !== '')).toBe(true);
    expect(notes.find((e) => e.on === '2025-06-10')).toMatchObject({
      author: clinician,
      about: ['h1', 'c1', 'c9'],
    });
    expect(pack.audience).toBeUndefined();
  });
});

describe('review packs by audience', () => {
  it('a clinician reads the clinic notes a panel member does not', async () => {
    const pack = await rileyWithRecords();
    expect(kinds(forAudience('clinician')(pack))).toContain('clinic-notes');
    const panel = forAudience('panel-member')(pack);
    expect(panel.audience).toBe('panel-member');
    expect(kinds(panel)).toEqual(['disruption-concern', 'risk-analysis', 'risk-facts']);
  });

  it('the foster carers read the facts about their own child and nothing about anyone else', async () => {
    const pack = await rileyWithRecords();
    const carers = forAudience('foster-carer')(pack);
    expect(kinds(carers)).toEqual(['risk-facts']);
    expect(carers.entries.every((e) => e.nature === 'fact')).toBe(true);
    expect(JSON.stringify(carers)).not.toContain('c9');
    expect(JSON.stringify(forAudience('placing-authority')(pack).entries)).not.toContain('c9');
    // The clinician's view keeps the third party: they discussed c9 in their own clinic.
    expect(JSON.stringify(forAudience('clinician')(pack).entries)).toContain('c9');
  });
});

const entry: fc.Arbitrary<RecordEntry> = fc.record({
  kind: fc.constantFrom(...recordEntryKinds),
  nature: fc.constantFrom('fact' as const, 'opinion' as const),
  on: fc.constant(d('2025-05-01')),
  recordedOn: fc.constant(d('2025-05-01')),
  author: fc.record({
    id: fc.constantFrom('a', 'b'),
    role: fc.constantFrom('clinician', 'supervising-social-worker'),
  }),
  title: fc.string(),
  text: fc.string(),
  about: fc.uniqueArray(fc.constantFrom('c1', 'h1', 'c9', 'h9'), { minLength: 1 }),
});
const audience = fc.constantFrom(...(Object.keys(audienceRules) as Audience[]));

describe('forAudience over generated packs', () => {
  it('keeps a subset, only kinds the audience reads, only their own people where so ruled, and is idempotent', async () => {
    const base = await rileyWithRecords();
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), audience, (entries, who) => {
        const pack = { ...base, entries };
        const seen = forAudience(who)(pack);
        const rule = audienceRules[who];
        expect(seen.entries.every((e) => entries.includes(e))).toBe(true);
        expect(seen.entries.every((e) => rule.reads.has(e.kind))).toBe(true);
        if (rule.ownPeopleOnly) {
          expect(seen.entries.every((e) => e.about.every((id) => id === 'c1' || id === 'h1'))).toBe(true);
        }
        // Nothing the audience may read is dropped.
        const mayRead = entries.filter(
          (e) =>
            rule.reads.has(e.kind) &&
            (!rule.ownPeopleOnly || e.about.every((id) => id === 'c1' || id === 'h1')),
        );
        expect(seen.entries).toEqual(mayRead);
        expect(forAudience(who)(seen)).toEqual(seen);
        if (who === 'panel-member') expect(seen.entries.some((e) => e.kind === 'clinic-notes')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
