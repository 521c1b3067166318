/** Conversions between protocol messages and the log's plain values. */
import type { ExpectedRevision, ProposedEvent, StoredEvent } from './log.js';
import { type StreamIdentifier, sharedPb, streamsPb, type UUID } from './proto.js';

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

export const streamIdentifier = (streamName: string): StreamIdentifier => {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Uint8Array.from(Buffer.from(streamName, 'utf8')));
  return identifier;
};

const hex = (value: string): string => BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0');

/** A UUID message (string or structured form) as the canonical lower-case string. */
export const uuidString = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    const bits = `${hex(structured?.getMostSignificantBits() ?? '0')}${hex(structured?.getLeastSignificantBits() ?? '0')}`;
    return `${bits.slice(0, 8)}-${bits.slice(8, 12)}-${bits.slice(12, 16)}-${bits.slice(16, 20)}-${bits.slice(20)}`;
  }
  return uuid.getString().toLowerCase();
};

export const uuidMessage = (id: string, structured: boolean): UUID => {
  const uuid = new sharedPb.UUID();
  if (!structured) {
    uuid.setString(id);
    return uuid;
  }
  const bits = id.replaceAll('-', '').padStart(32, '0');
  const part = new sharedPb.UUID.Structured();
  part.setMostSignificantBits(BigInt.asIntN(64, BigInt(`0x${bits.slice(0, 16)}`)).toString());
  part.setLeastSignificantBits(BigInt.asIntN(64, BigInt(`0x${bits.slice(16)}`)).toString());
  uuid.setStructured(part);
  return uuid;
};

/**
 * Every request that carries an expected revision uses the same oneof numbering: 2 = exact revision,
 * 3 = no_stream, 4 = any, 5 = stream_exists. An unset choice is taken as `any`.
 */
export const expectedRevisionOf = (choice: number, revision: () => string): ExpectedRevision => {
  switch (choice) {
    case 2:
      return { kind: 'revision', revision: BigInt(revision()) };
    case 3:
      return { kind: 'no_stream' };
    case 5:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'any' };
  }
};

interface ProposedMessageLike {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

/** A proposed message (Append or BatchAppend); `type` and `content-type` travel in its metadata map. */
export const proposedEvent = (message: ProposedMessageLike): ProposedEvent => {
  const metadata = message.getMetadataMap();
  return {
    id: uuidString(message.getId()),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
};

type ReadEvent = InstanceType<typeof streamsPb.ReadResp.ReadEvent>;

export const readEvent = (event: StoredEvent, structuredIds: boolean): ReadEvent => {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  recorded.setId(uuidMessage(event.id, structuredIds));
  recorded.setStreamIdentifier(streamIdentifier(event.streamName));
  recorded.setStreamRevision(event.revision.toString());
  recorded.setPreparePosition(event.position.toString());
  recorded.setCommitPosition(event.position.toString());
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', event.contentType);
  metadata.set('created', event.created.toString());
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.customMetadata);
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(event.position.toString());
  return read;
};
