import type { LocalDate } from '../../calendar/index.js';
import type { Personal } from '../../eventsourcing/index.js';
import type { HealthNeedKind } from '../events/index.js';
import type { ChildState, HealthNeed } from '../state.js';

/**
 * How a household's safe-care plan covers one child's health need (rule `risk-complete`): the plan's `covers`
 * list holds `health:<childId>:<needId>`. Each part is URI-encoded, so ids containing `:` cannot make two needs
 * share a key; plain ids read as they are (`health:child-riley:nut-allergy`).
 */
export const healthNeedKey = (childId: string, needId: string): string =>
  `health:${encodeURIComponent(childId)}:${encodeURIComponent(needId)}`;

export interface ChildHealthNeed {
  readonly childId: string;
  readonly needId: string;
  readonly kind: HealthNeedKind;
  readonly description: Personal<string>;
  readonly recordedOn: LocalDate;
  /** The entry a safe-care plan must list to cover this need. */
  readonly key: string;
}

/**
 * The allergies and medical needs a household caring for this child must cover: the current ones, or those
 * recorded by `on` and not resolved by then (for replay as of a date). Sorted by need id.
 */
export const childHealthNeedsFor = (state: ChildState, on?: LocalDate): ReadonlyArray<ChildHealthNeed> => {
  const childId = state.childId ?? '';
  const needs: ReadonlyArray<HealthNeed> =
    on === undefined
      ? Object.values(state.healthNeeds)
      : [
          ...Object.values(state.healthNeeds).filter((n) => n.recordedOn <= on),
          ...Object.values(state.resolvedHealthNeeds).filter((n) => n.recordedOn <= on && n.resolvedOn > on),
        ];
  return needs
    .map(({ needId, kind, description, recordedOn }) => ({
      childId,
      needId,
      kind,
      description,
      recordedOn,
      key: healthNeedKey(childId, needId),
    }))
    .sort((a, b) => (a.needId < b.needId ? -1 : a.needId > b.needId ? 1 : 0));
};

/** The child's health needs that a safe-care plan's `covers` list leaves out. */
export const healthNeedsNotCovered = (
  state: ChildState,
  covers: ReadonlyArray<string>,
  on?: LocalDate,
): ReadonlyArray<ChildHealthNeed> => {
  const covered = new Set(covers);
  return childHealthNeedsFor(state, on).filter((need) => !covered.has(need.key));
};
