import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';

const draws = (seed: number, n = 50) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random.int(0, 1_000_000));
};

describe('seededRandom', () => {
  it('draws the same values from the same seed, and others from another', () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it('keeps whole numbers within their bounds, both included', () => {
    const random = seededRandom(1);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('refuses a range with nothing in it', () => {
    expect(() => seededRandom(1).int(5, 4)).toThrow(RangeError);
  });

  it('forks streams whose draws do not depend on how much the other draws', () => {
    const a = seededRandom(3);
    const forkA = a.fork();
    a.int(0, 10);
    const b = seededRandom(3);
    const forkB = b.fork();
    for (let i = 0; i < 100; i++) b.int(0, 10);
    expect(Array.from({ length: 20 }, () => forkA.int(0, 1000))).toEqual(
      Array.from({ length: 20 }, () => forkB.int(0, 1000)),
    );
    expect(Array.from({ length: 20 }, () => a.fork().int(0, 1e6))).not.toEqual(
      Array.from({ length: 20 }, () => forkA.int(0, 1e6)),
    );
  });

  it('picks by weight and shuffles without losing anything', () => {
    const random = seededRandom(5);
    const picks = Array.from({ length: 2000 }, () =>
      random.weighted([
        ['rare', 1],
        ['common', 9],
      ] as const),
    );
    const rare = picks.filter((p) => p === 'rare').length;
    expect(rare).toBeGreaterThan(100);
    expect(rare).toBeLessThan(320);
    expect(random.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});
