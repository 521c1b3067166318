/**
 * A place in the store's global order. Opaque to callers: adapters encode their native position (a sequence
 * number, a transaction id plus sequence, an EventStoreDB commit/prepare pair) as a fixed-width string whose
 * plain string order is the global order, so positions can be compared, stored as checkpoints and sent over
 * the wire without knowing which adapter made them.
 */
export type GlobalPosition = string & { readonly __brand: 'GlobalPosition' };

const HEX_WIDTH = 16;
const MAX_UINT64 = (1n << 64n) - 1n;

/** Compares two positions in global order: negative when `a` comes first. */
export const comparePositions = (a: GlobalPosition, b: GlobalPosition): number =>
  a < b ? -1 : a > b ? 1 : 0;

export const isAfterPosition = (a: GlobalPosition, b: GlobalPosition): boolean => a > b;

/**
 * Encodes unsigned 64-bit parts as one position; used by adapters. Several parts (for example commit and
 * prepare positions) are ordered lexicographically, first part first.
 */
export const encodePosition = (...parts: ReadonlyArray<bigint | number>): GlobalPosition => {
  if (parts.length === 0) throw new TypeError('encodePosition needs at least one part');
  return parts
    .map((part) => {
      const value = BigInt(part);
      if (value < 0n || value > MAX_UINT64)
        throw new RangeError(`position part ${value} is not an unsigned 64-bit integer`);
      return value.toString(16).padStart(HEX_WIDTH, '0');
    })
    .join(':') as GlobalPosition;
};

/** Decodes a position made by `encodePosition` back into its parts; adapters use it to resume a native read. */
export const decodePosition = (position: GlobalPosition): ReadonlyArray<bigint> => {
  const parts = position.split(':');
  if (parts.some((part) => !/^[0-9a-f]{16}$/.test(part))) {
    throw new TypeError(`'${position}' is not a position made by encodePosition`);
  }
  return parts.map((part) => BigInt(`0x${part}`));
};
