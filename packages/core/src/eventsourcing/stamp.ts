import type { Clock } from './clock.js';
import type { CommandMetadata } from './command-handler.js';
import type { DomainEvent, NewEvent } from './envelope.js';
import type { EventRegistry } from './event-registry.js';
import { newCorrelationId, newEventId } from './ids.js';

/**
 * Turns one command's metadata into a stamp for its events: one occurred-at for all of them (the clock's now
 * when the caller gave none), the correlation id (fresh when absent) and the causation id (the correlation id
 * when absent). Each stamped event gets a fresh id.
 */
export const eventStamper = (
  metadata: CommandMetadata,
  clock: Clock,
  nextEventId: () => string = newEventId,
) => {
  const correlationId = metadata.correlationId ?? newCorrelationId();
  const occurredAt = metadata.occurredAt ?? clock.now();
  return <E extends DomainEvent>(registry: EventRegistry<E>) =>
    (event: E): NewEvent => {
      const encoded = registry.encode(event);
      // Field by field: one object shape for every stamped event.
      return {
        type: encoded.type,
        schemaVersion: encoded.schemaVersion,
        data: encoded.data,
        eventId: nextEventId(),
        occurredAt,
        actor: metadata.actor,
        correlationId,
        causationId: metadata.causationId ?? correlationId,
      };
    };
};
