import { describe, expect, it } from 'vitest';
import { agenda } from './agenda.js';

describe('agenda', () => {
  it('gives entries back in recording order, and in writing order at the same instant', () => {
    const diary = agenda();
    const order: string[] = [];
    for (const [at, name] of [
      [30, 'c'],
      [10, 'a'],
      [20, 'b1'],
      [20, 'b2'],
      [5, 'first'],
      [20, 'b3'],
    ] as const) {
      diary.add(at, () => {
        order.push(name);
      });
    }
    expect(diary.size()).toBe(6);
    for (let entry = diary.next(); entry !== undefined; entry = diary.next()) void entry.run();
    expect(order).toEqual(['first', 'a', 'b1', 'b2', 'b3', 'c']);
    expect(diary.next()).toBeUndefined();
  });
});
