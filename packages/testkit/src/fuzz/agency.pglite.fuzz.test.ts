import { PGlite } from '@electric-sql/pglite';
import { pgliteClient, postgresEventStore } from '@fostering/store-postgres';
import { describeAgencyFuzzing } from './__fixtures__/agency-fuzz-suite.js';

// Every area's command entry point, fuzzed on PostgreSQL (PGlite, in process): one database for the file. A NUL
// character cannot be stored in jsonb or text, so it must come back as a refusal (StoreUnavailable, 'data'),
// with nothing written, never as a crash.
describeAgencyFuzzing(
  'postgres (PGlite, in memory)',
  async () => postgresEventStore(pgliteClient(new PGlite())),
  {
    nul: 'refused',
  },
);
