import * as E from 'fp-ts/lib/Either.js';
import { localDateOf } from '../calendar/index.js';
import type { EventEnvelope, OutboxDerivation, RecordedEvent } from '../eventsourcing/index.js';
import { type AgencyEvent, agencyEvents } from '../reviews/agency-records.js';
import { rules } from '../rules/index.js';
import { type NotificationIntent, notificationMessages } from './intent.js';
import { type AudienceRole, audiencesFor } from './routing.js';

type Routing = { readonly audiences: Readonly<Record<string, ReadonlyArray<AudienceRole>>> };

/**
 * Events that someone must hear about as soon as they are recorded, not at the next scheduler run: a child placed
 * outside the household's terms in an emergency (rule `terms`: allowed for 6 working days, so the clock is
 * already running). Keyed by the event id, so a replayed event raises nothing new.
 */
export const eventNotifications = (
  event: EventEnvelope<AgencyEvent>,
  routing: Routing,
): ReadonlyArray<NotificationIntent> => {
  const e = { type: event.type, data: event.data } as AgencyEvent;
  if (e.type !== 'ChildJoinedHousehold' || e.data.outsideTermsUntil === undefined) return [];
  const householdId = event.streamId.slice('household-'.length);
  const raisedOn = localDateOf(event.recordedAt);
  return audiencesFor(routing, rules.terms.id).map((audience) => ({
    idempotencyKey: `event:${event.eventId}:${audience}`,
    kind: 'event' as const,
    rule: { id: rules.terms.id, citation: rules.terms.citation },
    code: 'placed-outside-terms',
    subject: { householdId, childId: e.data.childId, placementId: e.data.placementId },
    dueOn: e.data.outsideTermsUntil as NonNullable<typeof e.data.outsideTermsUntil>,
    audience,
    title: `Emergency placement outside the terms of approval, allowed until ${e.data.outsideTermsUntil} (${rules.terms.id}, ${rules.terms.citation})`,
    raisedOn,
  }));
};

/**
 * The store-side reactor: given to a store with a transactional outbox (`postgresEventStore(client, { outbox:
 * { derive } })`), the messages are written in the same transaction as the events they come from.
 */
export const notificationDerivation =
  (routing: Routing, channels: ReadonlyArray<string>): OutboxDerivation =>
  (events: ReadonlyArray<RecordedEvent>) =>
    events.flatMap((recorded) => {
      if (!agencyEvents.has(recorded.type)) return [];
      const decoded = agencyEvents.decode(recorded);
      // An event the store just accepted decodes; if not, it is not this reactor's to refuse the append.
      if (E.isLeft(decoded)) return [];
      return eventNotifications(decoded.right, routing).flatMap((intent) =>
        notificationMessages(intent, channels),
      );
    });
