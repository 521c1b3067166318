import * as t from 'io-ts';

/**
 * The codec of one command of a union discriminated by `kind`. The `kind` literal is what lets a refusal name
 * the field of the command the caller meant (see `fieldIssues`).
 */
export const commandCodec = <K extends string, P extends t.Props>(kind: K, props: P) =>
  t.type({ kind: t.literal(kind), ...props } as { kind: t.LiteralC<K> } & P);

/** A command codec with optional fields as well. */
export const commandCodecWith = <K extends string, P extends t.Props, O extends t.Props>(
  kind: K,
  props: P,
  optional: O,
) => t.intersection([commandCodec(kind, props), t.partial(optional)]);
