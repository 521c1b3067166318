import * as t from 'io-ts';
import { type Erased, ErasedC, isErased } from './erased.js';

export interface PersonalDataOptions {
  /**
   * The sibling field that holds the id of the person this value is about (for example `childId` or
   * `memberId`). When absent the subject is the one the event's stream is about.
   */
  readonly subjectField?: string;
}

/**
 * Marks a field of an event as personal data. The mark lets the kernel find every personal field of an event
 * type so that it can be sealed per data subject and erased by destroying the subject's keys once retention
 * allows; the field then reads as `Erased`, so its type is `T | Erased` and every reader says what it does
 * without the value. Commands never carry an erased value, so their codecs do not use this mark.
 */
export class PersonalDataType<C extends t.Mixed> extends t.Type<
  t.TypeOf<C> | Erased,
  t.OutputOf<C> | Erased,
  unknown
> {
  readonly _tag = 'PersonalDataType' as const;
  constructor(
    readonly type: C,
    readonly subjectField: string | undefined,
  ) {
    super(
      `Personal<${type.name}>`,
      (u): u is t.TypeOf<C> | Erased => isErased(u) || type.is(u),
      (u, c) => (isErased(u) ? ErasedC.validate(u, c) : type.validate(u, c)),
      (a) => (isErased(a) ? a : type.encode(a)),
    );
  }
}

export const personalData = <C extends t.Mixed>(
  codec: C,
  options: PersonalDataOptions = {},
): PersonalDataType<C> => new PersonalDataType(codec, options.subjectField);

/** Where a personal field sits in an event's data: object keys, with `*` for every element of an array. */
export interface PersonalField {
  readonly path: ReadonlyArray<string>;
  readonly subjectField: string | undefined;
}

type Walkable = t.Mixed & {
  readonly _tag?: string;
  readonly props?: t.Props;
  readonly type?: t.Mixed;
  readonly types?: ReadonlyArray<t.Mixed>;
  readonly codomain?: t.Mixed;
};

const walk = (codec: Walkable, path: ReadonlyArray<string>, seen: Set<t.Mixed>): PersonalField[] => {
  if (codec instanceof PersonalDataType) return [{ path, subjectField: codec.subjectField }];
  // Recursive codecs would loop forever; each codec object is explored once per path branch.
  if (seen.has(codec)) return [];
  const inner = new Set(seen).add(codec);
  switch (codec._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
      return Object.entries(codec.props ?? {}).flatMap(([key, prop]) => walk(prop, [...path, key], inner));
    case 'ExactType':
    case 'RefinementType':
    case 'ReadonlyType':
    case 'RecursiveType':
      return codec.type === undefined ? [] : walk(codec.type, path, inner);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return codec.type === undefined ? [] : walk(codec.type, [...path, '*'], inner);
    case 'DictionaryType':
      return codec.codomain === undefined ? [] : walk(codec.codomain, [...path, '*'], inner);
    case 'UnionType':
    case 'IntersectionType':
    case 'TupleType':
      return (codec.types ?? []).flatMap((member, index) =>
        walk(member, codec._tag === 'TupleType' ? [...path, String(index)] : path, inner),
      );
    default:
      return [];
  }
};

const samePath = (a: PersonalField, b: PersonalField) => a.path.join('.') === b.path.join('.');

/** Every personal field a codec can produce, each path once (a field in several union members counts once). */
export const personalFields = (codec: t.Mixed): ReadonlyArray<PersonalField> =>
  walk(codec, [], new Set()).filter(
    (field, index, all) => all.findIndex((f) => samePath(f, field)) === index,
  );
