import { PGlite } from '@electric-sql/pglite';
import type { pgliteClient } from '@fostering/store-postgres';
import * as SyntheticAgency from '@fostering/synthetic-agency';

/** The synthetic agency generator and PGlite, as the rebuild and replay workloads use them. */
export type { AgencyShape, GeneratedAgency } from '@fostering/synthetic-agency';

export const syntheticAgencyModule = async (): Promise<typeof SyntheticAgency> => SyntheticAgency;

/** The PGlite instance `pgliteClient` takes. */
export type PgliteDatabase = Parameters<typeof pgliteClient>[0];

/** Opens a PGlite database in `directory` (in memory when absent). */
export const openPglite = async (directory?: string): Promise<PgliteDatabase> => PGlite.create(directory);
