import type { Workload } from '../harness.js';
import { appendWorkload } from './postgres/writes.js';

/** Issue 11, first workload: eight concurrent writers, one event per append, on the shared PostgreSQL server. */
export const append: Workload = {
  id: 'append',
  title: 'append, 8 writers, 100 streams, 1 event per append (PostgreSQL)',
  unit: 'events/s',
  setup: (mode) => appendWorkload('bench_append', mode.quick ? 320 : 4_000, 1),
};
