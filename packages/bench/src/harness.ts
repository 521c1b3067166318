import { Bench } from 'tinybench';

/**
 * The benchmark contract. A workload starts what its contenders need (a server, a store filled with events), and
 * each contender does the same work its own way: this project (`ours`), a peer library (`peer`) or the raw limit
 * (`limit`: the least any implementation could do, such as plain INSERTs). Contenders run interleaved, in an order
 * rotated every repetition, so all see the same machine conditions; the figure is the median.
 */
export type Role = 'ours' | 'peer' | 'limit';

export interface Contender {
  /** As shown in the table: `Fostering Ledger`, `Emmett 0.42 (PostgreSQL)`, `plain INSERT`. */
  readonly name: string;
  readonly role: Role;
  /** Untimed, before every repetition: empty the tables, build the inputs. */
  readonly prepare?: () => Promise<void>;
  /** The timed work. Resolves with how many units (events, commands) it did, so throughput is units/second. */
  readonly run: () => Promise<number>;
  /** Why this contender does the work differently, where it does (shown under the table). */
  readonly note?: string;
}

export interface Mode {
  /** `pnpm bench --quick`: smaller inputs and fewer repetitions, under two minutes in all. */
  readonly quick: boolean;
  readonly repetitions: number;
}

export interface Prepared {
  readonly contenders: ReadonlyArray<Contender>;
  readonly close: () => Promise<void>;
  /** What the figures depend on (event counts, sizes), recorded with the results. */
  readonly facts?: Readonly<Record<string, string | number>>;
}

export interface Workload {
  /** Short, for `--only`: `append`, `batch-append`, `catch-up`, `commands`, `rebuild`, `replay`, `memory`. */
  readonly id: string;
  readonly title: string;
  /** `events/s`, `commands/s`: higher is better. Workloads that measure something else set `measure`. */
  readonly unit: string;
  readonly setup: (mode: Mode) => Promise<Prepared>;
  /**
   * For workloads that are not throughputs (memory, growth): measures directly and returns the rows. When set,
   * `setup` is not used.
   */
  readonly measure?: (mode: Mode) => Promise<ReadonlyArray<WorkloadResult>>;
}

export interface ContenderResult {
  readonly name: string;
  readonly role: Role;
  /** Units per second, one per repetition, in the order run. */
  readonly samples: ReadonlyArray<number>;
  readonly median: number;
  readonly note?: string;
}

export interface WorkloadResult {
  readonly id: string;
  readonly title: string;
  readonly unit: string;
  readonly contenders: ReadonlyArray<ContenderResult>;
  readonly facts: Readonly<Record<string, string | number>>;
  /** ours ÷ each peer and ours ÷ the limit, by contender name (higher is better for ours). */
  readonly ratios: Readonly<Record<string, number>>;
}

export const median = (values: ReadonlyArray<number>): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Ratios of `ours` to every other contender, by their names. */
export const ratiosOf = (contenders: ReadonlyArray<ContenderResult>): Record<string, number> => {
  const ours = contenders.find((c) => c.role === 'ours');
  if (ours === undefined) return {};
  return Object.fromEntries(
    contenders.filter((c) => c !== ours).map((c) => [c.name, ours.median / c.median] as const),
  );
};

const rotated = <A>(items: ReadonlyArray<A>, by: number): A[] =>
  items.map((_, i) => items[(i + by) % items.length] as A);

/**
 * Runs every contender once per repetition, interleaved, through tinybench (one timed iteration each, the
 * preparation in its untimed `beforeEach`). Units per second come from tinybench's measured latency.
 */
export const runWorkload = async (
  workload: Workload,
  mode: Mode,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<ReadonlyArray<WorkloadResult>> => {
  if (workload.measure !== undefined) return workload.measure(mode);
  const prepared = await workload.setup(mode);
  try {
    const samples = new Map<Contender, number[]>(prepared.contenders.map((c) => [c, []]));
    const total = mode.repetitions * prepared.contenders.length;
    let done = 0;
    for (let r = 0; r < mode.repetitions; r++) {
      const bench = new Bench({ iterations: 1, time: 0, warmup: false, throws: true });
      const units = new Map<Contender, number>();
      for (const contender of rotated(prepared.contenders, r)) {
        bench.add(
          contender.name,
          async () => {
            units.set(contender, await contender.run());
          },
          contender.prepare === undefined ? {} : { beforeEach: contender.prepare },
        );
      }
      await bench.run();
      for (const task of bench.tasks) {
        const contender = prepared.contenders.find((c) => c.name === task.name);
        const result = task.result;
        if (contender === undefined || result.state !== 'completed') {
          throw new Error(`${workload.id}: ${task.name} did not complete (${result.state})`);
        }
        const seconds = result.latency.mean / 1000;
        samples.get(contender)?.push((units.get(contender) ?? 0) / seconds);
        onProgress(++done, total);
      }
    }
    const contenders = prepared.contenders.map((c) => {
      const values = samples.get(c) ?? [];
      return {
        name: c.name,
        role: c.role,
        samples: values,
        median: median(values),
        ...(c.note === undefined ? {} : { note: c.note }),
      };
    });
    return [
      {
        id: workload.id,
        title: workload.title,
        unit: workload.unit,
        contenders,
        facts: prepared.facts ?? {},
        ratios: ratiosOf(contenders),
      },
    ];
  } finally {
    await prepared.close();
  }
};
