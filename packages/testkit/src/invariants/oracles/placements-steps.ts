import * as E from 'fp-ts/lib/Either.js';
import type { AgencyRequest, Refusal } from '../agency-handle.js';
import type { ScriptRun, StepOutcome } from '../run-script.js';
import type { Break, PlacementFacts } from './placements-facts.js';

/**
 * Reading a run's steps for the placements oracles: which refusals named a rule, what was on record when a step
 * was decided, and how to name records in a breach sentence.
 */

export type PlacementRequest = Extract<AgencyRequest, { area: 'placements' }>;
export type Start = Extract<PlacementRequest['command'], { kind: 'StartPlacement' }>;

/** A record's name in the script (`c1`), not the id it was bound to in this run. */
export const namer = (run: ScriptRun) => {
  const prefix = run.id('');
  return (id: string): string => (id.startsWith(prefix) ? id.slice(prefix.length) : id);
};

/** Whether a step was sent at the same moment as another (before or after it). */
export const raced = (run: ScriptRun, i: number): boolean =>
  run.script.steps[i]?.concurrent === true || run.script.steps[i + 1]?.concurrent === true;

export const refusalOf = (outcome: StepOutcome): Refusal | undefined =>
  E.isLeft(outcome.answer) ? outcome.answer.left : undefined;

/** Refusals that name rule `ruleId`, with their step index. */
export const refusalsNaming = (run: ScriptRun, ruleId: string) =>
  run.outcomes.flatMap((outcome, i) => {
    const refusal = refusalOf(outcome);
    return refusal?.rule?.id === ruleId ? [{ i, outcome, refusal }] : [];
  });

/** The accepted starts of the run with their commands, by placement id. */
export const acceptedStarts = (run: ScriptRun): ReadonlyMap<string, Start> =>
  new Map(
    run.outcomes.flatMap(({ step, answer }) =>
      E.isRight(answer) &&
      step.request.area === 'placements' &&
      step.request.command.kind === 'StartPlacement'
        ? [[step.request.id, step.request.command] as const]
        : [],
    ),
  );

const commandKind = (outcome: StepOutcome) => outcome.step.request.command.kind;

/** The k-th accepted step of `kind` on placement `id` among the first `upTo` steps: how many there were. */
const acceptedBefore = (run: ScriptRun, upTo: number, id: string, kind: string) =>
  run.outcomes
    .slice(0, upTo)
    .filter((o) => E.isRight(o.answer) && o.step.request.id === id && commandKind(o) === kind).length;

/**
 * The index in `run.events` before which every stored event was on record when step `i` was decided, when it
 * can be told from the placements' own events: the first event of the next accepted placement step. Undefined
 * when step `i` raced another, or an accepted step of another area (whose events cannot be told apart) came in
 * between.
 */
export const boundaryOf = (run: ScriptRun, facts: PlacementFacts, i: number): number | undefined => {
  if (raced(run, i)) return undefined;
  for (let j = i + 1; j < run.outcomes.length; j++) {
    const outcome = run.outcomes[j] as StepOutcome;
    if (E.isLeft(outcome.answer)) continue;
    const { request } = outcome.step;
    if (request.area !== 'placements') return undefined;
    const stay = facts.stays.find((s) => s.placementId === request.id);
    switch (request.command.kind) {
      case 'StartPlacement':
        return stay?.at;
      case 'EndPlacement':
        return stay?.endedAt;
      case 'RecordRespite':
      case 'RecordShortBreakStay': {
        const list = request.command.kind === 'RecordRespite' ? facts.respite : facts.shortBreaks;
        const n = acceptedBefore(run, j, request.id, request.command.kind);
        return list.filter((b) => b.placementId === request.id)[n]?.at;
      }
      default:
        return undefined;
    }
  }
  return run.events.length;
};

/** The breaks of `kind` on record when step `i` was decided: each placement's first n, n its accepted steps. */
export const breaksBefore = (
  run: ScriptRun,
  list: ReadonlyArray<Break>,
  i: number,
  kind: 'RecordRespite' | 'RecordShortBreakStay',
): Break[] => {
  const ids = [...new Set(list.map((b) => b.placementId))];
  return ids.flatMap((id) =>
    list.filter((b) => b.placementId === id).slice(0, acceptedBefore(run, i, id, kind)),
  );
};
