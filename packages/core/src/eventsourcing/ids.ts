import { v7 } from 'uuid';

/** Event ids are UUID v7: unique without coordination and roughly ordered by creation time. */
export const newEventId = (): string => v7();

/** Correlation ids share the event id format so that logs can sort them alike. */
export const newCorrelationId = (): string => v7();
