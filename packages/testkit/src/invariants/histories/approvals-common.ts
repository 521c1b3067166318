import { type Actor, addDays, type LocalDate, type TermsInput, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import { carersOf, household, registration, wideTerms } from '../journeys.js';
import { ref, type Script, type ScriptStep, script } from '../script.js';

/** Pieces shared by the approvals histories (assessment, endings, temporary approval). */

/** A Monday in a year the working-day calendar covers, with room for years of history after it. */
export const base = unsafeLocalDate('2024-01-08');

/** One of several arbitraries, by weight; its values are any of theirs. */
export const weighted = <Ts extends unknown[]>(
  ...choices: { [K in keyof Ts]: readonly [number, fc.Arbitrary<Ts[K]>] }
): fc.Arbitrary<Ts[number]> =>
  fc.oneof(
    ...(choices as ReadonlyArray<readonly [number, fc.Arbitrary<Ts[number]>]>).map(([weight, arbitrary]) => ({
      weight,
      arbitrary,
    })),
  );

export const days = (min: number, max: number) => fc.integer({ min, max });

/** The day before, the day itself, the day after: where off-by-one mistakes live. */
export const edge = fc.constantFrom(-1, 0, 1);

/** Another officer, for steps that race the one before. */
export const colleague: Actor = { id: 'second-officer', role: 'fostering-team' };

/** Terms narrower than the usual wide ones (a change of terms moves between them). */
export const narrowTerms = (maxChildren: number): TermsInput => ({
  ...wideTerms,
  maxChildren,
  ageRange: { minAge: 0, maxAge: 12 },
});

export const application = (
  name: string,
  on: LocalDate,
  route: 'mainstream' | 'family-and-friends',
  previousServices: ReadonlyArray<{
    serviceId: string;
    serviceName: string;
    approvalEndedOn?: LocalDate;
  }> = [],
): ScriptStep => {
  const [a1, a2] = carersOf(name);
  return household(name, on, {
    kind: 'ReceiveApplication',
    householdId: ref(name),
    receivedOn: on,
    route,
    applicants: [
      { adultId: a1, name: `First carer of ${name}` },
      { adultId: a2, name: `Second carer of ${name}` },
    ],
    previousServices: [...previousServices],
  });
};

export const signAgreement = (name: string, on: LocalDate): ScriptStep =>
  household(name, on, { kind: 'SignFosterCareAgreement', signedOn: on, signedBy: [...carersOf(name)] });

/** A child of about seven, registered on the first day of the histories. */
export const kin = (name: string): ScriptStep[] =>
  registration(name, { on: base, dateOfBirth: addDays(base, -7 * 365) });

/** Marks a step as sent at the same moment as the one before it, by another officer. */
export const racing = (step: ScriptStep): ScriptStep => ({ ...step, by: colleague, concurrent: true });

/**
 * The script: steps in date order (a stable sort, so a record's own steps and racing pairs keep their order),
 * judged on `asOf` or the last day if that is later.
 */
export const scriptOf = (steps: ReadonlyArray<ScriptStep>, asOf?: LocalDate): Script => {
  const sorted = [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const last = sorted.at(-1)?.on ?? base;
  return script(sorted, asOf !== undefined && asOf > last ? asOf : last);
};
