import type { EventStore, LocalDate } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { generateAgency } from './index.js';

const shape = { households: 12, children: 16, months: 6, from: '2025-03-01' as LocalDate, seed: 99 };

/** Everything about each event except its id (fresh UUID v7 ids from the kernel). */
const history = async (store: EventStore) => {
  const events: unknown[] = [];
  for await (const e of store.readAll()) {
    events.push([
      e.streamId,
      e.streamRevision,
      e.type,
      e.schemaVersion,
      e.data,
      e.occurredAt.toISOString(),
      e.recordedAt.toISOString(),
      e.actor,
      e.correlationId,
    ]);
  }
  return events;
};

describe('determinism', () => {
  it('gives the same history for the same seed, and another for another seed', async () => {
    const [a, b, c] = await Promise.all([
      generateAgency(shape),
      generateAgency(shape),
      generateAgency({ ...shape, seed: 100 }),
    ]);
    const [ha, hb, hc] = await Promise.all([history(a.store), history(b.store), history(c.store)]);
    expect(ha.length).toBeGreaterThan(500);
    expect(hb).toEqual(ha);
    expect(b.ids).toEqual(a.ids);
    expect(b.featured).toEqual(a.featured);
    expect(b.commands).toEqual(a.commands);
    expect(hc).not.toEqual(ha);
  });
});
