import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { v5 } from 'uuid';
import { type LocalDate, LocalDateC } from '../calendar/local-date.js';
import type { Actor } from '../eventsourcing/envelope.js';
import type { AppendError, RuleViolation, StoreUnavailable } from '../eventsourcing/errors.js';
import { eventRegistry } from '../eventsourcing/event-registry.js';
import type { EventStore } from '../eventsourcing/event-store.js';
import { eventType } from '../eventsourcing/event-type.js';
import type { SubjectKeyStore } from './key-store.js';
import { checkErasure, type RetentionRecord } from './retention.js';
import { endDerivedStatesEpoch } from './sealed-states.js';

/**
 * The record that a person's personal data was erased: whose record, every subject whose keys were destroyed,
 * the day retention ended, when it was erased (the envelope's actor says who asked).
 */
export const SubjectErasureRecorded = eventType(
  'SubjectErasureRecorded',
  t.type({
    subjectId: t.string,
    kind: t.keyof({ child: null, carer: null, applicant: null }),
    covers: t.array(t.string),
    retentionEndedOn: LocalDateC,
    erasedOn: LocalDateC,
    erasedAt: t.string,
  }),
);
export const erasureEvents = eventRegistry([SubjectErasureRecorded]);

export const erasureStreamId = (subjectId: string): string => `erasure-${subjectId}`;

// Fixed, so that the erasure of one subject always records the same event id and a retry is a replay.
const ERASURE_NAMESPACE = '5f1c2a4e-6b0d-4e39-9a57-2f8b7c1d0e63';

export interface EraseSubject {
  readonly store: EventStore;
  readonly keys: SubjectKeyStore;
  /** What decides the subject's retention, from the record (a child's date of birth, an approval's end...). */
  readonly record: RetentionRecord;
  /** Every subject whose keys go with the record's (a household's members, a child's placements); its own always. */
  readonly covers?: ReadonlyArray<string>;
  /** The day of the erasure, checked against retention. */
  readonly on: LocalDate;
  readonly now: Date;
  readonly actor: Actor;
}

/**
 * Erases a subject once retention allows (rule `retention`): destroys their keys, which makes every copy of
 * their personal data unreadable, then records `SubjectErasureRecorded` in their erasure stream. In that order,
 * so a failure between the two leaves an erasure to record rather than a record of one that did not happen; a
 * retry destroys nothing more, keeps the first date, and records the same event id, so it is a replay.
 */
export const eraseSubject = async (
  request: EraseSubject,
): Promise<E.Either<RuleViolation | StoreUnavailable | AppendError, { readonly erasedAt: Date }>> => {
  const allowed = checkErasure(request.record, request.on);
  if (E.isLeft(allowed)) return allowed;
  const own = request.record.subjectId;
  const covers = [own, ...(request.covers ?? []).filter((subject) => subject !== own)];
  // The record's own subject first: its erasure time is the one recorded, and a retry keeps it.
  const destroyed = await request.keys.destroy(own, request.now);
  if (E.isLeft(destroyed)) return destroyed;
  const { erasedAt } = destroyed.right;
  for (const subject of covers.slice(1)) {
    const also = await request.keys.destroy(subject, request.now);
    if (E.isLeft(also)) return also;
  }
  // Checkpoints and snapshots taken until now hold the subjects' values opened: none of them opens again.
  const ended = await endDerivedStatesEpoch(request.keys, request.now);
  if (E.isLeft(ended)) return ended;
  const eventId = v5(`erasure:${request.record.subjectId}`, ERASURE_NAMESPACE);
  const recorded = await request.store.append(
    erasureStreamId(request.record.subjectId),
    [
      {
        ...erasureEvents.encode(
          SubjectErasureRecorded.create({
            subjectId: request.record.subjectId,
            kind: request.record.kind,
            covers,
            retentionEndedOn: allowed.right.retentionEndedOn,
            erasedOn: request.on,
            erasedAt: erasedAt.toISOString(),
          }),
        ),
        eventId,
        occurredAt: erasedAt,
        actor: request.actor,
        correlationId: eventId,
        causationId: eventId,
      },
    ],
    { expectedRevision: 'any' },
  );
  return E.isLeft(recorded) ? recorded : E.right({ erasedAt });
};
