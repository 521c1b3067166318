import { describe, expect, it } from 'vitest';
import { type Contender, median, ratiosOf, runWorkload, type Workload } from './harness.js';

describe('the benchmark harness', () => {
  it('takes the median of odd and even counts, and NaN of nothing', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives ours ÷ every other contender', () => {
    const row = (name: string, role: Contender['role'], value: number) => ({
      name,
      role,
      samples: [value],
      median: value,
    });
    expect(ratiosOf([row('peer', 'peer', 50), row('ours', 'ours', 100), row('limit', 'limit', 400)])).toEqual(
      {
        peer: 2,
        limit: 0.25,
      },
    );
    expect(ratiosOf([row('peer', 'peer', 50)])).toEqual({});
  });

  it('runs every contender once per repetition, prepared first, in an order rotated each time', async () => {
    const calls: string[] = [];
    const contender = (name: string, role: Contender['role'], units: number): Contender => ({
      name,
      role,
      prepare: async () => {
        calls.push(`prepare ${name}`);
      },
      run: async () => {
        calls.push(`run ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return units;
      },
    });
    let closed = false;
    const workload: Workload = {
      id: 'test',
      title: 'test',
      unit: 'units/s',
      setup: async () => ({
        contenders: [contender('a', 'ours', 100), contender('b', 'peer', 10)],
        close: async () => {
          closed = true;
        },
        facts: { size: 1 },
      }),
    };
    const [result] = await runWorkload(workload, { quick: true, repetitions: 2 });
    expect(calls).toEqual([
      'prepare a',
      'run a',
      'prepare b',
      'run b',
      'prepare b',
      'run b',
      'prepare a',
      'run a',
    ]);
    expect(closed).toBe(true);
    expect(result?.contenders.map((c) => c.samples.length)).toEqual([2, 2]);
    // Same duration, ten times the units: about ten times the throughput (timers are coarse, so loosely).
    expect(result?.ratios.b).toBeGreaterThan(3);
    expect(result?.facts).toEqual({ size: 1 });
  });

  it('fails a workload whose contender throws, and still closes it', async () => {
    let closed = false;
    const workload: Workload = {
      id: 'broken',
      title: 'broken',
      unit: 'units/s',
      setup: async () => ({
        contenders: [
          {
            name: 'x',
            role: 'ours',
            run: async () => {
              throw new Error('wrong count');
            },
          },
        ],
        close: async () => {
          closed = true;
        },
      }),
    };
    await expect(runWorkload(workload, { quick: true, repetitions: 1 })).rejects.toThrow('wrong count');
    expect(closed).toBe(true);
  });
});
