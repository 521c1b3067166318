import type { InvariantProperty } from '../property.js';

/** The catalogue's properties of the placements rules, by rule id. */
export const placementsProperties: Readonly<Record<string, InvariantProperty>> = {};
