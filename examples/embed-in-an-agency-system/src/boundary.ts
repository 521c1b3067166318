import { type InvalidCommand, validateCommand } from '@fostering/core';
import type * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

/**
 * What arrives over HTTP is `unknown`; the core's own command validation turns it into a typed command at the
 * boundary: the codec's first complaint, or a field the codec does not declare, as an `InvalidCommand` naming the
 * field, exactly as `commandHandler` reports it.
 */
export const decodeCommand = <C>(
  codec: t.Type<C, unknown, unknown>,
  raw: unknown,
): E.Either<InvalidCommand, C> => validateCommand(codec, raw as C);
