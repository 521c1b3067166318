import type { InvariantProperty } from '../property.js';

/** The catalogue's properties of the clinics rules, by rule id. */
export const clinicsProperties: Readonly<Record<string, InvariantProperty>> = {};
