export { decrypt, encrypt } from './aes-gcm.js';
export {
  type EraseSubject,
  eraseSubject,
  erasureEvents,
  erasureStreamId,
  SubjectErasureRecorded,
} from './erasure.js';
export { isSealed, open, type SealedValue, seal } from './field-cipher.js';
export { inMemoryKeyStore, type KeyLookup, type SubjectKeyStore } from './key-store.js';
export { type MarkedRegistry, personalFieldsIn } from './personal-fields-in.js';
export { checkErasure, type RetentionRecord, retentionEnded, retentionEndsOn } from './retention.js';
export { type SealedEventStoreOptions, sealedEventStore, streamEntity } from './sealed-event-store.js';
export { personalSpots, sealContext } from './sealed-values.js';
export { KEY_BYTES, newSubjectKey, type SubjectKey } from './subject-key.js';
