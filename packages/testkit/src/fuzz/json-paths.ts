/** Small helpers to find and change values inside a JSON-shaped value, by path, without touching the original. */

export type PathKey = string | number;
export type Path = ReadonlyArray<PathKey>;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Sets an own, enumerable property, as `JSON.parse` does. Plain assignment of `__proto__` would change the
 * object's prototype instead of adding a field, which is not what a JSON body carrying that key looks like.
 */
export const defineOwn = (target: object, key: PathKey, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
};

/** A deep copy of a JSON-shaped value that keeps own `__proto__` and `constructor` keys as plain fields. */
export const cloneJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value))
      defineOwn(copy, key, cloneJson((value as Record<string, unknown>)[key]));
    return copy;
  }
  return value;
};

/**
 * Paths inside `value` (not the root itself), parents before children: at most `maxPaths` of them, at most
 * `maxDepth` deep, so that a command already mutated into deep or wide junk stays cheap to mutate again.
 */
export const pathsOf = (value: unknown, maxPaths = 500, maxDepth = 12): Path[] => {
  const found: Path[] = [];
  const visit = (current: unknown, prefix: Path) => {
    if (prefix.length >= maxDepth) return;
    const keys: PathKey[] = Array.isArray(current)
      ? current.map((_, index) => index)
      : isRecord(current)
        ? Object.keys(current)
        : [];
    for (const key of keys) {
      if (found.length >= maxPaths) return;
      const path = [...prefix, key];
      found.push(path);
      visit((current as Record<PathKey, unknown>)[key], path);
    }
  };
  visit(value, []);
  return found;
};

export const valueAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>(
    (current, key) =>
      typeof current === 'object' && current !== null && Object.hasOwn(current, key)
        ? (current as Record<PathKey, unknown>)[key]
        : undefined,
    value,
  );

/** A copy of `value` with the value at `path` replaced; the root itself when the path is empty. */
export const setAt = (value: unknown, path: Path, replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const copy = cloneJson(value);
  const parent = valueAt(copy, path.slice(0, -1));
  if (typeof parent === 'object' && parent !== null)
    defineOwn(parent, path[path.length - 1] as PathKey, replacement);
  return copy;
};

/** A copy of `value` without the field (or array element) at `path`; `{}` for the root. */
export const removeAt = (value: unknown, path: Path): unknown => {
  // Dropping the root leaves an empty object: `undefined` is not JSON, so no caller could send it.
  if (path.length === 0) return {};
  const copy = cloneJson(value);
  const parent = valueAt(copy, path.slice(0, -1));
  const key = path[path.length - 1] as PathKey;
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (typeof parent === 'object' && parent !== null) delete (parent as Record<PathKey, unknown>)[key];
  return copy;
};

/** `terms.ageRange.minAge`, `applicants.0.name`; the root is `(the command)`. */
export const showPath = (path: Path): string => (path.length === 0 ? '(the command)' : path.join('.'));
