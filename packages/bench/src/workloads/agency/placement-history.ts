import {
  childStreamId,
  householdStreamId,
  placementStreamId,
  type RecordedEvent,
  streamCategory,
} from '@fostering/core';

/** One placement's history: the streams a review pack reads for it, and their events in global order. */
export interface PlacementHistory {
  readonly placementId: string;
  readonly streams: ReadonlyArray<string>;
  readonly events: ReadonlyArray<RecordedEvent>;
}

const field = (event: RecordedEvent, name: string): string | undefined => {
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const value = (data as Readonly<Record<string, unknown>>)[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The placement with the longest history in an agency: its own stream, its child's, its household's and the
 * household's clinic series (what `loadReviewPack` reads), the largest total first, then by id.
 */
export const longestPlacementHistory = (events: ReadonlyArray<RecordedEvent>): PlacementHistory => {
  const counts = new Map<string, number>();
  const started = new Map<string, { childId: string; householdId: string }>();
  const seriesOf = new Map<string, string[]>();
  for (const event of events) {
    counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
    const [placementId, childId, householdId] = [
      field(event, 'placementId'),
      field(event, 'childId'),
      field(event, 'householdId'),
    ];
    if (event.type === 'PlacementStarted' && placementId && childId && householdId) {
      started.set(placementId, { childId, householdId });
    }
    if (event.type === 'ClinicSeriesOpened' && householdId !== undefined) {
      seriesOf.set(householdId, [...(seriesOf.get(householdId) ?? []), event.streamId]);
    }
  }
  const candidates = [...started].map(([placementId, { childId, householdId }]) => {
    const streams = [
      placementStreamId(placementId),
      childStreamId(childId),
      householdStreamId(householdId),
      ...(seriesOf.get(householdId) ?? []),
    ];
    return { placementId, streams, size: streams.reduce((n, s) => n + (counts.get(s) ?? 0), 0) };
  });
  const longest = candidates.sort((a, b) => b.size - a.size || (a.placementId < b.placementId ? -1 : 1))[0];
  if (longest === undefined) throw new Error('the agency has no placement that started');
  const streams = new Set(longest.streams);
  return { ...longest, events: events.filter((e) => streams.has(e.streamId)) };
};

/**
 * A store's worth of events: the history, spread evenly through `size` events of other streams. The others are
 * copies of another agency's events under renamed streams (`household-f2.hh-0001`), as many copies as it takes,
 * each cut after whole prefixes of its streams, so every stream still starts at revision 0.
 */
export const historyAmong = (
  history: ReadonlyArray<RecordedEvent>,
  others: ReadonlyArray<RecordedEvent>,
  size: number,
): RecordedEvent[] => {
  const fillers = size - history.length;
  if (fillers < 0 || others.length === 0) throw new RangeError(`cannot make a store of ${size} events`);
  const filler = (i: number): RecordedEvent => {
    const copy = Math.floor(i / others.length);
    const event = others[i % others.length] as RecordedEvent;
    const category = streamCategory(event.streamId);
    return { ...event, streamId: `${category}-f${copy}.${event.streamId.slice(category.length + 1)}` };
  };
  const out: RecordedEvent[] = [];
  let next = 0;
  history.forEach((event, j) => {
    const until = Math.round(((j + 1) * fillers) / (history.length + 1));
    for (; next < until; next++) out.push(filler(next));
    out.push(event);
  });
  for (; next < fillers; next++) out.push(filler(next));
  return out;
};

/**
 * The history made `length` events long, when the generator's is shorter (its longest placement history is about
 * 1,100 events; the issue asks for 5,000): the child's social worker visits recorded again, in turn, at the end of
 * its stream, each with a fresh id. Every copy decodes and folds as the original does, so ours and the limit fold
 * the same longer history; it stands for a long placement's many visits, not for a realistic record.
 */
export const paddedTo = (history: PlacementHistory, length: number): PlacementHistory => {
  const missing = length - history.events.length;
  if (missing <= 0) return history;
  const childStream = history.streams.find((s) => streamCategory(s) === streamCategory(childStreamId('x')));
  const visits = history.events.filter(
    (e) => e.streamId === childStream && e.type === 'SocialWorkerVisitRecorded',
  );
  const last = history.events.filter((e) => e.streamId === childStream).at(-1);
  if (visits.length === 0 || last === undefined)
    throw new Error('the history has no social worker visit to repeat');
  const copies = Array.from({ length: missing }, (_, n): RecordedEvent => {
    const visit = visits[n % visits.length] as RecordedEvent;
    return {
      ...visit,
      eventId: `${visit.eventId.slice(0, 24)}${String(n).padStart(12, '0')}`,
      streamRevision: last.streamRevision + 1 + n,
      recordedAt: last.recordedAt,
    };
  });
  return { ...history, events: [...history.events, ...copies] };
};
