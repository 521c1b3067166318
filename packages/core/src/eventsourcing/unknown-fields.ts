import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';

type Walkable = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly type?: t.Mixed;
  readonly types?: ReadonlyArray<t.Mixed>;
  readonly codomain?: t.Mixed;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields an object-shaped codec declares, through intersections and wrappers; undefined if not an object. */
const declaredProps = (codec: Walkable): t.Props | undefined => {
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

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/**
 * The dotted path of the first field in `value` that `codec` does not declare, if any. io-ts's `t.type` accepts
 * and keeps undeclared fields; commands are copied into events, so an undeclared field would be stored for ever,
 * outside the schema and outside the personal-data marks. The value must already decode with the codec.
 */
export const unknownField = (codec: t.Mixed, value: unknown, path = ''): string | undefined => {
  const walkable = codec as Walkable;
  const props = declaredProps(walkable);
  if (props !== undefined && isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      // Own properties only: 'valueOf' or 'constructor' are not fields just because every object has them.
      if (!Object.hasOwn(props, key)) return join(path, key);
      const nested = unknownField(props[key] as t.Mixed, inner, join(path, key));
      if (nested !== undefined) return nested;
    }
    return undefined;
  }
  switch (walkable._tag) {
    case 'ExactType':
    case 'RefinementType':
    case 'ReadonlyType':
    case 'PersonalDataType':
    case 'RecursiveType':
      return walkable.type === undefined ? undefined : unknownField(walkable.type, value, path);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      if (!Array.isArray(value) || walkable.type === undefined) return undefined;
      for (const [index, item] of value.entries()) {
        const nested = unknownField(walkable.type, item, join(path, String(index)));
        if (nested !== undefined) return nested;
      }
      return undefined;
    case 'DictionaryType':
      if (!isPlainObject(value) || walkable.codomain === undefined) return undefined;
      for (const [key, item] of Object.entries(value)) {
        const nested = unknownField(walkable.codomain, item, join(path, key));
        if (nested !== undefined) return nested;
      }
      return undefined;
    case 'UnionType': {
      // The member the value is: for a command union, the one whose `kind` it has.
      const member = (walkable.types ?? []).find((m) => E.isRight(m.decode(value)));
      return member === undefined ? undefined : unknownField(member, value, path);
    }
    default:
      return undefined;
  }
};
