/** Compact, safe-to-print renderings of fuzz inputs and outcomes for failure reports. */

// Control characters, bidirectional marks and overrides, zero-width characters, line separators and lone
// surrogates would garble or reorder a terminal report (an RTL override flips the rest of the line), so they are
// shown escaped.
const isUnprintable = (code: number): boolean =>
  code <= 0x1f ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0xad ||
  code === 0x61c ||
  (code >= 0x200b && code <= 0x200f) ||
  (code >= 0x2028 && code <= 0x202e) ||
  (code >= 0x2060 && code <= 0x2069) ||
  code === 0xfeff;

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

const escapeUnprintable = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const lone =
      (isHigh(code) && !isLow(text.charCodeAt(i + 1))) || (isLow(code) && !isHigh(text.charCodeAt(i - 1)));
    out += isUnprintable(code) || lone ? `\\u${code.toString(16).padStart(4, '0')}` : text[i];
  }
  return out;
};

/** A JSON string literal, shortened in the middle when long, with unprintable characters escaped. */
const stringLiteral = (text: string, maxString: number): string => {
  const shown =
    text.length <= maxString
      ? text
      : `${text.slice(0, Math.ceil(maxString / 2))}…[${text.length} chars]…${text.slice(-Math.floor(maxString / 4))}`;
  // JSON.stringify escapes quotes, backslashes and C0 controls; the rest is escaped here.
  return escapeUnprintable(JSON.stringify(shown));
};

export interface CompactOptions {
  /** The whole rendering is cut here. */
  readonly maxChars?: number;
  /** Longer strings are shown by their ends and their length. */
  readonly maxString?: number;
  /** Deeper values are shown as `…`. */
  readonly maxDepth?: number;
  /** Longer arrays show their first items and a count. */
  readonly maxItems?: number;
}

const render = (
  value: unknown,
  depth: number,
  options: Required<CompactOptions>,
  seen: Set<object>,
): string => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return stringLiteral(value, options.maxString);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${value}n`;
    case 'function':
      return '[function]';
    case 'symbol':
      return value.toString();
  }
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (depth >= options.maxDepth) return Array.isArray(object) ? '[…]' : '{…}';
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      const shown = object.slice(0, options.maxItems).map((item) => render(item, depth + 1, options, seen));
      if (object.length > options.maxItems) shown.push(`…${object.length - options.maxItems} more`);
      return `[${shown.join(',')}]`;
    }
    if (object instanceof Error) return `${object.name}: ${escapeUnprintable(object.message)}`;
    const keys = Object.keys(object);
    const shown = keys
      .slice(0, options.maxItems)
      .map(
        (key) =>
          `${stringLiteral(key, options.maxString)}:${render((object as Record<string, unknown>)[key], depth + 1, options, seen)}`,
      );
    if (keys.length > options.maxItems) shown.push(`…${keys.length - options.maxItems} more`);
    const prototype = Object.getPrototypeOf(object);
    const prefix = prototype === null ? '[null prototype] ' : '';
    return `${prefix}{${shown.join(',')}}`;
  } finally {
    seen.delete(object);
  }
};

/** Compact JSON for a report: long strings and deep or long structures shortened, then the whole cut. */
export const compact = (value: unknown, options: CompactOptions = {}): string => {
  const all: Required<CompactOptions> = {
    maxChars: options.maxChars ?? 600,
    maxString: options.maxString ?? 60,
    maxDepth: options.maxDepth ?? 8,
    maxItems: options.maxItems ?? 20,
  };
  const text = render(value, 0, all, new Set());
  return text.length <= all.maxChars ? text : `${text.slice(0, all.maxChars)}… (${text.length} chars in all)`;
};

/** A thrown value, with the top of its stack when it is an error: where the bug is. */
export const describeThrown = (thrown: unknown, stackLines = 6): string => {
  if (!(thrown instanceof Error)) return `a non-error value: ${compact(thrown)}`;
  const stack = (thrown.stack ?? '')
    .split('\n')
    .slice(1, 1 + stackLines)
    .map((line) => `    ${line.trim()}`)
    .join('\n');
  return `${thrown.name}: ${escapeUnprintable(thrown.message)}${stack === '' ? '' : `\n${stack}`}`;
};

export const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
