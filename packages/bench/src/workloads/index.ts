import type { Workload } from '../harness.js';
import { append } from './append.js';
import { batchAppend } from './batch-append.js';
import { catchUp } from './catch-up.js';
import { commandsWorkload } from './commands.js';
import { memoryWorkload } from './memory.js';
import { rebuildWorkload } from './rebuild.js';
import { replayWorkload } from './replay.js';

/** Every workload, in the order `pnpm bench` runs them. */
export const workloads: ReadonlyArray<Workload> = [
  append,
  batchAppend,
  catchUp,
  commandsWorkload,
  rebuildWorkload,
  replayWorkload,
  memoryWorkload,
];
