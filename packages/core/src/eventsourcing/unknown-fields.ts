import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

type Walkable = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly type?: t.Mixed;
  readonly types?: ReadonlyArray<t.Mixed>;
  readonly codomain?: t.Mixed;
  readonly value?: unknown;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Codecs are built once and checked on every command: remember what each declares.
const declared = new WeakMap<Walkable, t.Props | undefined>();

/** The fields an object-shaped codec declares, through intersections and wrappers; undefined if not an object. */
const declaredProps = (codec: Walkable): t.Props | undefined => {
  if (declared.has(codec)) return declared.get(codec);
  const props = findProps(codec);
  declared.set(codec, props);
  return props;
};

const findProps = (codec: Walkable): t.Props | undefined => {
  switch (codec._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
      return codec.props;
    case 'ExactType':
    case 'RefinementType':
    case 'ReadonlyType':
    case 'PersonalDataType':
      return codec.type === undefined ? undefined : declaredProps(codec.type);
    case 'IntersectionType': {
      const parts = (codec.types ?? []).map(declaredProps);
      return parts.every((p) => p !== undefined) ? Object.assign({}, ...parts) : undefined;
    }
    default:
      return undefined;
  }
};

/** False when `value` has a field whose literal the object codec fixes to something else (`kind: 'Open'`). */
const couldBe = (member: Walkable, value: unknown): boolean => {
  const props = declaredProps(member);
  if (props === undefined || !isPlainObject(value)) return true;
  for (const key in props) {
    const field = props[key] as Walkable;
    if (field._tag === 'LiteralType' && value[key] !== field.value) return false;
  }
  return true;
};

/**
 * How a field with an empty name is written in a path: as `""`, because an empty path (and so an empty `field`
 * in a refusal) means the command as a whole.
 */
const emptyFieldName = '""';

const join = (path: string, key: string) => {
  const shown = key === '' ? emptyFieldName : key;
  return path === '' ? shown : `${path}.${shown}`;
};

type Keys = ReadonlyArray<string>;

/** Keys as a dotted path after `path`, an empty key written `""`. */
export const fieldPath = (keys: Keys, path = ''): string => keys.reduce(join, path);

/**
 * The keys leading to the first field in `value` that `codec` does not declare, if any: what `unknownField`
 * writes as a dotted path, kept apart so that an empty key can be told from a key that is written `""`.
 */
export const unknownFieldKeys = (codec: t.Mixed, value: unknown, keys: Keys = []): Keys | undefined => {
  const suffix = unknownSuffix(codec, value);
  return suffix === undefined ? undefined : [...keys, ...suffix];
};

/** The keys after `value` to its first undeclared field; built only on the way back from one, seldom taken. */
const within = (key: string, suffix: Keys | undefined): Keys | undefined =>
  suffix === undefined ? undefined : [key, ...suffix];

const unknownSuffix = (codec: t.Mixed, value: unknown): Keys | undefined => {
  const walkable = codec as Walkable;
  const props = declaredProps(walkable);
  if (props !== undefined && isPlainObject(value)) {
    for (const key in value) {
      // Own properties only: 'valueOf' or 'constructor' are not fields just because every object has them.
      if (!Object.hasOwn(value, key)) continue;
      if (!Object.hasOwn(props, key)) return [key];
      const nested = unknownSuffix(props[key] as t.Mixed, value[key]);
      if (nested !== undefined) return within(key, nested);
    }
    return undefined;
  }
  switch (walkable._tag) {
    case 'ExactType':
    case 'RefinementType':
    case 'ReadonlyType':
    case 'PersonalDataType':
    case 'RecursiveType':
      return walkable.type === undefined ? undefined : unknownSuffix(walkable.type, value);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      if (!Array.isArray(value) || walkable.type === undefined) return undefined;
      for (let index = 0; index < value.length; index++) {
        const nested = unknownSuffix(walkable.type, value[index]);
        if (nested !== undefined) return within(String(index), nested);
      }
      return undefined;
    case 'DictionaryType':
      if (!isPlainObject(value) || walkable.codomain === undefined) return undefined;
      for (const [key, item] of Object.entries(value)) {
        const nested = unknownSuffix(walkable.codomain, item);
        if (nested !== undefined) return within(key, nested);
      }
      return undefined;
    case 'UnionType': {
      // The member the value is: for a command union, the one whose `kind` it has. Members whose literal fields
      // the value contradicts are passed over before decoding, since decoding a command against every member of
      // a union of ten was a tenth of handling it.
      // The value decodes with the union (callers check that first), so when only one member's literals allow
      // it, that member is the one, with no decoding at all.
      const candidates = (walkable.types ?? []).filter((m) => couldBe(m as Walkable, value));
      const member =
        candidates.length === 1 ? candidates[0] : candidates.find((m) => E.isRight(m.decode(value)));
      return member === undefined ? undefined : unknownSuffix(member, value);
    }
    default:
      return undefined;
  }
};

/**
 * The dotted path of the first field in `value` that `codec` does not declare, if any, after `path`; a field
 * named '' is written `""`. io-ts's `t.type` accepts and keeps undeclared fields; commands are copied into
 * events, so an undeclared field would be stored for ever, outside the schema and outside the personal-data
 * marks. The value must already decode with the codec.
 */
export const unknownField = (codec: t.Mixed, value: unknown, path = ''): string | undefined => {
  const keys = unknownFieldKeys(codec, value);
  return keys === undefined ? undefined : fieldPath(keys, path);
};
