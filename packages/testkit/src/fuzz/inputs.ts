import fc from 'fast-check';
import {
  cloneJson,
  defineOwn,
  isRecord,
  type Path,
  pathsOf,
  removeAt,
  setAt,
  showPath,
  valueAt,
} from './json-paths.js';

/** The three kinds of bad input `fuzzCommands` sends. */
export type FuzzInputFamily = 'random-json' | 'mutation' | 'prototype-pollution';

export const fuzzInputFamilies: ReadonlyArray<FuzzInputFamily> = [
  'random-json',
  'mutation',
  'prototype-pollution',
];

/** One generated input: the command sent, and what was done to make it. */
export interface FuzzInput {
  readonly family: FuzzInputFamily;
  /** What the input is, for the report: `mutation: dropped 'terms.maxChildren'`. */
  readonly label: string;
  readonly command: unknown;
}

/** The field a pollution attempt tries to plant on `Object.prototype`; `({}).polluted` must stay undefined. */
export const pollutionMarker = 'polluted';
const pollutionPayload = (): Record<string, unknown> => ({ [pollutionMarker]: 'yes' });

// ---------------------------------------------------------------------------------------------------------------
// The values mutations use. Each list is a catalogue of a kind of mistake seen at real boundaries.

const wrongTypeValues: ReadonlyArray<unknown> = ['42', 42, null, {}, [], true, 'true', 0, '', [null]];

const outOfRangeNumbers: ReadonlyArray<number> = [
  -1,
  0,
  -1_000_000,
  1.5,
  0.000001,
  1e9,
  2 ** 31,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  1e21,
  1e308,
  -1e308,
  5e-324,
];

const invalidDates: ReadonlyArray<string> = [
  '2025-02-30',
  '2025-13-01',
  'yesterday',
  '2025-02-29',
  '2025-2-1',
  '2025-00-10',
  '2025-01-32',
  '25-01-01',
  '2025/01/01',
  '2025-01-01T00:00:00Z',
  '+002025-01-01',
  ' 2025-01-01',
  '2025-01-01\n',
  '٢٠٢٥-٠١-٠١',
  '',
];

/** Real calendar dates at the edges of what 'YYYY-MM-DD' can hold: date arithmetic on them may overflow. */
const extremeDates: ReadonlyArray<string> = [
  '0000-01-01',
  '0001-01-01',
  '1900-01-01',
  '1970-01-01',
  '2000-02-29',
  '2100-01-01',
  '9999-01-01',
  '9999-12-01',
  '9999-12-31',
];

/** Names every object inherits: an id equal to one of them finds something in a plain `Record` lookup. */
const reservedWords: ReadonlyArray<string> = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'length',
];

const unknownKinds = (kind: unknown): ReadonlyArray<unknown> => [
  undefined,
  'NoSuchCommand',
  '',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  42,
  null,
  ...(typeof kind === 'string' ? [`${kind} `, kind.toLowerCase(), `${kind}x`, kind.toUpperCase()] : []),
];

const extraKeys: ReadonlyArray<string> = [
  'extra',
  'isAdmin',
  'notes',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '',
  'a.b',
  '$where',
  'kind ',
];

const extraValues: ReadonlyArray<unknown> = ['x', 1, null, true, { nested: 'x' }, ['x']];

const unicodeJunk: ReadonlyArray<string> = [
  '\u202E',
  '\u200F',
  '\u200B',
  '👩‍👧‍👦',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDC00',
  '\uFEFF',
  'e\u0301',
  '\u2028',
  '𝕏',
  '\u0085',
  '%00',
  '\\u0000',
  "'; drop table fostering_events; --",
  '<script>alert(1)</script>',
  '\r\n',
];

const longStrings: ReadonlyArray<() => string> = [
  () => 'a'.repeat(10_000),
  () => 'é'.repeat(10_000),
  () => '👩‍👧'.repeat(2_000),
  () => `${'\u202E'.repeat(5_000)}${'x'.repeat(5_000)}`,
  () => 'x'.repeat(100_001),
];

const deepJunkDepths: ReadonlyArray<number> = [16, 64, 256, 1_000];

const deepJunk = (depth: number): unknown => {
  let junk: unknown = 'bottom';
  for (let level = 0; level < depth; level++) junk = level % 2 === 0 ? [junk] : { junk };
  return junk;
};

// ---------------------------------------------------------------------------------------------------------------
// Mutations of a valid command.

export type MutationKind =
  | 'drop-field'
  | 'wrong-type'
  | 'empty-string'
  | 'out-of-range-number'
  | 'invalid-date'
  | 'extreme-date'
  | 'unknown-kind'
  | 'extra-field'
  | 'extra-nested-field'
  | 'deep-junk'
  | 'long-string'
  | 'unicode'
  | 'reserved-word'
  | 'array-junk';

export const mutationKinds: ReadonlyArray<MutationKind> = [
  'drop-field',
  'wrong-type',
  'empty-string',
  'out-of-range-number',
  'invalid-date',
  'extreme-date',
  'unknown-kind',
  'extra-field',
  'extra-nested-field',
  'deep-junk',
  'long-string',
  'unicode',
  'reserved-word',
  'array-junk',
];

/** A mutation as data: which kind, which candidate path (`pick`, modulo) and which value (`choice`, modulo). */
export interface Mutation {
  readonly kind: MutationKind;
  readonly pick: number;
  readonly choice: number;
}

const jsonTypeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

const nth = <A>(items: ReadonlyArray<A>, n: number): A => items[n % items.length] as A;

const looksLikeDate = (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * The paths a mutation prefers (dates for date mutations, strings for unicode...), or all when there are none.
 * The top-level `kind` is left to the `unknown-kind` mutation: a command whose kind is broken stops at the codec,
 * and the other mutations are there to get past it.
 */
const candidates = (command: unknown, prefer: (value: unknown) => boolean): Path[] => {
  const all = pathsOf(command).filter((path) => !(path.length === 1 && path[0] === 'kind'));
  const preferred = all.filter((path) => prefer(valueAt(command, path)));
  return preferred.length > 0 ? preferred : all.length > 0 ? all : [[]];
};

const objectPaths = (command: unknown, nestedOnly: boolean): Path[] => {
  const nested = pathsOf(command).filter((path) => isRecord(valueAt(command, path)));
  const insideArrays = nested.filter((path) => path.some((key) => typeof key === 'number'));
  if (nestedOnly) return insideArrays.length > 0 ? insideArrays : nested.length > 0 ? nested : [[]];
  return [[], ...nested];
};

const addField = (command: unknown, at: Path, key: string, value: unknown): unknown => {
  const target = valueAt(command, at);
  if (!isRecord(target)) return setAt(command, at, { [key]: value });
  const copy = cloneJson(target) as Record<string, unknown>;
  defineOwn(copy, key, value);
  return setAt(command, at, copy);
};

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 24 ? `${text.slice(0, 21)}...` : text;
};

/** Applies one mutation; returns the mutated command and a label that says what changed. */
export const applyMutation = (
  command: unknown,
  mutation: Mutation,
): { readonly command: unknown; readonly label: string } => {
  const { pick, choice } = mutation;
  switch (mutation.kind) {
    case 'drop-field': {
      const path = nth(
        candidates(command, () => true),
        pick,
      );
      const label = path.length === 0 ? 'dropped every field' : `dropped ${showPath(path)}`;
      return { command: removeAt(command, path), label };
    }
    case 'wrong-type': {
      const path = nth(
        candidates(command, () => true),
        pick,
      );
      const current = jsonTypeOf(valueAt(command, path));
      const value = nth(
        wrongTypeValues.filter((v) => jsonTypeOf(v) !== current),
        choice,
      );
      return { command: setAt(command, path, value), label: `${showPath(path)} set to ${show(value)}` };
    }
    case 'empty-string': {
      const path = nth(
        candidates(command, (v) => typeof v === 'string'),
        pick,
      );
      const value = nth(['', ' ', '\t\n'], choice);
      return { command: setAt(command, path, value), label: `${showPath(path)} set to ${show(value)}` };
    }
    case 'out-of-range-number': {
      const path = nth(
        candidates(command, (v) => typeof v === 'number'),
        pick,
      );
      const value = nth(outOfRangeNumbers, choice);
      return { command: setAt(command, path, value), label: `${showPath(path)} set to ${value}` };
    }
    case 'invalid-date':
    case 'extreme-date': {
      const path = nth(candidates(command, looksLikeDate), pick);
      const value = nth(mutation.kind === 'invalid-date' ? invalidDates : extremeDates, choice);
      return { command: setAt(command, path, value), label: `${showPath(path)} set to ${show(value)}` };
    }
    case 'unknown-kind': {
      const value = nth(unknownKinds(valueAt(command, ['kind'])), choice);
      if (value === undefined) return { command: removeAt(command, ['kind']), label: 'dropped kind' };
      const mutated = isRecord(command) ? setAt(command, ['kind'], value) : { kind: value };
      return { command: mutated, label: `kind set to ${show(value)}` };
    }
    case 'extra-field':
    case 'extra-nested-field': {
      const at = nth(objectPaths(command, mutation.kind === 'extra-nested-field'), pick);
      const key = nth(extraKeys, choice);
      const value = nth(extraValues, Math.floor(choice / extraKeys.length));
      return {
        command: addField(command, at, key, value),
        label: `undeclared field ${show(key)} added at ${showPath(at)}`,
      };
    }
    case 'deep-junk': {
      const depth = nth(deepJunkDepths, choice);
      if (choice % 2 === 0) {
        const path = nth(
          candidates(command, () => true),
          pick,
        );
        return {
          command: setAt(command, path, deepJunk(depth)),
          label: `${showPath(path)} set to junk ${depth} deep`,
        };
      }
      return {
        command: addField(command, [], 'junk', deepJunk(depth)),
        label: `junk ${depth} deep added as 'junk'`,
      };
    }
    case 'long-string': {
      const path = nth(
        candidates(command, (v) => typeof v === 'string'),
        pick,
      );
      const long = nth(longStrings, choice)();
      const current = valueAt(command, path);
      const append = choice % 2 === 1 && typeof current === 'string';
      return {
        command: setAt(command, path, append ? `${current}${long}` : long),
        label: `${showPath(path)} ${append ? 'lengthened' : 'set'} to ${(append ? `${current}${long}` : long).length} characters`,
      };
    }
    case 'unicode': {
      const path = nth(
        candidates(command, (v) => typeof v === 'string'),
        pick,
      );
      const junk = nth(unicodeJunk, choice);
      const current = valueAt(command, path);
      // Appending keeps the field valid otherwise, so the odd characters travel on to the decider and the store.
      const append = Math.floor(choice / unicodeJunk.length) % 3 !== 0 && typeof current === 'string';
      return {
        command: setAt(command, path, append ? `${current}${junk}` : junk),
        label: `${showPath(path)} ${append ? 'suffixed with' : 'set to'} ${JSON.stringify(junk)}`,
      };
    }
    case 'reserved-word': {
      const path = nth(
        candidates(command, (v) => typeof v === 'string' && !looksLikeDate(v)),
        pick,
      );
      const value = nth(reservedWords, choice);
      return { command: setAt(command, path, value), label: `${showPath(path)} set to ${show(value)}` };
    }
    case 'array-junk': {
      const path = nth(candidates(command, Array.isArray), pick);
      const current = valueAt(command, path);
      const items = Array.isArray(current) ? current : [current];
      const variants: ReadonlyArray<[string, unknown[]]> = [
        ['emptied', []],
        ['with every element twice', [...items, ...items]],
        ['with null appended', [...items, null]],
        ['with an empty object appended', [...items, {}]],
        [
          'with 500 copies of its first element',
          Array.from({ length: 500 }, () => cloneJson(items[0] ?? 'x')),
        ],
      ];
      const [how, value] = nth(variants, choice);
      return { command: setAt(command, path, value), label: `${showPath(path)} ${how}` };
    }
  }
};

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...mutationKinds),
  pick: fc.nat({ max: 1_000 }),
  choice: fc.nat({ max: 1_000 }),
});

/** Mostly one mutation of a valid command (so the rest of it stays valid and gets further), sometimes two or three. */
export const mutatedCommands = (validCommands: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzInput> =>
  fc
    .tuple(
      validCommands,
      fc.oneof(
        { weight: 3, arbitrary: fc.tuple(mutationArbitrary) },
        { weight: 1, arbitrary: fc.array(mutationArbitrary, { minLength: 2, maxLength: 3 }) },
      ),
    )
    .map(([valid, mutations]) => {
      let command = cloneJson(valid);
      const labels: string[] = [];
      for (const mutation of mutations) {
        const applied = applyMutation(command, mutation);
        command = applied.command;
        labels.push(applied.label);
      }
      return {
        family: 'mutation' as const,
        label: `mutation of ${kindOf(valid)}: ${labels.join('; ')}`,
        command,
      };
    });

const kindOf = (command: unknown): string =>
  isRecord(command) && typeof command.kind === 'string' ? command.kind : 'a valid command';

// ---------------------------------------------------------------------------------------------------------------
// Random JSON.

const keyArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('kind', '__proto__', 'constructor', 'prototype', 'toString', 'valueOf'),
  },
);

const jsonPrimitive = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

/** Random JSON in four shapes: anything, object-like anything, a non-object, or a real `kind` with junk fields. */
export const randomJsonInputs = (validCommands: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzInput> =>
  fc.oneof(
    fc
      .jsonValue({ maxDepth: 4 })
      .map((command) => ({ family: 'random-json' as const, label: 'random JSON', command })),
    fc
      .anything({
        maxDepth: 3,
        maxKeys: 6,
        key: keyArbitrary,
        values: [jsonPrimitive],
        withNullPrototype: true,
      })
      .map((command) => ({ family: 'random-json' as const, label: 'random JSON-shaped value', command })),
    fc
      .oneof(
        fc.constant(null),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.string(),
        fc.boolean(),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
      )
      .map((command) => ({ family: 'random-json' as const, label: 'a non-object', command })),
    fc
      .tuple(validCommands, fc.dictionary(keyArbitrary, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 8 }))
      .map(([valid, fields]) => {
        const command = cloneJson(fields) as Record<string, unknown>;
        defineOwn(command, 'kind', isRecord(valid) ? valid.kind : 'NoSuchCommand');
        return {
          family: 'random-json' as const,
          label: `random fields under kind ${kindOf(valid)}`,
          command,
        };
      }),
    fc
      .tuple(validCommands, fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 16 }))
      .map(([valid, values]) => {
        const command = cloneJson(valid);
        if (!isRecord(command)) return { family: 'random-json' as const, label: 'random JSON', command };
        const fields = Object.keys(command).filter((key) => key !== 'kind');
        for (const [index, key] of fields.entries()) defineOwn(command, key, nth(values, index));
        return { family: 'random-json' as const, label: `every field of ${kindOf(valid)} random`, command };
      }),
  );

// ---------------------------------------------------------------------------------------------------------------
// Prototype pollution attempts: own `__proto__`, `constructor` and `prototype` keys, as `JSON.parse` makes them.

interface PollutionAttempt {
  readonly how: number;
  readonly pick: number;
}

const pollute = (valid: unknown, { how, pick }: PollutionAttempt): FuzzInput => {
  const at = nth(objectPaths(valid, false), pick);
  const where = showPath(at);
  const attempts: ReadonlyArray<() => { label: string; command: unknown }> = [
    () => {
      // Exactly what a JSON body parser produces for `{"__proto__": {...}, ...fields}`.
      const text = JSON.stringify(valid);
      const inner = text.startsWith('{') && text !== '{}' ? `,${text.slice(1)}` : '}';
      return {
        label: `"__proto__" key parsed from JSON text`,
        command: JSON.parse(`{"__proto__":{"${pollutionMarker}":"yes"}${inner}`),
      };
    },
    () => ({
      label: `own '__proto__' key at ${where}`,
      command: addField(valid, at, '__proto__', pollutionPayload()),
    }),
    () => ({
      label: `own 'constructor' key at ${where}`,
      command: addField(valid, at, 'constructor', { prototype: pollutionPayload() }),
    }),
    () => ({
      label: `own 'prototype' key at ${where}`,
      command: addField(valid, at, 'prototype', pollutionPayload()),
    }),
    () => {
      const payload = {};
      defineOwn(payload, '__proto__', pollutionPayload());
      const path = nth(
        candidates(valid, () => true),
        pick,
      );
      return { label: `${showPath(path)} set to {"__proto__": ...}`, command: setAt(valid, path, payload) };
    },
    () => ({
      label: `'__proto__' as the kind, with the payload alongside`,
      command: addField(setAt(valid, ['kind'], '__proto__'), [], pollutionMarker, 'yes'),
    }),
    () => ({
      label: 'bare {"__proto__": ...}',
      command: JSON.parse(`{"__proto__":{"${pollutionMarker}":"yes"}}`),
    }),
    () => ({
      label: 'bare {"constructor": {"prototype": ...}}',
      command: JSON.parse(`{"constructor":{"prototype":{"${pollutionMarker}":"yes"}}}`),
    }),
  ];
  const { label, command } = nth(attempts, how)();
  return {
    family: 'prototype-pollution',
    label: `prototype pollution of ${kindOf(valid)}: ${label}`,
    command,
  };
};

export const pollutionInputs = (validCommands: fc.Arbitrary<unknown>): fc.Arbitrary<FuzzInput> =>
  fc
    .tuple(validCommands, fc.record({ how: fc.nat({ max: 1_000 }), pick: fc.nat({ max: 1_000 }) }))
    .map(([valid, attempt]) => pollute(cloneJson(valid), attempt));

/** Every input `fuzzCommands` sends, mostly mutations of valid commands (they get furthest into the code). */
export const fuzzInputs = (
  validCommands: fc.Arbitrary<unknown>,
  families: ReadonlyArray<FuzzInputFamily> = fuzzInputFamilies,
): fc.Arbitrary<FuzzInput> => {
  const weighted: Array<fc.WeightedArbitrary<FuzzInput>> = [];
  if (families.includes('mutation')) weighted.push({ weight: 6, arbitrary: mutatedCommands(validCommands) });
  if (families.includes('random-json'))
    weighted.push({ weight: 2, arbitrary: randomJsonInputs(validCommands) });
  if (families.includes('prototype-pollution'))
    weighted.push({ weight: 2, arbitrary: pollutionInputs(validCommands) });
  if (weighted.length === 0) throw new TypeError('fuzzInputs: choose at least one family of inputs');
  return fc.oneof(...weighted);
};
