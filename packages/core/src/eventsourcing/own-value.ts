/**
 * The value `record` holds under `key` as its own property, or undefined. States keep entities in plain objects
 * keyed by id, and the ids come from commands and events: `record[id]` would find the `Object` function for
 * 'constructor' and `Object.prototype` for '__proto__' (and a method for 'toString' or 'hasOwnProperty'), so an
 * entity that was never recorded would look present. Look entities up by id with this, never by indexing.
 */
export const ownValue = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;
