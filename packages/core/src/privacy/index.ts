export { decrypt, encrypt } from './aes-gcm.js';
export {
  type EraseRecord,
  type ErasureRecord,
  eraseRecord,
  erasureRecords,
  loadRetentionOverview,
  type RetentionOverview,
  type UnknownRecord,
} from './erase-record.js';
export {
  type EraseSubject,
  eraseSubject,
  erasureEvents,
  erasureStreamId,
  SubjectErasureRecorded,
} from './erasure.js';
export { isSealed, open, type SealedValue, seal } from './field-cipher.js';
export { inMemoryKeyStore, type KeyLookup, type SubjectKeyStore } from './key-store.js';
export { agencyPersonalFields, type MarkedRegistry, personalFieldsIn } from './personal-fields-in.js';
export { checkErasure, type RetentionRecord, retentionEnded, retentionEndsOn } from './retention.js';
export {
  dueForErasure,
  householdRetention,
  type RetainedRecord,
  retentionRegister,
} from './retention-register.js';
export {
  type SealedEventStoreOptions,
  sealedEventStore,
  sealRecordedEvents,
  streamEntity,
} from './sealed-event-store.js';
export {
  endDerivedStatesEpoch,
  type SealedStatesOptions,
  sealedCheckpointStore,
  sealedSnapshotStore,
} from './sealed-states.js';
export { personalSpots, sealContext } from './sealed-values.js';
export { KEY_BYTES, newSubjectKey, type SubjectKey } from './subject-key.js';
