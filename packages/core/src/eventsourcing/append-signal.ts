/** Why a wait for appends ended: new events, or the store closing (which ends every subscription). */
export type AppendOutcome = 'appended' | 'closed';

/**
 * Wakes subscribers when events are appended. All waiters of one generation share a single promise, so a
 * subscriber that asks on every page during a long catch-up does not pile up listeners.
 */
export class AppendSignal {
  private resolveCurrent: (outcome: AppendOutcome) => void = () => undefined;
  // Made only when someone waits: most appends have no subscriber to wake, and should not pay for a promise.
  private current: Promise<AppendOutcome> | undefined;
  private closed = false;

  /** Resolves at the next `notify` after this call with `appended`, or with `closed` once the store closes. */
  next(): Promise<AppendOutcome> {
    if (this.closed) return Promise.resolve('closed');
    this.current ??= this.renew();
    return this.current;
  }

  notify(): void {
    if (this.closed || this.current === undefined) return;
    const resolve = this.resolveCurrent;
    this.current = undefined;
    resolve('appended');
  }

  close(): void {
    this.closed = true;
    this.current = undefined;
    this.resolveCurrent('closed');
  }

  private renew(): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve) => {
      this.resolveCurrent = resolve;
    });
  }
}
