import * as E from 'fp-ts/lib/Either.js';
import { householdStreamId } from '../approvals/decider.js';
import type { LocalDate, WorkingDayCalendar } from '../calendar/index.js';
import { childStreamId } from '../children/decider.js';
import { clinicEvents } from '../clinics/events/index.js';
import { complianceContext } from '../compliance/context.js';
import { type EventStore, guardStore, ownValue, project, type ReadError } from '../eventsourcing/index.js';
import { placementStreamId } from '../placements/decider.js';
import type { AgencyPolicy } from '../policy/index.js';
import { historyAt, projectionAtOverAll } from '../replay/as-of.js';
import { type HistoryCut, occurredBy, recordedBy } from '../replay/history-cut.js';
import { agencyEvents, agencyRecords } from './agency-records.js';
import { forAudience } from './audience.js';
import { complianceReport } from './compliance-report.js';
import type { AsOfDate, Audience, ComplianceReport, ReviewPack } from './model.js';
import { reviewPack } from './review-pack.js';

export interface UnknownPlacement {
  readonly _tag: 'UnknownPlacement';
  readonly placementId: string;
  readonly message: string;
}

export interface InvalidPeriod {
  readonly _tag: 'InvalidPeriod';
  readonly field: 'to';
  readonly message: string;
}

export type ReviewPackError = ReadError | UnknownPlacement | InvalidPeriod;

export interface ReviewPackRequest {
  readonly placementId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Only what had been recorded by this date: the pack as it could have been printed then. */
  readonly asRecordedAt?: LocalDate;
  readonly policy?: AgencyPolicy;
  readonly calendar?: WorkingDayCalendar;
  /** The reader: the pack keeps only what they may read (`forAudience`); absent for the full record. */
  readonly audience?: Audience;
}

const options = (request: { policy?: AgencyPolicy; calendar?: WorkingDayCalendar }) => ({
  ...(request.policy === undefined ? {} : { policy: request.policy }),
  ...(request.calendar === undefined ? {} : { calendar: request.calendar }),
});

/**
 * The clinic series opened for a household. Only the opening events are read (a filtered read, indexed by type in
 * the database), so finding them costs the number of series, not their sessions.
 */
const clinicStreamsOf = async (store: EventStore, householdId: string, cut: HistoryCut) =>
  guardStore(async () => {
    const streams: string[] = [];
    for await (const event of store.readAll({
      filter: { eventTypes: ['ClinicSeriesOpened'], streamPrefixes: ['clinic-'] },
    })) {
      const opened = clinicEvents.decode(event);
      if (
        E.isRight(opened) &&
        opened.right.type === 'ClinicSeriesOpened' &&
        opened.right.data.householdId === householdId &&
        (cut.recordedBefore === undefined || event.recordedAt < cut.recordedBefore)
      ) {
        streams.push(event.streamId);
      }
    }
    return streams;
  });

/**
 * Builds the review pack for a placement from the store: the placement's stream first (to learn the child and
 * household), then every stream involved, each read once and cut at the period's end (and at `asRecordedAt`).
 */
export const loadReviewPack = async (
  store: EventStore,
  request: ReviewPackRequest,
): Promise<E.Either<ReviewPackError, ReviewPack>> => {
  if (request.to < request.from) {
    return E.left({
      _tag: 'InvalidPeriod',
      field: 'to',
      message: `the period ends (${request.to}) before it starts (${request.from})`,
    });
  }
  const asOf: AsOfDate =
    request.asRecordedAt === undefined
      ? { by: 'occurred', on: request.to }
      : { by: 'recorded', on: request.asRecordedAt };
  const cut =
    request.asRecordedAt === undefined
      ? occurredBy(request.to)
      : recordedBy(request.asRecordedAt, occurredBy(request.to));
  const placementStream = placementStreamId(request.placementId);
  const first = await historyAt(store, agencyEvents, [placementStream], cut);
  if (E.isLeft(first)) return first;
  const placement = ownValue(project(agencyRecords)(first.right.events).placements, request.placementId);
  const childId = placement?.started?.childId ?? placement?.referral?.childId;
  const householdId = placement?.started?.householdId ?? placement?.match?.householdId;
  if (childId === undefined || householdId === undefined) {
    return E.left({
      _tag: 'UnknownPlacement',
      placementId: request.placementId,
      message: `no placement '${request.placementId}' with a child and a household had been recorded by ${asOf.on}`,
    });
  }
  const clinics = await clinicStreamsOf(store, householdId, cut);
  if (E.isLeft(clinics)) return clinics;
  const streams = [placementStream, childStreamId(childId), householdStreamId(householdId), ...clinics.right];
  const history = await historyAt(store, agencyEvents, streams, cut);
  if (E.isLeft(history)) return history;
  const records = project(agencyRecords)(history.right.events);
  const pack = reviewPack(
    {
      placementId: request.placementId,
      records,
      events: history.right.events,
      streams: history.right.streams,
    },
    { from: request.from, to: request.to, asOf },
    complianceContext(request.to, options(request)),
  );
  return E.right(request.audience === undefined ? pack : forAudience(request.audience)(pack));
};

/** The agency compliance report as things stood on a date, by occurrence or by recording. */
export const loadComplianceReport = async (
  store: EventStore,
  request: {
    readonly asOf: LocalDate;
    readonly by?: 'occurred' | 'recorded';
    readonly policy?: AgencyPolicy;
    readonly calendar?: WorkingDayCalendar;
  },
): Promise<E.Either<ReadError, ComplianceReport & { readonly events: number }>> => {
  const by = request.by ?? 'occurred';
  const cut = by === 'occurred' ? occurredBy(request.asOf) : recordedBy(request.asOf);
  const records = await projectionAtOverAll(store, agencyRecords, cut);
  return E.map(({ state, events }: { state: typeof agencyRecords.initialState; events: number }) => ({
    ...complianceReport(state, complianceContext(request.asOf, options(request)), by),
    events,
  }))(records);
};
