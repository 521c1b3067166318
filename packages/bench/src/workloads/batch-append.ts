import type { Workload } from '../harness.js';
import { appendWorkload } from './postgres/writes.js';

/** The append workload with a hundred events per append: what batching buys each contender. */
export const batchAppend: Workload = {
  id: 'batch-append',
  title: 'batch append, 8 writers, 100 streams, 100 events per append (PostgreSQL)',
  unit: 'events/s',
  setup: (mode) => appendWorkload('bench_batch_append', mode.quick ? 40 : 400, 100),
};
