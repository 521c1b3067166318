import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newCorrelationId, newEventId } from './ids.js';

describe('event ids', () => {
  it('are valid UUID v7s, all different, sorting in the order they were made (across refills of the pool)', () => {
    const ids = Array.from({ length: 5_000 }, () => newEventId());
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(version(newCorrelationId())).toBe(7);
  });

  it('carry the time they were made', () => {
    const before = Date.now();
    const id = newEventId();
    const msecs = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThanOrEqual(before);
    expect(msecs).toBeLessThanOrEqual(Date.now() + 1);
  });
});
