/**
 * How many generated cases a property runs: the caller's number, else FOSTERING_PROPERTY_RUNS, else 100.
 * Kept free of any test runner so that runner-agnostic checks (`fuzzCommands`) can use it.
 */
export const propertyRuns = (override?: number): number =>
  override ?? (Number(process.env.FOSTERING_PROPERTY_RUNS) || 100);
