import type { Readable } from 'node:stream';
import type { Position, ResolvedEvent } from '@eventstore/db-client';
import { eventually } from './harness.js';

export type Entry =
  | { readonly kind: 'event'; readonly event: ResolvedEvent }
  | { readonly kind: 'caughtUp' }
  | { readonly kind: 'checkpoint'; readonly position: Position };

/** Records what a subscription delivers, in order, plus how it ended. */
export class Recorder {
  readonly entries: Entry[] = [];
  ended = false;
  error: unknown;

  constructor(subscription: Readable) {
    subscription.on('data', (event: ResolvedEvent) => this.entries.push({ kind: 'event', event }));
    subscription.on('caughtUp', () => this.entries.push({ kind: 'caughtUp' }));
    subscription.on('end', () => {
      this.ended = true;
    });
    subscription.on('error', (error: unknown) => {
      this.error = error;
    });
  }

  checkpoint = (_subscription: unknown, position: Position): void => {
    this.entries.push({ kind: 'checkpoint', position });
  };

  get events(): ResolvedEvent[] {
    return this.entries.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : []));
  }

  /** A compact trace: event data `n`, `caughtUp`, or `checkpoint`. */
  get trace(): Array<number | string> {
    return this.entries.map((entry) =>
      entry.kind === 'event'
        ? ((entry.event.event?.data as { n?: number } | undefined)?.n ?? -1)
        : entry.kind,
    );
  }

  caughtUp = (): Promise<void> => eventually(() => this.entries.some((entry) => entry.kind === 'caughtUp'));
  received = (count: number): Promise<void> => eventually(() => this.events.length >= count);
  finished = (): Promise<void> => eventually(() => this.ended || this.error !== undefined);
}
