import type { InvariantProperty } from '../property.js';

/** The catalogue's properties of the supervision rules, by rule id. */
export const supervisionProperties: Readonly<Record<string, InvariantProperty>> = {};
