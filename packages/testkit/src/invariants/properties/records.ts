import { type AgencyPolicy, rules } from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { agencyHistories } from '../histories/agency.js';
import { smallAgencyHistories } from '../histories/small-agency.js';
import type { InvariantProperty } from '../property.js';

/**
 * Rules about every record, whatever its area: each entry dated and attributed (`records`), nothing the agency
 * recorded ever lost (`retention`: records are kept for decades, and an event store that dropped or rewrote an
 * event would destroy them before their time).
 */
/** Whole agencies (every area's events at once), or a small one of households, children and placements. */
const everyArea = (policy: AgencyPolicy) =>
  fc.oneof(
    { arbitrary: agencyHistories(policy), weight: 3 },
    { arbitrary: smallAgencyHistories(), weight: 1 },
  );

export const recordsProperties: Readonly<Record<string, InvariantProperty>> = {
  [rules.records.id]: {
    claim:
      'every stored entry says when it happened, when it was recorded, and who recorded it in what role (the sender of its command)',
    histories: everyArea,
    check: (run) => {
      const breaches: string[] = [];
      const senders = new Set(run.outcomes.map((o) => `${o.step.by?.id ?? 'invariant-checker'}`));
      for (const event of run.events) {
        const where = `${event.type} at ${event.streamId}@${event.streamRevision}`;
        if (!(event.occurredAt instanceof Date) || Number.isNaN(event.occurredAt.getTime())) {
          breaches.push(`${where} has no date it happened`);
        }
        if (!(event.recordedAt instanceof Date) || Number.isNaN(event.recordedAt.getTime())) {
          breaches.push(`${where} has no date it was recorded`);
        }
        if (event.actor.id.trim() === '' || event.actor.role.trim() === '') {
          breaches.push(`${where} is not attributed (actor ${JSON.stringify(event.actor)})`);
        } else if (!senders.has(event.actor.id)) {
          breaches.push(`${where} is attributed to ${event.actor.id}, who sent no command`);
        }
      }
      return breaches;
    },
  },
  [rules.retention.id]: {
    claim:
      'nothing recorded is ever lost or rewritten: every stream holds revisions 0 to n with no gap, and every event an accepted command reported is there, unchanged',
    histories: everyArea,
    check: (run) => {
      const breaches: string[] = [];
      const byStream = new Map<string, number[]>();
      for (const event of run.events)
        byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event.streamRevision]);
      for (const [streamId, revisions] of byStream) {
        const expected = revisions.map((_, i) => i);
        if (revisions.join() !== expected.join())
          breaches.push(`${streamId} holds revisions ${revisions.join(', ')}`);
      }
      const stored = new Map(run.events.map((e) => [e.eventId, e]));
      for (const { step, answer } of run.outcomes) {
        if (E.isLeft(answer)) continue;
        for (const reported of reportedEvents(answer.right)) {
          const kept = stored.get(reported.eventId);
          if (kept === undefined)
            breaches.push(`${reported.type} ${reported.eventId} accepted for ${step.request.id} is missing`);
          else if (kept.type !== reported.type || kept.streamId !== reported.streamId) {
            breaches.push(
              `${reported.eventId} was recorded as ${reported.type} on ${reported.streamId}, now reads ${kept.type} on ${kept.streamId}`,
            );
          }
        }
      }
      return breaches;
    },
  },
};

interface Reported {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
}

const isReported = (value: unknown): value is Reported =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Reported).eventId === 'string' &&
  typeof (value as Reported).type === 'string' &&
  typeof (value as Reported).streamId === 'string';

/**
 * The recorded events an accepted command's answer names, wherever the handle put them (an array of events, an
 * append result's `events`, a start's `appended`); an answer that names none is judged by revisions alone.
 */
const reportedEvents = (answer: unknown, depth = 0): ReadonlyArray<Reported> => {
  if (depth > 3 || typeof answer !== 'object' || answer === null) return [];
  if (isReported(answer)) return [answer];
  const values = Array.isArray(answer) ? answer : Object.values(answer);
  return values.flatMap((value) => reportedEvents(value, depth + 1));
};
