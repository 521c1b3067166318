import { addDays, addYears, type LocalDate, type StartPlacement, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import { end, wideTerms } from '../journeys.js';
import type { Script } from '../script.js';
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
 * Histories about age (rules `staying-put` and `bedroom`): two approved households; young people whose 18th
 * birthday falls in the history, placed before it, their placement ending on, just before or just after it,
 * then staying put (usually with the same carers, sometimes elsewhere, sometimes years later near the 21st
 * birthday) and ending around the 21st birthday or not at all, and young people of 18 sent to an ordinary
 * placement; small children around their 3rd birthday and others, placed with their own room or sharing, with a
 * written agreement and an assessment, one of them, none, or dated after the start. Judged on a day near a
 * 21st birthday, or right after the last command.
 */

const household = fc.nat(1);

const stayingPut = fc.record({
  kind: fc.constant('staying-put' as const),
  dob: days(0, 500).map((n) => addDays(unsafeLocalDate('2007-09-01'), n)),
  household,
  placedBefore: days(1, 200),
  endedAfter: weighted([2, fc.constant(0)], [1, days(-3, 3)], [1, days(4, 100)]),
  stayFrom: weighted([5, days(0, 30)], [1, days(1000, 1100)]),
  elsewhere: weighted([5, fc.constant(false)], [1, fc.constant(true)]),
  /** Days from the 21st birthday that staying put ends, or never. */
  endsNearTwentyOne: fc.option(days(-3, 3), { nil: undefined }),
});

const adultFostered = fc.record({
  kind: fc.constant('fostered-at-18' as const),
  dob: days(0, 500).map((n) => addDays(unsafeLocalDate('2007-09-01'), n)),
  household,
  after: days(-3, 60),
});

const sharing = fc.record({
  kind: fc.constant('bedroom' as const),
  /** Third birthdays from mid-2025 to late 2026; or an older child. */
  dob: weighted(
    [2, days(0, 500).map((n) => addDays(unsafeLocalDate('2022-07-01'), n))],
    [1, days(0, 3000).map((n) => addDays(unsafeLocalDate('2012-01-01'), n))],
  ),
  household,
  nearThird: days(-3, 3),
  evidence: fc.constantFrom('none', 'not-shared', 'agreed', 'assessed', 'both', 'both-late'),
  ends: fc.option(days(1, 60), { nil: undefined }),
});

const world = fc.record({
  intents: fc.array(
    fc.oneof(
      { weight: 3, arbitrary: stayingPut },
      { weight: 1, arbitrary: adultFostered },
      { weight: 3, arbitrary: sharing },
    ),
    {
      minLength: 1,
      maxLength: 5,
    },
  ),
  judged: weighted([1, fc.constant(undefined)], [2, days(-2, 2)]),
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

const terms = { ...wideTerms, ageRange: { minAge: 0, maxAge: 17 } };

const build = (w: World): Script => {
  const from = at(0);
  const open = addDays(agreedOn(from), 1);
  const moves: Move[] = [
    ...approvedHousehold('h1', { from, terms }),
    ...approvedHousehold('h2', { from: addDays(from, 3), terms }),
  ];
  const later = (d: LocalDate) => (d < addDays(open, 3) ? addDays(open, 3) : d);
  let asOf: LocalDate | undefined;
  let placements = 0;
  const next = () => `p${++placements}`;
  w.intents.forEach((it, i) => {
    const child = `c${i + 1}`;
    const home = `h${it.household + 1}`;
    moves.push(move(at(1), ...registerChild(child, { on: at(1), dateOfBirth: it.dob })));
    if (it.kind === 'staying-put') {
      const eighteenth = addYears(it.dob, 18);
      const placedOn = later(addDays(eighteenth, -it.placedBefore));
      const endedOn = later(addDays(eighteenth, it.endedAfter));
      const foster = next();
      moves.push(move(placedOn, startOf(foster, { child, household: home, startedOn: placedOn })));
      moves.push(move(endedOn, end(foster, endedOn)));
      const stayOn = addDays(endedOn, it.stayFrom);
      const stay = next();
      const where = it.elsewhere ? `h${2 - it.household}` : home;
      moves.push(
        move(
          stayOn,
          startOf(stay, { child, household: where, startedOn: stayOn, placementType: 'staying-put' }),
        ),
      );
      const due = addDays(addYears(it.dob, 21), -1);
      if (it.endsNearTwentyOne !== undefined) {
        const endsOn = addDays(due, it.endsNearTwentyOne);
        if (endsOn >= stayOn) moves.push(move(endsOn, end(stay, endsOn)));
      }
      if (w.judged !== undefined) asOf = addDays(due, w.judged);
    } else if (it.kind === 'fostered-at-18') {
      const on = later(addDays(addYears(it.dob, 18), it.after));
      moves.push(move(on, startOf(next(), { child, household: home, startedOn: on })));
    } else {
      const on = later(addDays(addYears(it.dob, 3), it.nearThird));
      const agreed = it.evidence === 'both-late' ? addDays(on, 2) : addDays(on, -5);
      const bedroom: StartPlacement['bedroom'] =
        it.evidence === 'not-shared'
          ? { shared: false }
          : {
              shared: true,
              ...(['agreed', 'both', 'both-late'].includes(it.evidence) ? { sharingAgreedOn: agreed } : {}),
              ...(['assessed', 'both', 'both-late'].includes(it.evidence)
                ? { sharingAssessedOn: agreed }
                : {}),
            };
      const name = next();
      moves.push(move(on, startOf(name, { child, household: home, startedOn: on, bedroom })));
      if (it.ends !== undefined) moves.push(move(addDays(on, it.ends), end(name, addDays(on, it.ends))));
    }
  });
  const last = moves
    .map((m) => m.on)
    .sort()
    .at(-1) as LocalDate;
  const judgedOn = asOf !== undefined && asOf > last ? asOf : last;
  return layout(moves, Math.round((Date.parse(judgedOn) - Date.parse(last)) / 86_400_000));
};

export const youngPeopleHistories = (): fc.Arbitrary<Script> => world.map(build);
