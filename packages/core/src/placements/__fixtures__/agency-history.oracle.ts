import { isDeepStrictEqual } from 'node:util';
import { collect } from '@fostering/testkit';
import * as E from 'fp-ts/lib/Either.js';
import { englandAndWalesBankHolidays, type LocalDate } from '../../calendar/index.js';
import type { RecordedEvent, RuleRef } from '../../eventsourcing/index.js';
import type { PlacementProcessError } from '../process.js';
import { actor, agency } from './agency.js';
import {
  type AgencyCommand,
  type AgencyHistory,
  endCommandOf,
  type GeneratedStart,
  seedAgency,
  startCommandOf,
} from './agency-history.arbitrary.js';

/**
 * Runs a generated agency history through the placement process on the real in-memory store, and the
 * oracles the property tests judge the outcome with (written from domain.md, not from the code under test).
 */

/** A placement as the placement streams record it at the end of a history. */
export interface Stay {
  readonly placementId: string;
  readonly childId: string;
  readonly householdId: string;
  readonly startedOn: LocalDate;
  readonly placementType: string;
  readonly endedOn?: LocalDate;
  readonly outsideTermsUntil?: LocalDate;
  readonly exemptionId?: string;
}

/** The process's answer; an exception it threw is kept as a `Thrown` refusal, so other checks can go on. */
export type Answer = E.Either<
  PlacementProcessError | { readonly _tag: 'Thrown'; readonly message: string },
  unknown
>;

/** The rule a refusal names, if any (store errors name none). */
export const ruleOf = (error: { readonly _tag: string }): RuleRef | undefined =>
  'rule' in error ? (error.rule as RuleRef | undefined) : undefined;

export interface Outcome {
  readonly command: AgencyCommand;
  readonly result: Answer;
  /** For a refusal: whether the store holds exactly what it held before the command. */
  readonly storeUnchanged: boolean;
}

export interface Run {
  readonly history: AgencyHistory;
  readonly outcomes: ReadonlyArray<Outcome>;
  readonly events: ReadonlyArray<RecordedEvent>;
  readonly stays: ReadonlyArray<Stay>;
}

/** Seeds the agency on the real in-memory store, then runs every command through `placementProcess`. */
export const runHistory = async (history: AgencyHistory): Promise<Run> => {
  const { store, process } = agency();
  await seedAgency(store, history);
  const outcomes: Outcome[] = [];
  for (const command of history.commands) {
    const before = await collect(store.readAll());
    const result: Answer = await (command.kind === 'StartPlacement'
      ? process.start(startCommandOf(command), actor)
      : process.end(command.placementId, endCommandOf(command), actor)
    ).catch((error: unknown) => E.left({ _tag: 'Thrown' as const, message: String(error) }));
    const storeUnchanged = E.isLeft(result) && isDeepStrictEqual(await collect(store.readAll()), before);
    outcomes.push({ command, result, storeUnchanged });
  }
  const events = await collect(store.readAll());
  const ended = new Map(
    events
      .filter((e) => e.type === 'PlacementEnded')
      .map((e) => [e.streamId, (e.data as { endedOn: LocalDate }).endedOn]),
  );
  const stays = events
    .filter((e) => e.type === 'PlacementStarted')
    .map((e) => {
      const endedOn = ended.get(e.streamId);
      return { ...(e.data as unknown as Stay), ...(endedOn === undefined ? {} : { endedOn }) };
    });
  return { history, outcomes, events, stays };
};

/** What the process made of each command, printed beside the counterexample fast-check shows. */
export const explain = ({ outcomes }: Run): string =>
  outcomes
    .map(({ command, result }, i) => {
      const said = E.isRight(result)
        ? 'accepted'
        : `refused (${ruleOf(result.left)?.id ?? result.left._tag}): ${result.left.message}`;
      return `  ${i + 1}. ${command.kind} ${command.placementId} ${said}`;
    })
    .join('\n');

// Oracles.

const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Whole years; someone born on 29 February is a year older on 1 March in other years. */
export const ageOn = (dob: LocalDate, on: LocalDate): number => {
  const [y1, m1, d1] = ymd(dob);
  const [y2, m2, d2] = ymd(on);
  return Math.max(0, y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0));
};
export const eighteenthBirthday = (dob: LocalDate): LocalDate => {
  const [y, m, day] = ymd(dob);
  const md = m === 2 && day === 29 && !isLeap(y + 18) ? '03-01' : dob.slice(5);
  return `${y + 18}-${md}` as LocalDate;
};
const bankHolidays = new Set<string>(englandAndWalesBankHolidays.map((h) => h.date));
/** The n-th working day after a date, stepping day by day over weekends and England's bank holidays. */
export const workingDaysAfter = (from: LocalDate, n: number): LocalDate => {
  const [y, m, day] = ymd(from);
  const date = new Date(Date.UTC(y, m - 1, day));
  for (let counted = 0; counted < n; ) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay() !== 0 && date.getUTCDay() !== 6;
    if (weekday && !bankHolidays.has(date.toISOString().slice(0, 10))) counted++;
  }
  return date.toISOString().slice(0, 10) as LocalDate;
};

export const presentOn = (stays: ReadonlyArray<Stay>, day: LocalDate) =>
  stays.filter((s) => s.startedOn <= day && (s.endedOn === undefined || day < s.endedOn));
export const fostered = (stays: ReadonlyArray<Stay>) =>
  stays.filter((s) => s.placementType !== 'staying-put');
/** Occupancy only changes on a start or end date, so these days stand for every day. */
export const changeDays = (stays: ReadonlyArray<Stay>): LocalDate[] => [
  ...new Set(stays.flatMap((s) => (s.endedOn === undefined ? [s.startedOn] : [s.startedOn, s.endedOn]))),
];

export const childOf = (history: AgencyHistory, childId: string) =>
  history.children.find((c) => c.childId === childId) as AgencyHistory['children'][number];
export const householdOf = (history: AgencyHistory, householdId: string) =>
  history.households.find((h) => h.householdId === householdId) as AgencyHistory['households'][number];
/** Siblings when a relationship is recorded on either child's stream. */
export const siblings = (history: AgencyHistory, a: string, b: string) =>
  childOf(history, a).siblingsRecorded.includes(b) || childOf(history, b).siblingsRecorded.includes(a);
export const allSiblings = (history: AgencyHistory, ids: ReadonlyArray<string>) =>
  ids.every((a, i) => ids.slice(i + 1).every((b) => siblings(history, a, b)));
export const startOf = (history: AgencyHistory, placementId: string) =>
  history.commands.find(
    (c) => c.kind === 'StartPlacement' && c.placementId === placementId,
  ) as GeneratedStart;

/** Days on which more than 3 fostered children live in a household, with who and since when. */
export const overLimit = ({ history, stays }: Run) =>
  history.households.flatMap(({ householdId }) => {
    const here = fostered(stays.filter((s) => s.householdId === householdId));
    return changeDays(here).flatMap((day) => {
      const present = presentOn(here, day);
      if (present.length <= 3) return [];
      const formedOn = present.map((s) => s.startedOn).sort()[present.length - 1] as LocalDate;
      return [{ householdId, day, childIds: present.map((s) => s.childId), formedOn }];
    });
  });
