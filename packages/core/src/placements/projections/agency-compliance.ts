import type { HouseholdRecords } from '../../approvals/projections/households.js';
import { initialHouseholdState } from '../../approvals/state.js';
import { type ChildCompliance, childCompliance } from '../../children/compliance/child-compliance.js';
import type { ChildRecords } from '../../children/projections/children.js';
import { initialChildState } from '../../children/state.js';
import type { ComplianceContext } from '../../compliance/context.js';
import { ownValue } from '../../eventsourcing/index.js';
import { type PlacementCompliance, placementCompliance } from '../compliance/placement-compliance.js';
import type { PlacementRecords } from './placements.js';

export interface PlacementsCompliance {
  readonly placements: ReadonlyArray<PlacementCompliance>;
  /** The statutory timeline of every child in a placement on the date (visits, reviews, plans). */
  readonly children: ReadonlyArray<ChildCompliance>;
}

/**
 * Every placement's obligations and every placed child's statutory deadlines on `context.asOf`, combining the
 * placement, household and child records (the support package, recorded on the placement, decides whether the
 * child's therapeutic care plan needs 3-monthly reviews).
 */
export const placementsCompliance = (
  records: {
    readonly placements: PlacementRecords;
    readonly households: HouseholdRecords;
    readonly children: ChildRecords;
  },
  context: ComplianceContext,
): PlacementsCompliance => {
  const placements = Object.values(records.placements).flatMap((state) => {
    const started = state.started;
    if (started === undefined || started.startedOn > context.asOf) return [];
    const household = ownValue(records.households, started.householdId) ?? initialHouseholdState;
    const child = ownValue(records.children, started.childId) ?? initialChildState;
    return [{ state, started, compliance: placementCompliance(state, household, child, context), child }];
  });
  const open = placements.filter(
    ({ state }) => state.ended === undefined || state.ended.endedOn > context.asOf,
  );
  return {
    placements: placements.map((p) => p.compliance),
    children: open.map(({ child, started }) =>
      childCompliance(child, context, { supportPackage: started.supportPackage }),
    ),
  };
};
