import { describe, expect, it } from 'vitest';
import { ownValue } from './own-value.js';

describe('ownValue: looking an entity up by id in a record', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    "finds nothing under '%s' when nothing was recorded there, where indexing finds an inherited property",
    (id) => {
      const record: Record<string, { readonly name: string }> = { a: { name: 'A' } };
      expect(record[id]).toBeDefined();
      expect(ownValue(record, id)).toBeUndefined();
    },
  );

  it('finds what was recorded, under any id, including those names', () => {
    const record: Record<string, number> = { a: 1, ['__proto__']: 2, constructor: 3 };
    expect(ownValue(record, 'a')).toBe(1);
    expect(ownValue(record, '__proto__')).toBe(2);
    expect(ownValue(record, 'constructor')).toBe(3);
    expect(ownValue(record, 'b')).toBeUndefined();
    expect(ownValue({}, '')).toBeUndefined();
  });
});
