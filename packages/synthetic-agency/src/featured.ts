import { childStreamId, clinicStreamId, placementStreamId } from '@fostering/core';
import { addMonthsTo, dateOf } from './days.js';
import type { Placement, Sim } from './world.js';

/**
 * The placement to show in a review pack: one on a supported package that began before the period and is
 * still open on the last day (or the longest there is), with the most going on in its last six months (the period a review usually covers): respite, warnings and stability
 * meetings, visits and reviews, plan reviews, clinics, and a deadline missed if one was planted there. The
 * choice is a pure function of the records, so it is as deterministic as they are.
 */
export const chooseFeatured = (sim: Sim): { placementId: string; householdId: string; childId: string } => {
  const { asOfDay } = sim.shape;
  const since = dateOf(addMonthsTo(asOfDay, -6));
  const recent = (date: string) => date >= since;
  const placements = [...sim.world.placements.values()];
  const open = (p: Placement) => p.endedOn === undefined || p.endedOn > asOfDay;
  const score = (p: Placement): number => {
    const placement = sim.ledger.placements.state(placementStreamId(p.id));
    const child = sim.ledger.children.state(childStreamId(p.childId));
    const clinics = [...sim.world.series.values()]
      .filter((s) => s.householdId === p.householdId)
      .flatMap((s) => Object.values(sim.ledger.clinics.state(clinicStreamId(s.id)).sessions))
      .filter((s) => s.held !== undefined && recent(s.held.heldOn)).length;
    const planted = sim.world.planted.filter((f) => f.childId === p.childId).length;
    return (
      Math.min(3, (asOfDay - p.startedOn) / 365) * 2 +
      placement.respite.filter((r) => recent(r.startsOn)).length * 4 +
      (placement.stabilityMeetings.filter(recent).length +
        placement.disruptionWarnings.filter((w) => recent(w.recordedOn)).length) *
        5 +
      child.visits.filter((v) => recent(v.visitedOn)).length +
      child.lookedAfterReviews.filter(recent).length * 2 +
      child.carePlanReviews.filter((r) => recent(r.reviewedOn)).length +
      clinics / 2 +
      planted * 6
    );
  };
  const ranked = (candidates: Placement[]) =>
    candidates
      .map((p) => ({ p, score: score(p) }))
      .sort((a, b) => b.score - a.score || (a.p.id < b.p.id ? -1 : 1))[0]?.p;
  const supported = (p: Placement) =>
    open(p) && p.supportPackage !== 'standard' && p.type !== 'staying-put' && p.type !== 'short-breaks';
  const best =
    ranked(placements.filter((p) => supported(p) && p.startedOn < sim.shape.fromDay)) ??
    ranked(placements.filter((p) => supported(p) && asOfDay - p.startedOn >= 365)) ??
    ranked(placements.filter(open)) ??
    ranked(placements);
  if (best === undefined) {
    throw new Error('the simulated agency made no placement: give it more households or children');
  }
  return { placementId: best.id, householdId: best.householdId, childId: best.childId };
};
