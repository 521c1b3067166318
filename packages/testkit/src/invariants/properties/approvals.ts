import type { InvariantProperty } from '../property.js';

/** The catalogue's properties of the approvals rules, by rule id. */
export const approvalsProperties: Readonly<Record<string, InvariantProperty>> = {};
