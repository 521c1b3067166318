import type { AgencyPolicy } from '@fostering/core';
import fc from 'fast-check';
import { mergeScripts, type Script } from '../script.js';
import { assessmentHistories } from './approvals-assessment.js';
import { childrenLives } from './children-lives.js';
import { clinicHistories } from './clinics-series.js';
import { breaksHistories } from './placements-breaks.js';
import { occupancyHistories } from './placements-occupancy.js';
import { supervisionHouseholdHistories } from './supervision-households.js';
import { supervisionStaffHistories } from './supervision-staff.js';

/**
 * A whole agency at once: an assessment, households being supervised, placements filling and emptying, short
 * breaks and respite, children's statutory lives, a clinic series and staff, each from its own area's generator,
 * merged into one history in date order (each part's records kept apart). Rules about every record
 * (`records`, `retention`) are judged over these, and embedders can use them for properties of their own.
 */
export const agencyHistories = (policy: AgencyPolicy): fc.Arbitrary<Script> =>
  fc
    .tuple(
      ...[
        assessmentHistories(),
        supervisionHouseholdHistories(policy),
        occupancyHistories('limit'),
        breaksHistories(policy),
        childrenLives('visits')(policy),
        clinicHistories(policy),
        supervisionStaffHistories(policy),
      ].map((part) => fc.option(part, { nil: undefined, freq: 6 })),
    )
    // Each part is usually there; a failure shrinks by dropping the parts it does not need first.
    .map((parts) => mergeScripts(...parts.filter((part): part is Script => part !== undefined)));
