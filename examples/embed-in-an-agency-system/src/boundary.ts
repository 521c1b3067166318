import { describeIssue, fieldIssues, type InvalidCommand, invalidCommand } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

/**
 * What arrives over HTTP is `unknown`; these helpers turn it into a typed command at the boundary, with every
 * refusal naming the field, the way `commandHandler` does for its `commandCodec`.
 */

type Walkable = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly type?: t.Mixed;
  readonly types?: ReadonlyArray<t.Mixed>;
  readonly codomain?: t.Mixed;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

/**
 * The object codecs a value is checked against at this level: the `props` of a type, partial or strict, seen
 * through refinements, brands, read-only wrappers, personal-data marks and intersections. `undefined` when the
 * codec is not an object codec at all (a primitive, an array, a codec this walk does not know).
 */
const objectMembers = (codec: Walkable, value: unknown): ReadonlyArray<t.Props> | undefined => {
  switch (codec._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
      return codec.props === undefined ? undefined : [codec.props];
    case 'ExactType':
    case 'RefinementType':
    case 'ReadonlyType':
    case 'PersonalDataType':
      return codec.type === undefined ? undefined : objectMembers(codec.type, value);
    case 'IntersectionType': {
      const members = (codec.types ?? []).map((member) => objectMembers(member, value));
      return members.every((m) => m !== undefined) ? members.flat() : undefined;
    }
    case 'UnionType': {
      // The member io-ts itself would pick: the first that accepts the value.
      const chosen = codec.types?.find((member) => E.isRight(member.decode(value)));
      return chosen === undefined ? undefined : objectMembers(chosen, value);
    }
    default:
      return undefined;
  }
};

/** Arrays and dictionaries: the codec of their elements, seen through the same wrappers. */
const elementCodec = (codec: Walkable): Walkable | undefined => {
  switch (codec._tag) {
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return codec.type;
    case 'DictionaryType':
      return codec.codomain;
    case 'ExactType':
    case 'RefinementType':
    case 'ReadonlyType':
    case 'PersonalDataType':
      return codec.type === undefined ? undefined : elementCodec(codec.type);
    default:
      return undefined;
  }
};

/**
 * Fields present in `value` that `codec` does not declare, as dotted paths (`applicants.0.nickname`). io-ts's
 * `t.type` accepts and keeps extra fields, and several deciders copy a command's fields into its event, so an
 * unchecked extra field would be stored in the event for ever, outside the schema and outside the personal-data
 * marks. The service refuses them instead.
 */
export const unknownFields = (codec: t.Mixed, value: unknown, path = ''): ReadonlyArray<string> => {
  const walkable = codec as Walkable;
  if (Array.isArray(value)) {
    const element = elementCodec(walkable);
    return element === undefined
      ? []
      : value.flatMap((item, i) => unknownFields(element, item, join(path, i)));
  }
  if (!isObject(value)) return [];
  const members = objectMembers(walkable, value);
  if (members === undefined) {
    const element = walkable._tag === 'DictionaryType' ? elementCodec(walkable) : undefined;
    return element === undefined
      ? []
      : Object.entries(value).flatMap(([key, item]) => unknownFields(element, item, join(path, key)));
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const declared = members.find((props) => Object.hasOwn(props, key))?.[key];
    if (declared === undefined) return [join(path, key)];
    return item === undefined ? [] : unknownFields(declared, item, join(path, key));
  });
};

/**
 * Decodes a command: the codec's first complaint as an `InvalidCommand` naming the field (exactly as
 * `commandHandler` reports it), then any field the codec does not declare.
 */
export const decodeCommand = <C>(
  codec: t.Type<C, unknown, unknown>,
  raw: unknown,
): E.Either<InvalidCommand, C> => {
  const decoded = codec.decode(raw);
  if (E.isLeft(decoded)) {
    const issue = fieldIssues(decoded.left)[0];
    return E.left(
      issue === undefined
        ? invalidCommand('', 'is not a valid command')
        : invalidCommand(issue.path, `must be ${issue.expected}`, `invalid command: ${describeIssue(issue)}`),
    );
  }
  const extra = unknownFields(codec, raw)[0];
  if (extra !== undefined) {
    const kind = isObject(raw) && typeof raw.kind === 'string' ? raw.kind : 'this command';
    return E.left(invalidCommand(extra, `is not a field of ${kind}`));
  }
  return E.right(decoded.right);
};
