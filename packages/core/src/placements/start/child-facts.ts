import type { LocalDate } from '../../calendar/index.js';
import type { Personal } from '../../eventsourcing/index.js';

/** What the placement process needs to know about a child, read from the child stream. */
export interface ChildFacts {
  readonly childId: string;
  readonly registered: boolean;
  readonly dateOfBirth?: Personal<LocalDate>;
  /** Every placement the child has had, ended or not. */
  readonly placements: ReadonlyArray<{
    readonly placementId: string;
    readonly householdId: string;
    readonly startedOn: LocalDate;
    readonly endedOn?: LocalDate;
  }>;
  /** Siblings as recorded on this child's stream (relationships, never free text). */
  readonly siblingIds: ReadonlyArray<string>;
}

export const placementOn = (child: ChildFacts, on: LocalDate) =>
  child.placements.find((p) => p.startedOn <= on && (p.endedOn === undefined || on < p.endedOn));

/**
 * A placement that a new, open-ended placement from `on` would overlap: one still open on that date, or one
 * that starts later (a backdated start must not slip in before a placement already recorded).
 */
export const placementOverlapping = (child: ChildFacts, on: LocalDate) =>
  child.placements.find((p) => p.endedOn === undefined || on < p.endedOn);
