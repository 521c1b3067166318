import type { LocalDate } from '@fostering/core';
import { type SimulatedAgency, simulateAgency } from '../generate.js';
import type { AgencyShape } from '../shape.js';

/** A small agency for tests: fast to generate, big enough to hold one of every planted failure. */
export const smallShape: Partial<AgencyShape> = {
  households: 24,
  children: 36,
  months: 12,
  from: '2024-11-01' as LocalDate,
  seed: 4242,
};

let small: Promise<SimulatedAgency> | undefined;

/** Generated once per test file. */
export const smallAgency = (): Promise<SimulatedAgency> => {
  small ??= simulateAgency(smallShape);
  return small;
};
