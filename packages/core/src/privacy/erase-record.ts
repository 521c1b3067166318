import * as E from 'fp-ts/lib/Either.js';
import type { LocalDate } from '../calendar/index.js';
import type { ReadError } from '../eventsourcing/decoded-reads.js';
import type { Actor } from '../eventsourcing/envelope.js';
import type { AppendError, DomainError, RuleViolation, StoreUnavailable } from '../eventsourcing/errors.js';
import type { EventStore } from '../eventsourcing/event-store.js';
import { type Projection, recordsByStream } from '../eventsourcing/projection.js';
import { projectionAtOverAll } from '../replay/as-of.js';
import { everything } from '../replay/history-cut.js';
import { agencyRecords } from '../reviews/agency-records.js';
import { eraseSubject, erasureEvents, type SubjectErasureRecorded } from './erasure.js';
import type { SubjectKeyStore } from './key-store.js';
import { dueForErasure, type RetainedRecord, retentionRegister } from './retention-register.js';

type ErasureEvent = ReturnType<typeof SubjectErasureRecorded.create>;

export interface ErasureRecord {
  readonly kind: 'child' | 'carer' | 'applicant';
  readonly covers: ReadonlyArray<string>;
  readonly erasedOn: LocalDate;
  readonly erasedAt: Date;
  readonly retentionEndedOn: LocalDate;
}

/** Every erasure recorded, by the subject id of the record erased. */
export const erasureRecords: Projection<
  Readonly<Record<string, ErasureRecord>>,
  ErasureEvent
> = recordsByStream({
  name: 'privacy.erasures',
  registry: erasureEvents,
  prefix: 'erasure-',
  // An erasure stream holds one event (a retry is a replay), so the record is that event's and needs no start.
  initialState: undefined as unknown as ErasureRecord,
  evolve: (_, event) => {
    const { kind, covers, erasedOn, erasedAt, retentionEndedOn } = event.data;
    return { kind, covers, erasedOn, erasedAt: new Date(erasedAt), retentionEndedOn };
  },
});

export interface RetentionOverview {
  readonly register: ReadonlyArray<RetainedRecord>;
  readonly erased: Readonly<Record<string, ErasureRecord>>;
  /** Retention ended by the date asked about and not yet erased, earliest first (rule `retention`). */
  readonly due: ReadonlyArray<RetainedRecord & { readonly retentionEndsOn: LocalDate }>;
}

/** The retention register from the whole log: what is kept, until when, what is due for erasure on `on`. */
export const loadRetentionOverview = async (
  store: EventStore,
  on: LocalDate,
): Promise<E.Either<ReadError, RetentionOverview>> => {
  const records = await projectionAtOverAll(store, agencyRecords, everything);
  if (E.isLeft(records)) return records;
  const erasures = await projectionAtOverAll(store, erasureRecords, everything);
  if (E.isLeft(erasures)) return erasures;
  const register = retentionRegister(records.right.state);
  const erased = erasures.right.state;
  return E.right({ register, erased, due: dueForErasure(register, new Set(Object.keys(erased)), on) });
};

/** No child or household with this id is on record. */
export interface UnknownRecord extends DomainError {
  readonly _tag: 'UnknownRecord';
  readonly field: 'subjectId';
  readonly subjectId: string;
}

export interface EraseRecord {
  readonly store: EventStore;
  readonly keys: SubjectKeyStore;
  /** The child's or household's id. */
  readonly subjectId: string;
  readonly on: LocalDate;
  readonly now: Date;
  readonly actor: Actor;
}

/**
 * Erases a child's or a household's record once retention allows: reads the register from the log, checks the
 * record's retention (rule `retention`), destroys the keys of every subject the record covers and records the
 * erasure. A record already erased is erased again as a replay (its first date kept).
 */
export const eraseRecord = async (
  request: EraseRecord,
): Promise<
  E.Either<
    UnknownRecord | RuleViolation | ReadError | StoreUnavailable | AppendError,
    {
      readonly erasedAt: Date;
      readonly covers: ReadonlyArray<string>;
    }
  >
> => {
  const overview = await loadRetentionOverview(request.store, request.on);
  if (E.isLeft(overview)) return overview;
  const entry = overview.right.register.find((r) => r.record.subjectId === request.subjectId);
  if (entry === undefined) {
    const done = overview.right.erased[request.subjectId];
    // A child erased before reads without a date of birth, so only the erasure's record still knows them.
    if (done !== undefined) return E.right({ erasedAt: done.erasedAt, covers: done.covers });
    return E.left({
      _tag: 'UnknownRecord',
      field: 'subjectId',
      subjectId: request.subjectId,
      message: `'${request.subjectId}' is not a child or household on record`,
    });
  }
  const erased = await eraseSubject({ ...request, record: entry.record, covers: entry.covers });
  return E.map(({ erasedAt }: { erasedAt: Date }) => ({ erasedAt, covers: entry.covers }))(erased);
};
