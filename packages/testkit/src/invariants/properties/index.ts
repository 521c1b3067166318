import type { InvariantProperty } from '../property.js';
import { approvalsProperties } from './approvals.js';
import { childrenProperties } from './children.js';
import { clinicsProperties } from './clinics.js';
import { placementsProperties } from './placements.js';
import { recordsProperties } from './records.js';
import { supervisionProperties } from './supervision.js';

/** Every property of the catalogue, by the id of the rule it proves. */
export const invariantProperties: Readonly<Partial<Record<string, InvariantProperty>>> = {
  ...approvalsProperties,
  ...placementsProperties,
  ...childrenProperties,
  ...clinicsProperties,
  ...supervisionProperties,
  ...recordsProperties,
};
