import { randomBytes } from 'node:crypto';
import { newEventId } from '../eventsourcing/ids.js';

/**
 * The key that seals one data subject's personal data (a child, a carer, a household member). A subject has
 * one current key, used for everything newly written, and keeps its older keys after a rotation so that
 * history stays readable; erasure destroys them all.
 */
export interface SubjectKey {
  readonly subjectId: string;
  readonly keyId: string;
  /** 32 bytes for AES-256-GCM. */
  readonly material: Uint8Array;
  readonly createdAt: Date;
}

export const KEY_BYTES = 32;

/** A fresh random key for a subject; the id is a UUIDv7, so keys sort by when they were made. */
export const newSubjectKey = (subjectId: string, createdAt: Date): SubjectKey => ({
  subjectId,
  keyId: newEventId(),
  material: new Uint8Array(randomBytes(KEY_BYTES)),
  createdAt,
});
