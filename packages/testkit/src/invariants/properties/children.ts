import type { InvariantProperty } from '../property.js';

/** The catalogue's properties of the children rules, by rule id. */
export const childrenProperties: Readonly<Record<string, InvariantProperty>> = {};
