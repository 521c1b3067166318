/**
 * Wakes subscribers when events are appended. All waiters of one generation share a single promise, so a
 * subscriber that asks on every page during a long catch-up does not pile up listeners.
 */
export class AppendSignal {
  private resolveCurrent: () => void = () => undefined;
  private current: Promise<void> = this.renew();
  private closed = false;

  /** Resolves at the next `notify` (or `close`) after this call. */
  next(): Promise<void> {
    return this.current;
  }

  notify(): void {
    const resolve = this.resolveCurrent;
    if (!this.closed) this.current = this.renew();
    resolve();
  }

  close(): void {
    this.closed = true;
    this.resolveCurrent();
  }

  private renew(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveCurrent = resolve;
    });
  }
}
