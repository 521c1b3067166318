/**
 * Stream metadata: the newest event of `$$<stream>` holds a JSON document whose `$`-keys the server acts on. The
 * emulator honours `$maxCount` (only the newest N events are readable), `$tb` (truncate before: revisions below
 * it are not readable) and `$maxAge` (seconds; older events are not readable). Other keys (`$acl`,
 * `$cacheControl`, custom keys) are stored and returned to readers but have no effect. As on a real server, the
 * events hidden this way stay in `$all` (a real server removes them only when it scavenges, which the emulator
 * never does).
 */
export interface StreamLimits {
  readonly maxCount?: bigint;
  readonly truncateBefore?: bigint;
  readonly maxAgeSeconds?: number;
}

export const isMetastream = (streamName: string): boolean => streamName.startsWith('$$');
export const metastreamOf = (streamName: string): string => `$$${streamName}`;

/**
 * A metadata stream only keeps its newest event readable (an inferred server default: clients read stream metadata
 * as "the last event of `$$<stream>`").
 */
export const METASTREAM_LIMITS: StreamLimits = { maxCount: 1n };

const nonNegativeInteger = (value: unknown): bigint | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? BigInt(value) : undefined;

/** Reads the limits out of a metadata event's JSON payload; anything unreadable means "no limits". */
export const parseStreamLimits = (data: Uint8Array | undefined): StreamLimits => {
  if (data === undefined || data.length === 0) return {};
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return {};
  }
  if (typeof document !== 'object' || document === null) return {};
  const record = document as Record<string, unknown>;
  const maxAge = nonNegativeInteger(record.$maxAge);
  const limits: { maxCount?: bigint; truncateBefore?: bigint; maxAgeSeconds?: number } = {};
  const maxCount = nonNegativeInteger(record.$maxCount);
  const truncateBefore = nonNegativeInteger(record.$tb);
  if (maxCount !== undefined) limits.maxCount = maxCount;
  if (truncateBefore !== undefined) limits.truncateBefore = truncateBefore;
  if (maxAge !== undefined) limits.maxAgeSeconds = Number(maxAge);
  return limits;
};
