import { describe, expect, it } from 'vitest';
import { learn, StreamIndex } from './stream-index.js';

describe('the index of event ids by stream', () => {
  it('learns ids and the last revision, even from a stream whose start was truncated', () => {
    const index = new StreamIndex(10);
    const known = index.get('household-1');
    learn(known, [
      { eventId: 'a', streamRevision: 5 },
      { eventId: 'b', streamRevision: 6 },
    ]);
    expect(known.lastRevision).toBe(6);
    expect(index.get('household-1').revisionById.get('b')).toBe(6);
  });

  it('forgets the least recently used stream beyond its capacity, and holds nothing at capacity 0', () => {
    const index = new StreamIndex(2);
    learn(index.get('a'), [{ eventId: 'a0', streamRevision: 0 }]);
    learn(index.get('b'), [{ eventId: 'b0', streamRevision: 0 }]);
    index.get('a');
    index.get('c');
    expect(index.size).toBe(2);
    expect(index.get('b').lastRevision).toBe(-1);
    const none = new StreamIndex(0);
    learn(none.get('a'), [{ eventId: 'a0', streamRevision: 0 }]);
    expect(none.size).toBe(0);
    expect(none.get('a').lastRevision).toBe(-1);
  });
});
