/**
 * @fostering/synthetic-agency: a synthetic fostering agency's history, generated deterministically from a seed
 * by driving the real command handlers of @fostering/core. The data behind `fostering demo` and benchmarks.
 */
import { type GeneratedAgency, type GenerationProgress, simulateAgency } from './generate.js';
import type { AgencyShape } from './shape.js';

export type { GeneratedAgency, GenerationProgress } from './generate.js';
export { type AgencyShape, defaultAgencyShape } from './shape.js';

/**
 * Generates the agency's history into an in-memory event store: the default shape is 360 households and 510
 * children over two years from November 2024. `onProgress` is called about once per simulated month.
 */
export const generateAgency = async (
  shape?: Partial<AgencyShape>,
  onProgress?: (progress: GenerationProgress) => void,
): Promise<GeneratedAgency> => {
  const {
    planted: _planted,
    refusals: _refusals,
    declinedReferrals: _declined,
    from: _from,
    ...agency
  } = await simulateAgency(shape, onProgress);
  return agency;
};
