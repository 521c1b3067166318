import { describe, expect, it } from 'vitest';
import { AppendSignal } from './append-signal.js';

const settledWithin = async <A>(promise: Promise<A>): Promise<A | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 20))]);

describe('AppendSignal', () => {
  it('wakes every waiter of a generation with one notify, and only notifies after the wait count', async () => {
    const signal = new AppendSignal();
    signal.notify();
    const first = signal.next();
    const second = signal.next();
    expect(first).toBe(second);
    expect(await settledWithin(first)).toBe('pending');
    signal.notify();
    expect(await settledWithin(first)).toBe('appended');
    expect(await settledWithin(signal.next())).toBe('pending');
  });

  it('answers closed to a waiter and to every wait after closing', async () => {
    const signal = new AppendSignal();
    const waiting = signal.next();
    signal.close();
    expect(await settledWithin(waiting)).toBe('closed');
    expect(await settledWithin(signal.next())).toBe('closed');
    signal.notify();
    expect(await settledWithin(signal.next())).toBe('closed');
  });
});
