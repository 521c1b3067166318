import * as E from 'fp-ts/lib/Either.js';
import type { ChildCommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { ChildState } from '../state.js';
import {
  accept,
  type Decision,
  firstRefusal,
  notBeforeRegistration,
  requireRegistered,
  requireThat,
} from './guards.js';

export const recordSocialWorkerVisit = (
  command: ChildCommandOf<'RecordSocialWorkerVisit'>,
  state: ChildState,
): Decision =>
  E.flatMap(
    firstRefusal(requireRegistered(state), notBeforeRegistration(state, command.visitedOn, 'visitedOn')),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SocialWorkerVisitRecorded.create(data));
    },
  );

export const holdLookedAfterReview = (
  command: ChildCommandOf<'HoldLookedAfterReview'>,
  state: ChildState,
): Decision =>
  E.flatMap(
    firstRefusal(requireRegistered(state), notBeforeRegistration(state, command.heldOn, 'heldOn')),
    // One review a day: recording it again (a retried command) adds nothing.
    () =>
      state.lookedAfterReviews.includes(command.heldOn)
        ? accept()
        : accept(ev.LookedAfterReviewHeld.create({ heldOn: command.heldOn })),
  );

/**
 * The plan is for a placement the child stream already knows: a plan agreed before the start is recorded once
 * the placement process has appended `ChildPlaced`, with its real `agreedOn`.
 */
export const recordPlacementPlan = (
  command: ChildCommandOf<'RecordPlacementPlan'>,
  state: ChildState,
): Decision => {
  const placement = state.placements.find((p) => p.placementId === command.placementId);
  return E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(placement !== undefined, 'placementId', "must be one of this child's placements"),
      requireThat(
        placement?.endedOn === undefined || command.agreedOn <= placement.endedOn,
        'agreedOn',
        `must not be after the placement ended (${placement?.endedOn})`,
      ),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.PlacementPlanRecorded.create(data));
    },
  );
};
