import { addDays } from '@fostering/core';
import fc from 'fast-check';
import { end } from '../journeys.js';
import type { Script, ScriptStep } from '../script.js';
import {
  agreedOn,
  approvedHousehold,
  at,
  days,
  layout,
  type Move,
  move,
  registerChild,
  startOf,
  weighted,
} from './placements-common.js';

/**
 * Histories for rule `register`: one or two approved households (now and then one whose application gave a
 * carer's name as blank), children placed and moved on, and starts and endings whose register fields are
 * sometimes left out, empty or only spaces (the placing authority, the addresses, the legal basis, the dates).
 */

const startFields = [
  'placingAuthority',
  'carersAddress',
  'childAddressBefore',
  'legalBasis',
  'startedOn',
] as const;
const spoilt = fc.constantFrom<'absent' | '' | '   '>('absent', '', '   ');

const spoil = <K extends string>(fields: ReadonlyArray<K>) =>
  weighted<ReadonlyArray<{ field: K; as: 'absent' | '' | '   ' }>>(
    [3, fc.constant([])],
    [
      2,
      fc.array(fc.record({ field: fc.constantFrom(...fields), as: spoilt }), { minLength: 1, maxLength: 2 }),
    ],
  );

const world = fc.record({
  households: fc.array(fc.record({ blankCarer: weighted([6, fc.constant(false)], [1, fc.constant(true)]) }), {
    minLength: 1,
    maxLength: 2,
  }),
  placements: fc.array(
    fc.record({
      household: fc.nat(1),
      after: days(0, 40),
      start: spoil(startFields),
      lasts: fc.option(days(1, 90), { nil: undefined }),
      end: spoil(['childAddressAfter', 'endedOn'] as const),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const withFields = (
  step: ScriptStep,
  changes: ReadonlyArray<{ field: string; as: 'absent' | '' | '   ' }>,
): ScriptStep => {
  if (changes.length === 0) return step;
  const command: Record<string, unknown> = { ...step.request.command };
  for (const { field, as } of changes) {
    if (as === 'absent') delete command[field];
    else command[field] = as;
  }
  return { ...step, request: { ...step.request, command } as ScriptStep['request'] };
};

const build = (w: World): Script => {
  const moves: Move[] = [];
  w.households.forEach((h, i) => {
    const name = `h${i + 1}`;
    const journey = approvedHousehold(name, { from: at(i * 5) });
    if (h.blankCarer) {
      const [first, ...rest] = journey;
      const application = first?.steps[0] as ScriptStep;
      const command = application.request.command as { applicants: Array<{ adultId: string; name: string }> };
      const applicants = command.applicants.map((a, n) => (n === 0 ? { ...a, name: ' ' } : a));
      moves.push(
        move(application.on, {
          ...application,
          request: { ...application.request, command: { ...command, applicants } } as ScriptStep['request'],
        }),
        ...rest,
      );
    } else moves.push(...journey);
  });
  let today = addDays(agreedOn(at(5)), 2);
  w.placements.forEach((p, i) => {
    const child = `c${i + 1}`;
    const name = `p${i + 1}`;
    moves.push(move(at(10), ...registerChild(child, { on: at(10), dateOfBirth: at(-3000 - i * 200) })));
    today = addDays(today, p.after);
    const household = `h${(p.household % w.households.length) + 1}`;
    moves.push(move(today, withFields(startOf(name, { child, household, startedOn: today }), p.start)));
    if (p.lasts !== undefined) {
      const on = addDays(today, p.lasts);
      moves.push(move(on, withFields(end(name, on), p.end)));
    }
  });
  return layout(moves);
};

export const registerHistories = (): fc.Arbitrary<Script> => world.map(build);
