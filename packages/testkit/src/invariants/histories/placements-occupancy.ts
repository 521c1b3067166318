import {
  addDays,
  type LimitExemption,
  type LocalDate,
  type PlacementType,
  type TermsInput,
} from '@fostering/core';
import fc from 'fast-check';
import { end } from '../journeys.js';
import { ref, type Script } from '../script.js';
import {
  agreedOn,
  approvedHousehold,
  at,
  changeTerms,
  days,
  layout,
  type Move,
  move,
  race,
  registerChild,
  relate,
  startOf,
  weighted,
} from './placements-common.js';
import {
  allPackages,
  childShape,
  type Focus,
  householdShape,
  intent,
  maxKids,
} from './placements-occupancy-shapes.js';

/**
 * Histories that fill households (rules `limit` and `terms`): one or two households approved with varied terms
 * (maximum 1 to 5, narrow or wide age ranges, some placement types and support packages left out, sometimes a
 * local authority's exemption naming some children, with or without an end date, and sometimes the carers' own
 * children living there), four to six children in sibling groups whose links are recorded on one side, the
 * other or both, then starts (some backdated, some emergencies), endings, groups of arrivals on one day (often
 * racing, sent at the same moment by different officers), one child sent to two households at once, changes of
 * terms taking effect within days, and sibling links withdrawn while a start races them. Many starts are
 * refused; what is accepted must keep the rules.
 */

export type { Focus };

const world = (focus: Focus) =>
  fc.record({
    households: fc.array(householdShape(focus), { minLength: 1, maxLength: 2 }),
    children: fc.array(childShape(focus), { minLength: 4, maxLength: maxKids }),
    firstStart: days(1, 10),
    /** Children arriving first of all, siblings first, at the roomiest household: groups over 3 are reached. */
    opening: fc.option(fc.record({ count: days(4, 5), racing: fc.boolean() }), {
      nil: undefined,
      freq: focus === 'limit' ? 4 : 2,
    }),
    intents: fc.array(intent(focus), { minLength: 3, maxLength: 9 }),
    asOfAfter: weighted([2, fc.constant(0)], [3, days(1, 12)], [1, days(13, 60)]),
  });

type World = typeof world extends (f: Focus) => fc.Arbitrary<infer W> ? W : never;

const pick = <T>(items: ReadonlyArray<T>, n: number): T => items[n % items.length] as T;

const termsOf = (h: World['households'][number], name: string, kids: number): TermsInput => {
  const exemptions: LimitExemption[] = [];
  if (h.exemption !== undefined) {
    const named = h.exemption.names.slice(0, kids).flatMap((yes, i) => (yes ? [ref(`c${i + 1}`)] : []));
    const grantedOn = at(h.exemption.grantedAfter);
    if (named.length > 0)
      exemptions.push({
        exemptionId: `${name}-exemption`,
        childIds: named,
        grantedBy: 'Shropshire',
        grantedOn,
        conditions: ['reviewed monthly by the placing authority'],
        ...(h.exemption.lasts === undefined ? {} : { endsOn: addDays(grantedOn, h.exemption.lasts) }),
      });
  }
  return {
    maxChildren: h.maxChildren,
    ageRange: { minAge: Math.min(h.minAge, h.maxAge), maxAge: h.maxAge },
    placementTypes: ['long-term', 'short-term', ...h.extraTypes],
    supportPackages: h.packages,
    exemptions,
  };
};

const build = (w: World): Script => {
  const moves: Move[] = [];
  const households = w.households.map((h, i) => ({ name: `h${i + 1}`, from: at(h.applyAfter), shape: h }));
  const kids = w.children.map((_, i) => `c${i + 1}`);
  for (const h of households) {
    moves.push(
      ...approvedHousehold(h.name, {
        from: h.from,
        terms: termsOf(h.shape, h.name, kids.length),
        ownChildren: h.shape.ownChildren,
      }),
    );
  }
  const registeredOn = at(100);
  w.children.forEach((c, i) => {
    const relationships = w.children.flatMap((other, j) => {
      if (i === j || c.group === 0 || other.group !== c.group) return [];
      // The later child of each pair decides on which side (or both) the link is recorded.
      const side = i > j ? c.side : other.side;
      const here = i > j ? side !== 'theirs' : side !== 'own';
      return here ? [{ other: `c${j + 1}`, relationship: c.kind }] : [];
    });
    moves.push(
      move(
        registeredOn,
        ...registerChild(`c${i + 1}`, { on: registeredOn, dateOfBirth: c.dob, relationships }),
      ),
    );
  });
  const home = (n: number) => pick(households, n).name;
  let today = addDays(
    households
      .map((h) => agreedOn(h.from))
      .sort()
      .at(-1) as LocalDate,
    w.firstStart,
  );
  const placed: { name: string; child: string; household: string; on: LocalDate }[] = [];
  const open = new Set<string>();
  const startMove = (plan: Parameters<typeof startOf>[1]) => {
    const name = `p${placed.length + 1}`;
    placed.push({ name, child: plan.child, household: plan.household, on: plan.startedOn });
    open.add(name);
    return startOf(name, plan);
  };
  const unplaced = () => kids.filter((k) => !placed.some((p) => p.child === k && open.has(p.name)));
  const opening =
    w.opening === undefined
      ? []
      : [
          {
            kind: 'arrivals' as const,
            advance: 0,
            household: 0,
            roomiest: true,
            first: 0,
            placementType: 'long-term' as const,
            ...w.opening,
          },
        ];
  for (const it of [...opening, ...w.intents]) {
    today = addDays(today, it.advance);
    if (it.kind === 'start') {
      const free = unplaced();
      const household = home(it.household);
      const step = startMove({
        child: pick(free.length > 0 ? free : kids, it.child),
        household,
        startedOn: addDays(today, -it.backdated),
        sentOn: today,
        placementType: it.placementType,
        supportPackage: it.supportPackage,
        emergency: it.emergency,
      });
      moves.push(move(today, step));
      if (it.emergency && it.followUp !== undefined) {
        const later = addDays(today, it.followUp.after);
        const name = placed.at(-1)?.name as string;
        if (it.followUp.how === 'end') {
          moves.push(move(later, end(name, later)));
          open.delete(name);
        } else {
          const wide = {
            maxChildren: 5,
            ageRange: { minAge: 0, maxAge: 17 },
            placementTypes: [
              'long-term',
              'short-term',
              'emergency',
              'short-breaks',
              'sibling-group',
              'parent-and-child',
            ] as PlacementType[],
            supportPackages: allPackages,
          };
          moves.push(move(later, changeTerms(household, later, wide, later)));
        }
      }
    } else if (it.kind === 'end') {
      const candidates = placed.filter((p) => open.has(p.name));
      if (candidates.length === 0) continue;
      const p = pick(candidates, it.which);
      const on = [p.on, today].sort()[1] as LocalDate;
      moves.push(move(on, end(p.name, on)));
      open.delete(p.name);
    } else if (it.kind === 'arrivals') {
      const groupOf = (c: string) => w.children[Number(c.slice(1)) - 1]?.group ?? 0;
      const free = it.roomiest
        ? unplaced().sort((a, b) => (groupOf(a) === 1 ? 0 : 1) - (groupOf(b) === 1 ? 0 : 1))
        : unplaced();
      const arriving = [...free.slice(it.first % Math.max(1, free.length)), ...free].slice(0, it.count);
      const uniq = [...new Set(arriving)];
      const roomiest = households.reduce((a, b) => (b.shape.maxChildren > a.shape.maxChildren ? b : a));
      const household = it.roomiest ? roomiest.name : home(it.household);
      const steps = uniq.map((c) =>
        startMove({ child: c, household, startedOn: today, placementType: it.placementType }),
      );
      if (steps.length > 0) moves.push(it.racing ? race(today, ...steps) : move(today, ...steps));
    } else if (it.kind === 'two-homes') {
      if (households.length < 2) continue;
      const c = pick(unplaced().length > 0 ? unplaced() : kids, it.child);
      const a = startMove({ child: c, household: 'h1', startedOn: today });
      const b = startMove({ child: c, household: 'h2', startedOn: today });
      moves.push(race(today, a, b));
    } else if (it.kind === 'change-terms') {
      const household = home(it.household);
      const here = placed
        .filter((p) => p.household === household && open.has(p.name))
        .map((p) => ref(p.child));
      const exemptions: LimitExemption[] =
        it.exemptOccupants && here.length > 0
          ? [
              {
                exemptionId: `${household}-exemption-${today}`,
                childIds: [...here, ...unplaced().slice(0, 2).map(ref)],
                grantedBy: 'Shropshire',
                grantedOn: today,
                conditions: [],
              },
            ]
          : [];
      const terms: TermsInput = {
        maxChildren: it.maxChildren,
        ageRange: { minAge: 0, maxAge: it.wide ? 17 : 12 },
        placementTypes: it.wide
          ? ['long-term', 'short-term', 'emergency', 'sibling-group', 'short-breaks']
          : ['long-term', 'short-term'],
        supportPackages: it.wide ? allPackages : ['enhanced'],
        exemptions,
      };
      moves.push(move(today, changeTerms(household, today, terms, addDays(today, it.takesEffectAfter))));
    } else {
      // A sibling link withdrawn at the same moment as a start that may need it.
      if (it.child % kids.length === it.other % kids.length) continue;
      const a = pick(kids, it.child);
      const b = pick(kids, it.other);
      const newcomer = pick(unplaced().length > 0 ? unplaced() : kids, it.newcomer);
      const s = startMove({ child: newcomer, household: home(it.household), startedOn: today });
      moves.push(race(today, relate(a, b, 'other', today), relate(b, a, 'other', today), s));
    }
  }
  return layout(moves, w.asOfAfter);
};

export const occupancyHistories = (focus: Focus): fc.Arbitrary<Script> => world(focus).map(build);
