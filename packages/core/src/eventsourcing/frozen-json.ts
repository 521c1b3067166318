import type { JsonValue } from './json.js';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

/** Raised inside the fast copy when a value needs JSON's own rules; caught at the top, never escapes. */
const unusual = Symbol('unusual');

// Deeper than any event's data; a cycle gets here too, and JSON then reports it as JSON would.
const MAX_DEPTH = 500;

const copyValue = (value: unknown, depth: number): JsonValue | undefined => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      // JSON writes -0 as 0 and every non-finite number as null.
      return Number.isFinite(value) ? (value === 0 ? 0 : value) : null;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      if (value === null) return null;
      if (depth > MAX_DEPTH) throw unusual;
      return Array.isArray(value) ? copyArray(value, depth) : copyObject(value, depth);
    default:
      throw unusual;
  }
};

const copyArray = (array: ReadonlyArray<unknown>, depth: number): JsonValue => {
  if (Object.getPrototypeOf(array) !== Array.prototype) throw unusual;
  const copy = new Array<JsonValue>(array.length);
  for (let i = 0; i < array.length; i++) copy[i] = copyValue(array[i], depth + 1) ?? null;
  return Object.freeze(copy);
};

const copyObject = (object: object, depth: number): JsonValue => {
  const prototype = Object.getPrototypeOf(object);
  if ((prototype !== Object.prototype && prototype !== null) || 'toJSON' in object) throw unusual;
  const copy: Record<string, JsonValue> = {};
  for (const key of Object.keys(object)) {
    // Assigning '__proto__' would set the copy's prototype, where JSON.parse makes an own property.
    if (key === '__proto__') throw unusual;
    const inner = copyValue((object as Record<string, unknown>)[key], depth + 1);
    if (inner !== undefined) copy[key] = inner;
  }
  return Object.freeze(copy);
};

/**
 * A deep-frozen copy of `data` exactly as a JSON round trip would give it back (what a database adapter stores
 * and returns), made in one pass without the intermediate text. Anything outside plain JSON data (a `toJSON`,
 * a class instance, a `__proto__` key, a BigInt, a cycle) takes the JSON round trip itself, so the answer, or
 * the error, is always JSON's.
 */
export const frozenJsonCopy = (data: JsonValue): JsonValue => {
  try {
    const copy = copyValue(data, 0);
    // JSON writes nothing for these at the top, and then cannot read it back: let it say so.
    if (copy === undefined) throw unusual;
    return copy;
  } catch (error) {
    if (error !== unusual) throw error;
    return deepFreeze(JSON.parse(JSON.stringify(data)) as JsonValue);
  }
};
