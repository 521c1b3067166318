export { isSealed, open, type SealedValue, seal } from './field-cipher.js';
export {
  inMemoryKeyStore,
  type KeyLookup,
  type SubjectErased,
  type SubjectKeyStore,
  subjectErased,
} from './key-store.js';
export { checkErasure, type RetentionRecord, retentionEnded, retentionEndsOn } from './retention.js';
export { KEY_BYTES, newSubjectKey, type SubjectKey } from './subject-key.js';
