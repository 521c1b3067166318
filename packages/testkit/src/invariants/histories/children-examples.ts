import {
  type AgencyEvent,
  agencyRecords,
  type EventEnvelope,
  inMemoryEventStore,
  type LocalDate,
  project,
  type SupportPackage,
} from '@fostering/core';
import { agencyHandle } from '../agency-handle.js';
import { approvalJourney, child, registration, start } from '../journeys.js';
import { plusDays } from '../oracles/children-dates.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { bindRefs, ref, type ScriptStep, script } from '../script.js';

/**
 * Hand-written histories for the children and clinics tests: an approved household `h1` (application
 * 2024-09-02, agreement 2025-02-06) and a child `c1` registered on 2025-04-01 and placed as `p1` on
 * 2025-04-17, the Thursday before Easter 2025 (Good Friday and Easter Monday are bank holidays).
 */

export const d = (date: string) => date as LocalDate;
export const placedOn = d('2025-04-17');

export const placedChild = (
  options: { supportPackage?: SupportPackage; longTerm?: boolean } = {},
): ScriptStep[] => [
  ...approvalJourney('h1', { from: d('2024-09-02') }),
  ...registration('c1', { on: d('2025-04-01'), dateOfBirth: d('2015-03-01') }),
  start('p1', {
    child: 'c1',
    household: 'h1',
    on: placedOn,
    placementType: options.longTerm === false ? 'short-term' : 'long-term',
    supportPackage: options.supportPackage ?? 'enhanced',
  }),
];

export const visit = (on: string) =>
  child('c1', d(on), { kind: 'RecordSocialWorkerVisit', visitedOn: d(on) });
export const review = (on: string) => child('c1', d(on), { kind: 'HoldLookedAfterReview', heldOn: d(on) });
export const placementPlan = (on: string, signed: boolean, agreedOn = on) =>
  child('c1', d(on), {
    kind: 'RecordPlacementPlan',
    placementId: ref('p1'),
    agreedOn: d(agreedOn),
    signedByCarer: signed,
  });

/** Visits every `days` days from `from` (included) while before `until`. */
export const visitsEvery = (days: number, from: string, until: string): ScriptStep[] => {
  const out: ScriptStep[] = [];
  for (let on = d(from); on < until; on = plusDays(on, days)) out.push(visit(on));
  return out;
};

let examples = 0;

/**
 * Runs a hand-written history on a fresh store through the reference handle. Its references are bound here,
 * with a prefix of the test's own, so that a test can write an id inside a string (a safe-care plan entry)
 * and can name the run's ids (`run.id('c1')`).
 */
export const runExample = async (
  steps: ReadonlyArray<ScriptStep> | ((id: (name: string) => string) => ReadonlyArray<ScriptStep>),
  asOf: string,
): Promise<ScriptRun> => {
  const prefix = `x${(examples++).toString(36)}-`;
  const id = (name: string) => `${prefix}${name}`;
  const bound = [...(typeof steps === 'function' ? steps(id) : steps)]
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
    .map((s) => bindRefs(s, prefix));
  const store = inMemoryEventStore();
  const run = await runScript(agencyHandle({ store }), store, script(bound, d(asOf)));
  return { ...run, id };
};

/** The run as a broken projection would see it: records folded without the events `drop` names. */
export const withoutEvents = (
  run: ScriptRun,
  drop: (e: EventEnvelope<AgencyEvent>) => boolean,
): ScriptRun => ({
  ...run,
  records: project(agencyRecords)(run.events.filter((e) => !drop(e))),
});
