import { addDays, type LocalDate, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import { approvalJourney, approvalTimeline, carersOf, end, household, wideTerms } from '../journeys.js';
import { ref, type Script } from '../script.js';
import { at, days, layout, type Move, move, registerChild, startOf, weighted } from './placements-common.js';

/**
 * Histories for rule `approval-before-placement`: households whose journey runs its course, stops short (no
 * decision, or approved but no agreement signed), signs the agreement late, ends in a resignation or a
 * termination, or is a connected person's temporary approval that runs out; then placements started around each
 * of those days (the day before, the day itself, the day after), some recorded later than the day they start
 * (a backdated start sent after the agreement or the ending was recorded).
 */

type Fate =
  | 'approved'
  | 'undecided'
  | 'unsigned'
  | 'late-agreement'
  | 'resigned'
  | 'terminated'
  | 'temporary';

const fate = weighted<Fate>(
  [2, fc.constant('approved')],
  ...(['undecided', 'unsigned', 'late-agreement', 'resigned', 'terminated', 'temporary'] as const).map(
    (f) => [1, fc.constant<Fate>(f)] as const,
  ),
);

const householdShape = fc.record({
  fate,
  applyAfter: days(0, 40),
  /** Days after the usual agreement day: for a late agreement, a resignation, a termination. */
  later: days(3, 60),
  /** Days past the 28 days' notice a termination takes effect. */
  extraNotice: weighted([2, fc.constant(0)], [1, days(1, 10)]),
});

const startShape = fc.record({
  household: fc.nat(2),
  child: fc.nat(5),
  anchor: fc.constantFrom('approval', 'agreement', 'ending', 'any'),
  offset: weighted([3, days(-2, 2)], [1, days(-30, 30)]),
  sentLater: weighted([4, fc.constant(0)], [1, days(1, 40)]),
  lasts: fc.option(days(1, 20), { nil: undefined, freq: 3 }),
});

const world = fc.record({
  households: fc.array(householdShape, { minLength: 1, maxLength: 3 }),
  children: days(3, 6),
  starts: fc.array(startShape, { minLength: 2, maxLength: 8 }),
});

type World = typeof world extends fc.Arbitrary<infer W> ? W : never;

interface Planned {
  readonly name: string;
  readonly moves: Move[];
  readonly approval: LocalDate;
  readonly agreement: LocalDate;
  readonly ending: LocalDate;
  readonly temporary?: true;
}

const plan = (name: string, h: World['households'][number]): Planned => {
  const from = at(h.applyAfter);
  const t = approvalTimeline;
  const usualAgreement = addDays(from, t.agreement);
  const [a1, a2] = carersOf(name);
  if (h.fate === 'temporary') {
    // A connected person, temporarily approved for c1 for 16 weeks (the default), the agreement signed.
    const approvedOn = addDays(from, 7);
    const signedOn = addDays(approvedOn, h.later % 5);
    const journey = approvalJourney(name, { from, route: 'family-and-friends' });
    const steps = [
      journey[0],
      household(name, approvedOn, {
        kind: 'ApproveTemporarily',
        approvedOn,
        childId: ref('c1'),
        terms: wideTerms,
      }),
      household(name, signedOn, { kind: 'SignFosterCareAgreement', signedOn, signedBy: [a1, a2] }),
    ];
    return {
      name,
      moves: steps.flatMap((s) => (s === undefined ? [] : [move(s.on, s)])),
      approval: approvedOn,
      agreement: signedOn,
      temporary: true,
      ending: addDays(approvedOn, 16 * 7),
    };
  }
  const journey = approvalJourney(name, { from });
  const approval = addDays(from, t.approval);
  const agreeOn = h.fate === 'late-agreement' ? addDays(usualAgreement, h.later) : usualAgreement;
  // Undecided: no decision nor agreement; otherwise the agreement is signed below, on its own day, if at all.
  const moves = journey.slice(0, h.fate === 'undecided' ? -2 : -1).map((s) => move(s.on, s));
  if (h.fate !== 'undecided' && h.fate !== 'unsigned')
    moves.push(
      move(
        agreeOn,
        household(name, agreeOn, { kind: 'SignFosterCareAgreement', signedOn: agreeOn, signedBy: [a1, a2] }),
      ),
    );
  let ending = addDays(usualAgreement, h.later + 28);
  if (h.fate === 'resigned') {
    const receivedOn = addDays(usualAgreement, h.later);
    moves.push(move(receivedOn, household(name, receivedOn, { kind: 'ReceiveResignation', receivedOn })));
    ending = addDays(receivedOn, 28);
  } else if (h.fate === 'terminated') {
    const noticeGivenOn = addDays(usualAgreement, h.later);
    ending = addDays(noticeGivenOn, 28 + h.extraNotice);
    moves.push(
      move(
        noticeGivenOn,
        household(name, noticeGivenOn, {
          kind: 'Terminate',
          noticeGivenOn,
          takesEffectOn: ending,
          reason: 'standards of care',
        }),
      ),
    );
  }
  return { name, moves, approval, agreement: agreeOn, ending };
};

const build = (w: World): Script => {
  const households = w.households.map((h, i) => plan(`h${i + 1}`, h));
  const moves: Move[] = households.flatMap((h) => h.moves);
  const kids = Array.from({ length: w.children }, (_, i) => `c${i + 1}`);
  for (const [i, c] of kids.entries())
    moves.push(
      move(
        at(0),
        ...registerChild(c, { on: at(0), dateOfBirth: unsafeLocalDate(`201${i + 2}-0${i + 1}-15`) }),
      ),
    );
  w.starts.forEach((s, i) => {
    const h = households[s.household % households.length] as Planned;
    const anchor =
      s.anchor === 'approval'
        ? h.approval
        : s.anchor === 'agreement'
          ? h.agreement
          : s.anchor === 'ending'
            ? h.ending
            : addDays(h.approval, 30);
    const startedOn = addDays(anchor, s.offset);
    const name = `p${i + 1}`;
    const sentOn = addDays(startedOn, s.sentLater);
    // A temporary approval covers c1 alone (rule temporary-approval): usually it is c1 who is placed there.
    const child = h.temporary === true && s.child % 3 !== 0 ? 'c1' : (kids[s.child % kids.length] as string);
    moves.push(move(sentOn, startOf(name, { child, household: h.name, startedOn, sentOn })));
    if (s.lasts !== undefined)
      moves.push(move(addDays(sentOn, s.lasts), end(name, addDays(sentOn, s.lasts))));
  });
  return layout(moves);
};

export const approvalHistories = (): fc.Arbitrary<Script> => world.map(build);
