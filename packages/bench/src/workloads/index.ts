import type { Workload } from '../harness.js';

/** Every workload, in the order `pnpm bench` runs them. */
export const workloads: ReadonlyArray<Workload> = [];
