import { type LocalDate, toPlainDate } from '../calendar/index.js';
import type { RecordedEvent } from '../eventsourcing/index.js';
import type { AsOfDate } from '../reviews/model.js';

/**
 * A cut through history. Reviews ask for the record "as it stood on a date" in two senses: what had happened by
 * then (`occurredBefore`, by each event's occurred-at) and what had been written down by then
 * (`recordedBefore`, by recorded-at), since visits and clinic notes are often recorded days later. Either or
 * both may be given; an empty cut is the whole history. Both instants are exclusive.
 */
export interface HistoryCut {
  readonly occurredBefore?: Date;
  readonly recordedBefore?: Date;
}

/** The agency's clock for calendar dates: England. */
export const agencyTimeZone = 'Europe/London';

/** The first instant after `date` ends where the agency is, so that "as of a date" includes all of that day. */
export const endOfDay = (date: LocalDate, timeZone: string = agencyTimeZone): Date =>
  new Date(toPlainDate(date).add({ days: 1 }).toZonedDateTime({ timeZone }).epochMilliseconds);

export const everything: HistoryCut = {};

/** Everything that had happened by the end of `on`, however late it was recorded. */
export const occurredBy = (on: LocalDate, cut: HistoryCut = everything): HistoryCut => ({
  ...cut,
  occurredBefore: endOfDay(on),
});

/** Everything that had been recorded by the end of `on`: what the agency could have known that day. */
export const recordedBy = (on: LocalDate, cut: HistoryCut = everything): HistoryCut => ({
  ...cut,
  recordedBefore: endOfDay(on),
});

export const cutOf = (asOf: AsOfDate): HistoryCut =>
  asOf.by === 'occurred' ? occurredBy(asOf.on) : recordedBy(asOf.on);

export const withinCut =
  (cut: HistoryCut) =>
  (event: Pick<RecordedEvent, 'occurredAt' | 'recordedAt'>): boolean =>
    (cut.occurredBefore === undefined || event.occurredAt < cut.occurredBefore) &&
    (cut.recordedBefore === undefined || event.recordedAt < cut.recordedBefore);
