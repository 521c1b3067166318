import { type JsonObject, type NewEvent, newEventId } from '@fostering/core';

/**
 * The event every PostgreSQL workload writes: a therapeutic clinic's note of a session, of ordinary size
 * (about 400 bytes of JSON). The fill of the catch-up workload builds the same payload in SQL (see fill.ts).
 */
export const NOTE_TYPE = 'ClinicNoteRecorded';

export const NOTE_TEXT =
  'Discussed the placement with both carers; bedtime routine is settling and school attendance has improved. ' +
  'Agreed to revisit contact arrangements at the next session.';

export const noteData = (i: number): JsonObject => ({
  sessionId: `session-${i}`,
  childId: `child-${i % 997}`,
  heldOn: '2025-03-14',
  mode: i % 3 === 0 ? 'online' : 'in-person',
  minutes: 50,
  youngPeopleDiscussed: [`child-${i % 997}`, `child-${(i + 1) % 997}`],
  note: NOTE_TEXT,
});

export const ACTOR = { id: 'clinician-7', role: 'clinician' } as const;
export const OCCURRED_AT = new Date('2025-03-14T15:30:00Z');

export const clinicNote = (i: number): NewEvent & { readonly data: JsonObject } => {
  const correlationId = newEventId();
  return {
    eventId: newEventId(),
    type: NOTE_TYPE,
    schemaVersion: 1,
    data: noteData(i),
    occurredAt: OCCURRED_AT,
    actor: ACTOR,
    correlationId,
    causationId: correlationId,
  };
};

/** What our envelope holds beyond type and data, as the peers' free-form metadata. */
export const metadataOf = (event: NewEvent) => ({
  occurredAt: event.occurredAt.toISOString(),
  actorId: event.actor.id,
  actorRole: event.actor.role,
  correlationId: event.correlationId,
  causationId: event.causationId,
});

export const WRITERS = 8;
export const STREAMS = 100;

/** One append: events for one stream, and the stream's revision before it (-1 for a new stream). */
export interface Append {
  readonly streamId: string;
  readonly before: number;
  readonly events: ReadonlyArray<NewEvent & { readonly data: JsonObject }>;
}

/**
 * The appends of one repetition, per writer. Each writer owns the streams `w, w + 8, …` and goes round them: a
 * peer without "any revision" (Castore needs each event's version) then knows the next version without reading
 * it, and no contender loses time to conflicts another would not have.
 */
export const writePlan = (appends: number, eventsPerAppend: number): Append[][] => {
  const revisions = new Map<string, number>();
  let i = 0;
  return Array.from({ length: WRITERS }, (_, w) => {
    const owned = Array.from({ length: Math.ceil((STREAMS - w) / WRITERS) }, (_, k) => w + k * WRITERS);
    return Array.from({ length: Math.ceil((appends - w) / WRITERS) }, (_, a) => {
      const streamId = `clinic-${owned[a % owned.length]}`;
      const before = revisions.get(streamId) ?? -1;
      revisions.set(streamId, before + eventsPerAppend);
      return {
        streamId,
        before,
        events: Array.from({ length: eventsPerAppend }, () => clinicNote(i++)),
      };
    });
  });
};

/** Every writer's appends, the writers running at once, each append after the last. */
export const runPlan = async <A>(plan: ReadonlyArray<ReadonlyArray<A>>, append: (a: A) => Promise<void>) => {
  await Promise.all(
    plan.map(async (appends) => {
      for (const a of appends) await append(a);
    }),
  );
};

export const eventCount = (plan: ReadonlyArray<ReadonlyArray<Append>>): number =>
  plan.reduce((n, appends) => n + appends.reduce((m, a) => m + a.events.length, 0), 0);

/** Throws unless `actual` is `expected`: a contender that lost or duplicated work must not report a figure. */
export const expectCount = (what: string, actual: number, expected: number): void => {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}`);
};
