import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { validateCommand } from './command-handler.js';
import { NonBlankString } from './non-blank-string.js';
import { personalData } from './personal-data.js';

const Command = t.type({
  kind: t.literal('Record'),
  address: NonBlankString,
  people: t.array(t.type({ name: personalData(NonBlankString) })),
});

describe('NonBlankString', () => {
  it('takes text with something in it, as given (not trimmed)', () => {
    for (const text of ['Shropshire', ' 1 High Street ', 'x', '\u00e9']) {
      expect(NonBlankString.decode(text)).toEqual(E.right(text));
      expect(NonBlankString.is(text)).toBe(true);
    }
  });

  it('refuses empty and whitespace-only text, and anything not text', () => {
    for (const blank of ['', ' ', '  \t\n', '\u00a0', '\u2003']) {
      expect(E.isLeft(NonBlankString.decode(blank)), JSON.stringify(blank)).toBe(true);
      expect(NonBlankString.is(blank)).toBe(false);
    }
    for (const other of [undefined, null, 0, ['x'], { text: 'x' }]) {
      expect(E.isLeft(NonBlankString.decode(other)), JSON.stringify(other)).toBe(true);
    }
  });

  it('gives validateCommand a refusal naming the field and why, however deep', () => {
    const valid = { kind: 'Record' as const, address: '1 High Street', people: [{ name: 'Alex' }] };
    expect(validateCommand(Command, valid)).toEqual(E.right(valid));
    expect(validateCommand(Command, { ...valid, address: '' })).toEqual(
      E.left({
        _tag: 'InvalidCommand',
        field: 'address',
        reason: 'must be text that is not blank (it is empty)',
        message: `invalid command: 'address' expected text that is not blank (it is empty), got ""`,
      }),
    );
    const blankName = validateCommand(Command, { ...valid, people: [{ name: 'Alex' }, { name: '  ' }] });
    expect(blankName).toMatchObject({
      left: { field: 'people.1.name', reason: 'must be text that is not blank (it is only whitespace)' },
    });
    expect(validateCommand(Command, { ...valid, address: 7 as unknown as string })).toMatchObject({
      left: {
        field: 'address',
        message: "invalid command: 'address' expected text that is not blank, got 7",
      },
    });
  });
});
