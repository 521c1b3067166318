import type { AgencyPolicy, SupportPackage } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { dateOf, dayNumber, plusMonths, statutory } from './placements-dates.js';
import type { Break, PlacementFacts } from './placements-facts.js';
import { breaksBefore, namer, raced, refusalsNaming } from './placements-steps.js';

type RespiteCommand = {
  readonly kind: 'RecordRespite';
  readonly startsOn: string;
  readonly days: number;
  readonly authorisation?: unknown;
};

/** The placement year a day falls in: years run from the start date, year k from k years after it. */
const yearOf = (startedOn: string, day: number): string => {
  let k = Math.floor((day - dayNumber(startedOn)) / 366);
  while (dayNumber(plusMonths(startedOn, 12 * (k + 1))) <= day) k++;
  while (dayNumber(plusMonths(startedOn, 12 * k)) > day) k--;
  return plusMonths(startedOn, 12 * k);
};

/** Days of each placement year a break falls in. */
const daysByYear = (startedOn: string, b: { readonly startsOn: string; readonly days: number }) => {
  const out = new Map<string, number>();
  const first = dayNumber(b.startsOn);
  for (let n = first; n < first + b.days; n++) {
    const year = yearOf(startedOn, n);
    out.set(year, (out.get(year) ?? 0) + 1);
  }
  return out;
};

/** The first placement year a new break would take past the entitlement, counting every break before it. */
const pastEntitlement = (
  startedOn: string,
  entitlement: number,
  before: ReadonlyArray<Break>,
  next: { startsOn: string; days: number },
) => {
  const used = new Map<string, number>();
  for (const b of before) for (const [y, n] of daysByYear(startedOn, b)) used.set(y, (used.get(y) ?? 0) + n);
  for (const [y, n] of daysByYear(startedOn, next)) {
    const total = (used.get(y) ?? 0) + n;
    if (total > entitlement) return { year: y, total };
  }
  return undefined;
};

/**
 * Rule `respite` (agency policy): within each placement year (from the start date) respite days total at most
 * the support package's entitlement (`policy.placements.respiteDaysPerYear`); a break that takes the year past
 * it, counting every break recorded before it (authorised or not), carries an authorisation.
 */
export const respiteBreaches = (run: ScriptRun, facts: PlacementFacts, policy: AgencyPolicy): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  const entitlementOf = (placementId: string) => {
    const stay = facts.stays.find((s) => s.placementId === placementId);
    return stay === undefined
      ? undefined
      : { stay, days: policy.placements.respiteDaysPerYear[stay.data.supportPackage as SupportPackage] };
  };
  facts.respite.forEach((b, i) => {
    const e = entitlementOf(b.placementId);
    if (e === undefined || b.authorised) return;
    const earlier = facts.respite.slice(0, i).filter((x) => x.placementId === b.placementId);
    const over = pastEntitlement(e.stay.startedOn, e.days, earlier, b);
    if (over !== undefined)
      breaches.push(
        `${name(b.placementId)} (${e.stay.data.supportPackage}, ${e.days} days a year): unauthorised respite of ${b.days} days from ${b.startsOn} makes ${over.total} days in the placement year from ${over.year}`,
      );
  });
  for (const { i, outcome } of refusalsNaming(run, 'respite')) {
    const c = outcome.step.request.command as unknown as RespiteCommand;
    const e = entitlementOf(outcome.step.request.id);
    const why = `step ${i + 1} (respite of ${c.days} days from ${c.startsOn} on ${name(outcome.step.request.id)}) was refused naming rule respite`;
    if (c.authorisation !== undefined) breaches.push(`${why}, yet it was authorised`);
    else if (e !== undefined && !raced(run, i)) {
      const before = breaksBefore(run, facts.respite, i, 'RecordRespite').filter(
        (b) => b.placementId === e.stay.placementId,
      );
      if (pastEntitlement(e.stay.startedOn, e.days, before, c) === undefined)
        breaches.push(`${why}, yet it fits the entitlement of ${e.days} days`);
    }
  }
  return breaches;
};

/** The busiest 12 months of short breaks among the breaks given: the window [from, same day 12 months on). */
export const busiestTwelveMonths = (breaks: ReadonlyArray<{ startsOn: string; days: number }>) => {
  if (breaks.length === 0) return { from: '', total: 0 };
  const first = Math.min(...breaks.map((b) => dayNumber(b.startsOn))) - 366;
  const last = Math.max(...breaks.map((b) => dayNumber(b.startsOn) + b.days));
  const perDay = new Array<number>(last - first + 400).fill(0);
  for (const b of breaks)
    for (let n = dayNumber(b.startsOn); n < dayNumber(b.startsOn) + b.days; n++)
      perDay[n - first] = (perDay[n - first] ?? 0) + 1;
  const upTo = [0];
  for (const [i, n] of perDay.entries()) upTo.push((upTo[i] ?? 0) + n);
  let best = { from: '', total: 0 };
  for (let from = first; from <= last; from++) {
    const to = Math.min(dayNumber(plusMonths(dateOf(from), 12)), last + 1);
    const total = (upTo[to - first] ?? 0) - (upTo[from - first] ?? 0);
    if (total > best.total) best = { from: dateOf(from), total };
  }
  return best;
};

/**
 * Rule `short-breaks` (CPPR 48): short-break care for a child totals at most 75 days in any 12 months, whatever
 * placement (or household) each stay was recorded on.
 */
export const shortBreakBreaches = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  const childOf = (placementId: string) => facts.stays.find((s) => s.placementId === placementId)?.childId;
  const byChild = (breaks: ReadonlyArray<Break>, childId: string) =>
    breaks.filter((b) => childOf(b.placementId) === childId);
  const breaches: string[] = [];
  for (const childId of new Set(facts.shortBreaks.map((b) => childOf(b.placementId)))) {
    if (childId === undefined) continue;
    const { from, total } = busiestTwelveMonths(byChild(facts.shortBreaks, childId));
    if (total > statutory.shortBreakDays)
      breaches.push(
        `${name(childId)} has ${total} days of short breaks in the 12 months from ${from} (at most ${statutory.shortBreakDays})`,
      );
  }
  for (const { i, outcome } of refusalsNaming(run, 'short-breaks')) {
    const c = outcome.step.request.command as unknown as { startsOn: string; days: number };
    const childId = childOf(outcome.step.request.id);
    if (childId === undefined || raced(run, i)) continue;
    const before = byChild(breaksBefore(run, facts.shortBreaks, i, 'RecordShortBreakStay'), childId);
    const { total } = busiestTwelveMonths([...before, c]);
    if (total <= statutory.shortBreakDays)
      breaches.push(
        `step ${i + 1} (a short break of ${c.days} days from ${c.startsOn} for ${name(childId)}) was refused naming rule short-breaks, yet it makes at most ${total} days in any 12 months`,
      );
  }
  return breaches;
};
