import * as t from 'io-ts';

/**
 * A string with something in it: not empty, and not only whitespace. For command fields that a record must hold
 * (a register's addresses and authority, a person's name), where presence alone would let `''` or `'  '`
 * through. Decodes to the string as given (not trimmed). Refusals read "'field' must be text that is not
 * blank (…)". Event codecs keep `t.string`, so that entries recorded before a field was checked still read back.
 */
export const NonBlankString: t.Type<string, string, unknown> = new t.Type<string, string, unknown>(
  'NonBlankString',
  (u): u is string => typeof u === 'string' && u.trim() !== '',
  (u, c) => {
    // The refusal's message shows what came (`got 42`, `got nothing`), so the reason need not repeat it.
    if (typeof u !== 'string') return t.failure(u, c, 'text that is not blank');
    return u.trim() === ''
      ? t.failure(u, c, `text that is not blank (${u === '' ? 'it is empty' : 'it is only whitespace'})`)
      : t.success(u);
  },
  t.identity,
);
