/**
 * Synthetic `$all` positions. A real server's positions are byte offsets into its transaction log; the emulator
 * imitates that shape without the file: every record (an appended event, a delete, a tombstone) takes the next
 * position, which advances by a pseudo record size (a fixed header plus the record's payload bytes), so positions
 * are strictly increasing and sparse, never counts. Commit and prepare positions are always equal. The log starts
 * after a notional header, so no record sits at position 0 (a "from position 0" subscription sees everything).
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

const LOG_HEADER_BYTES = 1024n;
const RECORD_HEADER_BYTES = 96n;

export class PositionAllocator {
  #next = LOG_HEADER_BYTES;

  /** Takes the next position for a record whose payload is `payloadBytes` long. */
  allocate(payloadBytes: number): bigint {
    const position = this.#next;
    this.#next += RECORD_HEADER_BYTES + BigInt(payloadBytes);
    return position;
  }
}

export const positionOf = (value: bigint): Position => ({ commit: value, prepare: value });
