import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

/**
 * The generator's only source of chance. Every choice is drawn from one seeded xoroshiro128+ stream (pure-rand,
 * the PRNG fast-check is built on), in an order fixed by the simulation, so the same seed always gives the same
 * agency. `Math.random` is never used.
 */
export interface Random {
  /** A whole number from `min` to `max`, both included. */
  readonly int: (min: number, max: number) => number;
  /** True with probability `p`. */
  readonly chance: (p: number) => boolean;
  readonly pick: <T>(items: ReadonlyArray<T>) => T;
  /** One of the options, each as likely as its weight. */
  readonly weighted: <T>(options: ReadonlyArray<readonly [T, number]>) => T;
  /** A new array in a random order (Fisher-Yates). */
  readonly shuffle: <T>(items: ReadonlyArray<T>) => T[];
  /**
   * An independent stream: the fork goes on from here while this stream jumps 2^64 draws ahead, so a part of the
   * simulation that draws from its own fork does not shift the draws of the others by drawing more or fewer.
   */
  readonly fork: () => Random;
}

const fromGenerator = (rng: JumpableRandomGenerator): Random => {
  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`random.int: no whole number from ${min} to ${max}`);
    }
    return min === max ? min : uniformInt(rng, min, max);
  };
  const pick = <T>(items: ReadonlyArray<T>): T => {
    if (items.length === 0) throw new RangeError('random.pick: nothing to pick from');
    return items[int(0, items.length - 1)] as T;
  };
  return {
    int,
    chance: (p) => p > 0 && (p >= 1 || uniformFloat64(rng) < p),
    pick,
    weighted: (options) => {
      const total = options.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = uniformFloat64(rng) * total;
      for (const [value, weight] of options) {
        if (draw < weight) return value;
        draw -= weight;
      }
      return pick(options)[0];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(0, i);
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
    fork: () => {
      // The fork carries on from here; this stream jumps 2^64 draws ahead, beyond anything the fork will draw.
      const forked = rng.clone();
      rng.jump();
      return fromGenerator(forked);
    },
  };
};

export const seededRandom = (seed: number): Random => fromGenerator(xoroshiro128plus(seed | 0));
