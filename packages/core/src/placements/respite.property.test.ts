import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, type LocalDate } from '../calendar/index.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { type Rule, rules, statutoryNumbers } from '../rules/index.js';
import { d } from './__fixtures__/agency.js';
import { type PlacementLife, placementLife } from './__fixtures__/placement-life.arbitrary.js';
import { PlacementCommand } from './commands.js';
import { placementDecider, placementYearOf } from './decider.js';
import { PlacementEnded, type PlacementEvent, PlacementStarted } from './events.js';
import type { PlacementState } from './state.js';

const runs = Number(process.env.FOSTERING_PROPERTY_RUNS) || 100;
const timeout = 10_000 + runs * 10;
const named = (rule: Rule, claim: string) => `${rule.id} (${rule.citation}): ${claim}`;

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

interface Outcome {
  readonly command: PlacementCommand;
  readonly before: PlacementState;
  readonly decision: ReturnType<ReturnType<typeof placementDecider>['decide']>;
}

/** Runs the commands through `placementDecider()` as a handler would: accepted events appended, refusals not. */
const replay = (life: PlacementLife) => {
  const { decide, evolve, initialState } = placementDecider();
  const history: PlacementEvent[] = [
    PlacementStarted.create({
      placementId: 'p1',
      childId: 'c1',
      householdId: 'h1',
      startedOn: life.startedOn,
      placementType: life.placementType,
      supportPackage: life.supportPackage,
      legalBasis: 'section-20',
      placingAuthority: 'Shropshire',
      carerNames: ['Alex'],
      carersAddress: '1 High Street',
      childAddressBefore: '2 Low Road',
      bedroom: { shared: false },
      longTerm: false,
    }),
    ...(life.endedOn === undefined
      ? []
      : [
          PlacementEnded.create({
            endedOn: life.endedOn,
            planned: true,
            reason: 'plan',
            childAddressAfter: 'x',
          }),
        ]),
  ];
  let state = history.reduce(evolve, initialState);
  const outcomes: Outcome[] = [];
  for (const command of life.commands) {
    const before = state;
    const decision = decide(command, deepFreeze(state));
    if (E.isRight(decision)) {
      history.push(...decision.right);
      state = decision.right.reduce(evolve, state);
    }
    outcomes.push({ command, before, decision });
  }
  return { outcomes, history, state };
};

const explain = (outcomes: ReadonlyArray<Outcome>) =>
  outcomes
    .map(({ command, decision }, i) => {
      const said = E.isRight(decision)
        ? 'accepted'
        : `refused (${decision.left.rule?.id ?? decision.left._tag})`;
      return `  ${i + 1}. ${command.kind} ${'startsOn' in command ? command.startsOn : ''} ${said}`;
    })
    .join('\n');

const everyLife = (
  check: (replayed: ReturnType<typeof replay>, life: PlacementLife) => void,
  examples: ReadonlyArray<PlacementLife> = [],
) =>
  fc.assert(
    fc.property(placementLife, (life) => {
      const replayed = replay(life);
      try {
        check(replayed, life);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\nthe decider's answers:\n${explain(replayed.outcomes)}`, {
          cause: error,
        });
      }
    }),
    { numRuns: runs, examples: examples.map((life) => [life]) },
  );

const respite = (startsOn: string, length: number): PlacementCommand => ({
  kind: 'RecordRespite',
  startsOn: d(startsOn),
  days: length,
});

/**
 * Counterexamples fast-check shrank to (the second minimised by hand). Both exposed one bug in decider.ts, since
 * fixed: RecordRespite checked only the placement year in which a break starts, so the days of a break running
 * into the next placement year were never counted against that year's entitlement. Kept as regression cases.
 */
const overEntitlement = {
  /** Intensive (21 days). Years from 2027-03-01; both breaks start on the last day of the second year, so the
   * third year gets 7 + 15 = 22 unauthorised days. */
  overlappingBreaksIntoTheNextYear: {
    startedOn: d('2027-03-01'),
    placementType: 'short-breaks',
    supportPackage: 'intensive',
    commands: [respite('2029-02-28', 8), respite('2029-02-28', 16)],
  },
  /** Enhanced (14 days). The second year's 14 days are recorded, then a break from the end of the first year
   * that runs 4 days into the second: 18 unauthorised days in the year from 2026-03-03. */
  lateRecordedBreakIntoAFullYear: {
    startedOn: d('2025-03-03'),
    placementType: 'long-term',
    supportPackage: 'enhanced',
    commands: [respite('2026-03-03', 14), respite('2026-02-25', 10)],
  },
} satisfies Record<string, PlacementLife>;

// Independent day arithmetic: day numbers since 1970, and the same date 12 months on (29 February to the 28th).
const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];
const dayNumber = (date: string) => {
  const [y, m, day] = ymd(date);
  return Date.UTC(y, m - 1, day) / 86_400_000;
};
const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
const twelveMonthsOn = (n: number) => {
  const [y, m, day] = ymd(dateOf(n));
  const lastDay = new Date(Date.UTC(y + 1, m, 0)).getUTCDate();
  return Date.UTC(y + 1, m - 1, Math.min(day, lastDay)) / 86_400_000;
};

describe('respite and short breaks over generated placement commands (placementDecider)', { timeout }, () => {
  it('generates only commands the PlacementCommand codec accepts', () => {
    fc.assert(
      fc.property(placementLife, ({ commands }) =>
        commands.every((c) => E.isRight(PlacementCommand.decode(c))),
      ),
      { numRuns: runs },
    );
  });

  it('a refusal appends nothing and leaves the state; a rule violation cites a catalogued rule', () => {
    const catalogue = new Map<string, string>(Object.values(rules).map((r) => [r.id, r.citation]));
    everyLife(({ outcomes }) => {
      for (const [i, { decision, before }] of outcomes.entries()) {
        const next = outcomes[i + 1];
        if (E.isRight(decision)) continue;
        if (next !== undefined) expect(next.before, `state after refused command ${i + 1}`).toBe(before);
        if (decision.left._tag !== 'RuleViolation') continue;
        expect(catalogue.get(decision.left.rule.id), decision.left.rule.id).toBe(decision.left.rule.citation);
      }
    });
  });

  it(named(rules.respite, 'past the entitlement in a placement year only with an authorisation'), () => {
    everyLife(({ history }, life) => {
      const entitlement = defaultAgencyPolicy.placements.respiteDaysPerYear[life.supportPackage];
      const totals = new Map<string, number>();
      for (const event of history) {
        if (event.type !== 'RespiteTaken') continue;
        const { startsOn, days: length, authorisation: authorised } = event.data;
        const first = dayNumber(startsOn);
        // The days of this break in each placement year it touches (years from placementYearOf).
        const added = new Map<string, number>();
        for (let n = first; n < first + length; n++) {
          const year = placementYearOf(life.startedOn, dateOf(n) as LocalDate).from;
          added.set(year, (added.get(year) ?? 0) + 1);
        }
        for (const [year, n] of added) {
          const total = (totals.get(year) ?? 0) + n;
          totals.set(year, total);
          if (total > entitlement) {
            expect(
              authorised,
              `${length} days from ${startsOn}: ${total} of ${entitlement} in the year from ${year}`,
            ).toBeDefined();
          }
        }
      }
    }, Object.values(overEntitlement));
  });

  it(named(rules.shortBreaks, 'at most 75 days of short breaks in every rolling 12 months'), () => {
    everyLife(({ state }) => {
      const stays = state.shortBreakStays;
      if (stays.length === 0) return;
      // Day by day: how many stay-days fall on each day (prefix sums), then every window [day, same date
      // 12 months on) from a year before the first stay to the last.
      const first = Math.min(...stays.map((s) => dayNumber(s.startsOn))) - 366;
      const last = Math.max(...stays.map((s) => dayNumber(s.startsOn) + s.days));
      const perDay = new Array<number>(last - first + 400).fill(0);
      for (const s of stays) {
        const at = dayNumber(s.startsOn) - first;
        for (let n = at; n < at + s.days; n++) perDay[n] = (perDay[n] ?? 0) + 1;
      }
      const upTo = [0];
      for (const [i, n] of perDay.entries()) upTo.push((upTo[i] ?? 0) + n);
      for (let from = first; from <= last; from++) {
        const total = (upTo[twelveMonthsOn(from) - first] ?? 0) - (upTo[from - first] ?? 0);
        expect(total, `short-break days from ${dateOf(from)}`).toBeLessThanOrEqual(
          statutoryNumbers.shortBreakDaysInTwelveMonths,
        );
      }
    });
  });

  it('the generator reaches the interesting states, so the properties above are not vacuous', () => {
    const counts = new Map<string, number>();
    const count = (key: string, reached = true) =>
      counts.set(key, (counts.get(key) ?? 0) + (reached ? 1 : 0));
    for (const life of fc.sample(placementLife, { numRuns: 300, seed: 20260611 })) {
      const { outcomes, state } = replay(life);
      for (const { command, decision } of outcomes) {
        const refusedBy = E.isLeft(decision) ? (decision.left.rule?.id ?? decision.left._tag) : undefined;
        count(`${command.kind} ${refusedBy === undefined ? 'accepted' : `refused (${refusedBy})`}`);
        if (command.kind !== 'RecordRespite' || E.isLeft(decision)) continue;
        const year = placementYearOf(life.startedOn, command.startsOn);
        count('respite into the next placement year', addDays(command.startsOn, command.days) > year.to);
        if (command.authorisation === undefined) continue;
        const entitlement = defaultAgencyPolicy.placements.respiteDaysPerYear[life.supportPackage];
        const used = state.respite.filter(
          (r) => placementYearOf(life.startedOn, r.startsOn).from === year.from,
        );
        count('authorised past the entitlement', used.reduce((n, r) => n + r.days, 0) > entitlement);
      }
      const stays = state.shortBreakStays;
      count('short-break stays over 60 days in all', stays.reduce((n, s) => n + s.days, 0) > 60);
      count('short breaks from 29 February', life.startedOn === '2028-02-29' && stays.length > 0);
      count('placement ended', life.endedOn !== undefined);
    }
    if (process.env.FOSTERING_SHOW_COUNTS) console.log(Object.fromEntries(counts));
    for (const key of [
      'RecordRespite accepted',
      'RecordRespite refused (respite)',
      'RecordRespite refused (InvalidCommand)',
      'RecordRespite refused (NotAllowedNow)',
      'RecordShortBreakStay accepted',
      'RecordShortBreakStay refused (short-breaks)',
      'RecordShortBreakStay refused (NotAllowedNow)',
      'respite into the next placement year',
      'authorised past the entitlement',
      'short-break stays over 60 days in all',
      'short breaks from 29 February',
    ]) {
      expect(counts.get(key) ?? 0, `${key} in 300 lives`).toBeGreaterThanOrEqual(10);
    }
  });
});
