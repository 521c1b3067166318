/**
 * `$all` filters (reads and subscriptions): on the stream name or on the event type, by a list of prefixes (any
 * may match) or by a regular expression. The server evaluates .NET regular expressions; the emulator uses
 * JavaScript's `RegExp` (unanchored, like `Regex.IsMatch`), which agrees for the usual patterns
 * (`^[^$].*`, alternations, character classes).
 */
import type { StoredEvent } from './log.js';
import type { ReadReq } from './proto.js';

export interface AllFilter {
  matches(event: StoredEvent): boolean;
  /** How many events are scanned between two checkpoints (subscriptions only). */
  readonly checkpointEvery: number;
}

/** The server's default search window for gRPC filtered reads; the client's checkpoint interval multiplies it. */
export const DEFAULT_MAX_SEARCH_WINDOW = 32;

type ReadOptions = NonNullable<ReturnType<ReadReq['getOptions']>>;

/** The filter a Read asks for, or undefined for none; throws on an invalid regular expression. */
export const filterOf = (options: ReadOptions): AllFilter | undefined => {
  const filter = options.getFilter();
  if (!filter) return undefined;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return undefined;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex();
  const pattern = regex ? new RegExp(regex) : undefined;
  const subject = (event: StoredEvent) => (onStream ? event.streamName : event.type);
  const window = filter.hasMax() && filter.getMax() > 0 ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  const multiplier = Math.max(1, filter.getCheckpointintervalmultiplier());
  return {
    checkpointEvery: window * multiplier,
    matches: (event) => {
      const value = subject(event);
      if (pattern && !pattern.test(value)) return false;
      return prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix));
    },
  };
};
