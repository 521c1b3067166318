import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { addDays, type LocalDate } from '../../calendar/index.js';
import { complianceContext } from '../../compliance/context.js';
import type { Deadline } from '../../compliance/index.js';
import type { Rule } from '../../rules/index.js';
import { childCompliance } from '../compliance/child-compliance.js';
import { childDecider } from '../decider.js';
import type { ChildrenError } from '../decisions/guards.js';
import type { ChildEvent } from '../events/index.js';
import * as ev from '../events/index.js';
import type { ChildState, PlacementRecord } from '../state.js';
import { childHistory, type GeneratedChildHistory } from './child-history.arbitrary.js';

/** Replays generated child histories for the property tests, with oracles that do not share the code's dates. */

export const runs = Number(process.env.FOSTERING_PROPERTY_RUNS) || 100;

export interface Outcome {
  readonly label: string;
  readonly before: ChildState;
  readonly decision: E.Either<ChildrenError, ReadonlyArray<ChildEvent>>;
  readonly after: ChildState;
}
export interface Replay {
  readonly outcomes: ReadonlyArray<Outcome>;
  readonly events: ReadonlyArray<ChildEvent>;
  readonly state: ChildState;
  readonly lastDate: LocalDate;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

/**
 * Commands go through the decider as a command handler would; placement entries are appended as the placement
 * process would, only when they fit (registered, and not placed already / placed now).
 */
export const replay = ({ start, entries }: GeneratedChildHistory): Replay => {
  let events: ReadonlyArray<ChildEvent> = [];
  let state = childDecider.initialState;
  let lastDate = start;
  let placements = 0;
  const outcomes: Outcome[] = [];
  const append = (label: string, decision: Outcome['decision']) => {
    const before = state;
    if (E.isRight(decision)) {
      events = [...events, ...decision.right];
      state = decision.right.reduce(childDecider.evolve, state);
    }
    outcomes.push({ label, before, decision, after: state });
  };
  for (const entry of entries) {
    if (entry.kind === 'command') {
      append(entry.command.kind, childDecider.decide(entry.command, deepFreeze(state)));
      continue;
    }
    lastDate = entry.on;
    if (entry.kind === 'placed') {
      placements += 1;
      if (state.registeredOn === undefined || state.currentPlacement !== undefined) continue;
      const placementType = entry.longTerm ? 'long-term' : 'short-term';
      const placed = {
        placementId: `p${placements}`,
        householdId: 'h1',
        startedOn: entry.on,
        placementType,
      } as const;
      append('placed', E.right([ev.ChildPlaced.create({ ...placed, longTerm: entry.longTerm })]));
    } else if (state.currentPlacement !== undefined) {
      const { placementId } = state.currentPlacement;
      append('ended', E.right([ev.ChildPlacementEnded.create({ placementId, endedOn: entry.on })]));
    }
  }
  return { outcomes, events, state, lastDate };
};

const explain = ({ outcomes }: Replay): string =>
  outcomes
    .map(({ label, decision }, i) => {
      const said = E.isRight(decision)
        ? `accepted: ${decision.right.map((e) => e.type).join(', ') || 'no events'}`
        : `refused (${decision.left._tag}): ${decision.left.message}`;
      return `  ${i + 1}. ${label} ${said}`;
    })
    .join('\n');

export const everyHistory = (check: (replayed: Replay) => void) =>
  fc.assert(
    fc.property(childHistory, (history) => {
      const replayed = replay(history);
      try {
        check(replayed);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\nwhat happened:\n${explain(replayed)}`, { cause: error });
      }
    }),
    { numRuns: runs },
  );

export const eventsOf = <T extends ChildEvent['type']>(events: ReadonlyArray<ChildEvent>, type: T) =>
  events.filter((e): e is Extract<ChildEvent, { type: T }> => e.type === type);

/** Oracle: the same day n months later, the end of the month when that day does not exist. */
export const monthsAfter = (date: LocalDate, n: number): LocalDate => {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const pad = (v: number, width: number) => String(v).padStart(width, '0');
  return `${pad(target.getUTCFullYear(), 4)}-${pad(target.getUTCMonth() + 1, 2)}-${pad(Math.min(day, lastDay), 2)}` as LocalDate;
};

/**
 * The child's deadlines on the last day of each placement (a month after the history for the current one). A
 * placement ended the day it started was never current on any day, so it has none.
 */
export const deadlinesPerPlacement = ({ state, lastDate }: Replay) =>
  state.placements
    .filter((placement) => placement.endedOn === undefined || placement.endedOn > placement.startedOn)
    .map((placement: PlacementRecord) => {
      const asOf = placement.endedOn === undefined ? addDays(lastDate, 30) : addDays(placement.endedOn, -1);
      const compliance = childCompliance(state, complianceContext(asOf));
      return { placement, asOf, deadlines: compliance.deadlines, placed: compliance.placement !== undefined };
    });

export const ofRule = (deadlines: ReadonlyArray<Deadline>, rule: Rule) =>
  deadlines.filter((d) => d.rule.id === rule.id);

/** Each deadline after the first is counted from the one before's meeting; only the last may be open. */
export const expectChained = (deadlines: ReadonlyArray<Deadline>) => {
  deadlines.forEach((deadline, i) => {
    if (i < deadlines.length - 1)
      expect(deadline.metOn, `deadline ${i + 1} of ${deadlines.length} met`).toBeDefined();
  });
};
