import {
  agencyRecords,
  defaultAgencyPolicy,
  inMemoryEventStore,
  type LocalDate,
  project,
  type TermsInput,
  unsafeLocalDate,
} from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import {
  approvedHousehold,
  changeTerms,
  layout,
  type Move,
  move,
  placement,
  registerChild,
  type StartPlan,
  startOf,
} from '../histories/placements-common.js';
import { end, wideTerms } from '../journeys.js';
import { ageOn, birthdayOf, plusMonths, workingDaysAfter } from '../oracles/placements-dates.js';
import { placementFacts } from '../oracles/placements-facts.js';
import { overdueEmergencies } from '../oracles/placements-terms.js';
import { overdueStayingPut } from '../oracles/placements-young-people.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { ref, type ScriptStep } from '../script.js';
import { placementsProperties } from './placements.js';

/**
 * The placements oracles on hand-written histories: where they must see a finding and where none, and the
 * histories that showed the core bugs the properties found (fixed in the core; kept as regression tests).
 */

const d = unsafeLocalDate;
const store = inMemoryEventStore();
const handle = agencyHandle({ store });
const policy = defaultAgencyPolicy;

/** h1 (and h2) applied on 2025-01-06 and signed their agreement on 2025-06-12; c1 born `dob`. */
const agency = (terms: TermsInput, dob = '2015-01-01'): Move[] => [
  ...approvedHousehold('h1', { from: d('2025-01-06'), terms }),
  ...approvedHousehold('h2', { from: d('2025-01-06'), terms }),
  move(d('2025-01-07'), ...registerChild('c1', { on: d('2025-01-07'), dateOfBirth: d(dob) })),
];
const starting = (name: string, plan: StartPlan) => move(plan.startedOn, startOf(name, plan));
const ending = (name: string, on: string) => move(d(on), end(name, d(on)));
const run = (moves: ReadonlyArray<Move>, asOf: string): Promise<ScriptRun> => {
  const last = moves
    .map((m) => m.on)
    .sort()
    .at(-1) as LocalDate;
  return runScript(
    handle,
    store,
    layout(moves, Math.round((Date.parse(asOf) - Date.parse(last)) / 86_400_000)),
  );
};
const ids = (run: ScriptRun, found: ReadonlyMap<string, string>) =>
  [...found].map(([id, due]) => `${id.slice(run.id('').length)} ${due}`);
const check = (rule: string, r: ScriptRun) => placementsProperties[rule]?.check(r, policy) ?? ['no property'];

describe('placements date arithmetic', () => {
  it('counts working days over weekends and bank holidays', () => {
    expect(workingDaysAfter('2025-06-16', 6)).toBe('2025-06-24');
    // Christmas, Boxing Day, a weekend and New Year's Day.
    expect(workingDaysAfter('2025-12-23', 6)).toBe('2026-01-05');
    expect(workingDaysAfter('2025-12-27', 1)).toBe('2025-12-29');
  });
  it('ages in whole years; a 29 February birthday falls on 1 March in other years', () => {
    expect(birthdayOf('2008-02-29', 18)).toBe('2026-03-01');
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2012-02-29', '2016-02-29')).toBe(4);
    expect(plusMonths('2025-01-31', 1)).toBe('2025-02-28');
  });
});

describe('terms: an emergency outside the terms is overdue after its 6th working day unless ended or covered', () => {
  // No emergencies in the terms: an emergency placement from Monday 2025-06-16 is outside them until 06-24.
  const narrow = { ...wideTerms, placementTypes: ['long-term', 'short-term'] } as TermsInput;
  const emergency = starting('p1', {
    child: 'c1',
    household: 'h1',
    startedOn: d('2025-06-16'),
    placementType: 'emergency',
    emergency: true,
  });
  const cases: ReadonlyArray<[string, Move[], string, string[]]> = [
    ['open, judged on the 6th working day', [emergency], '2025-06-24', []],
    ['open, judged the day after', [emergency], '2025-06-25', ['p1 2025-06-24']],
    ['ended on the 6th working day', [emergency, ending('p1', '2025-06-24')], '2025-07-10', []],
    ['ended a day late', [emergency, ending('p1', '2025-06-25')], '2025-07-10', ['p1 2025-06-24']],
    [
      'terms changed to cover it in time',
      [emergency, move(d('2025-06-20'), changeTerms('h1', d('2025-06-20'), wideTerms, d('2025-06-20')))],
      '2025-07-10',
      [],
    ],
    [
      'terms changed a day late',
      [emergency, move(d('2025-06-20'), changeTerms('h1', d('2025-06-20'), wideTerms, d('2025-06-25')))],
      '2025-07-10',
      ['p1 2025-06-24'],
    ],
  ];
  for (const [title, moves, asOf, expected] of cases) {
    it(`${title}: ${expected.length === 0 ? 'no finding' : 'a finding'}, and the projection agrees`, async () => {
      const r = await run([...agency(narrow), ...moves], asOf);
      expect(ids(r, overdueEmergencies(r, placementFacts(r)))).toEqual(expected);
      expect(check('terms', r)).toEqual([]);
    });
  }
  it('catches a projection that misses the finding', async () => {
    const r = await run([...agency(narrow), emergency], '2025-06-25');
    const blind = {
      ...r,
      records: project(agencyRecords)(r.events.filter((e) => e.type !== 'PlacementStarted')),
    };
    expect(check('terms', blind)).toEqual([
      'p1: an emergency outside the terms still not ended nor covered by a change of terms by 2025-06-24, yet on 2025-06-25 the projection reports nothing',
    ]);
  });
});

describe('staying-put: staying put must end before the 21st birthday', () => {
  // Born 2007-07-01: 18 on 2025-07-01, 21 on 2028-07-01; fostered from 2025-06-13, staying put from 18.
  const life = [
    starting('p1', { child: 'c1', household: 'h1', startedOn: d('2025-06-13') }),
    ending('p1', '2025-07-01'),
    starting('p2', {
      child: 'c1',
      household: 'h1',
      startedOn: d('2025-07-01'),
      placementType: 'staying-put',
    }),
  ];
  const cases: ReadonlyArray<[string, Move[], string, string[]]> = [
    ['open on the eve of the 21st birthday', life, '2028-06-30', []],
    ['open on the 21st birthday', life, '2028-07-01', ['p2 2028-06-30']],
    ['ended the day before', [...life, ending('p2', '2028-06-30')], '2028-08-01', []],
    ['ended on the 21st birthday', [...life, ending('p2', '2028-07-01')], '2028-08-01', ['p2 2028-06-30']],
  ];
  for (const [title, moves, asOf, expected] of cases) {
    it(`${title}: ${expected.length === 0 ? 'no finding' : 'a finding'}, and the projection agrees`, async () => {
      const r = await run([...agency(wideTerms, '2007-07-01'), ...moves], asOf);
      expect(ids(r, overdueStayingPut(r, placementFacts(r)))).toEqual(expected);
      expect(check('staying-put', r)).toEqual([]);
    });
  }
  it('a 29 February birthday: 18 on 1 March, so staying put from 28 February is refused', async () => {
    const moves = [
      starting('p1', { child: 'c1', household: 'h1', startedOn: d('2025-06-13') }),
      ending('p1', '2026-02-28'),
      starting('p2', {
        child: 'c1',
        household: 'h1',
        startedOn: d('2026-02-28'),
        placementType: 'staying-put',
      }),
      starting('p3', {
        child: 'c1',
        household: 'h1',
        startedOn: d('2026-03-01'),
        placementType: 'staying-put',
      }),
    ];
    const r = await run([...agency(wideTerms, '2008-02-29'), ...moves], '2026-03-02');
    expect(r.outcomes.slice(-2).map((o) => o.answer._tag)).toEqual(['Left', 'Left']);
    expect(check('staying-put', r)).toEqual([]);
  });
  it('catches a projection that misses the finding', async () => {
    const r = await run([...agency(wideTerms, '2007-07-01'), ...life], '2028-07-01');
    const blind = {
      ...r,
      records: project(agencyRecords)(r.events.filter((e) => e.type !== 'PlacementStarted')),
    };
    expect(check('staying-put', blind)).toEqual([
      'p2: staying put not ended before the 21st birthday (due 2028-06-30), yet on 2028-07-01 the projection reports nothing',
    ]);
  });
});

describe('limit: siblings and exemptions allow more than 3', () => {
  const kids = ['c2', 'c3', 'c4', 'c5'];
  const siblings = kids.map((c, i) =>
    move(
      d('2025-01-07'),
      ...registerChild(c, {
        on: d('2025-01-07'),
        dateOfBirth: d('2014-03-01'),
        relationships: kids.slice(0, i).map((other) => ({ other, relationship: 'sibling' as const })),
      }),
    ),
  );
  const arrive = kids.map((c, i) =>
    starting(`p${i + 1}`, { child: c, household: 'h1', startedOn: d('2025-06-16') }),
  );
  const roomy = { ...wideTerms, maxChildren: 5 };
  it('four siblings together hold', async () => {
    const r = await run([...agency(roomy), ...siblings, ...arrive], '2025-06-16');
    expect(r.outcomes.slice(-4).every((o) => o.answer._tag === 'Right')).toBe(true);
    expect(check('limit', r)).toEqual([]);
  });
  it('four unrelated children with an exemption naming them all hold', async () => {
    const exempt = {
      ...roomy,
      exemptions: [
        {
          exemptionId: 'x1',
          childIds: kids.map(ref),
          grantedBy: 'Shropshire',
          grantedOn: d('2025-06-01'),
          conditions: [],
        },
      ],
    };
    const unrelated = kids.map((c) =>
      move(d('2025-01-07'), ...registerChild(c, { on: d('2025-01-07'), dateOfBirth: d('2014-03-01') })),
    );
    const r = await run([...agency(exempt), ...unrelated, ...arrive], '2025-06-16');
    expect(r.outcomes.slice(-4).every((o) => o.answer._tag === 'Right')).toBe(true);
    expect(check('limit', r)).toEqual([]);
  });
});

describe('core bugs the placements properties found (fixed; kept as regression tests)', () => {
  const start = (changes: Record<string, unknown>): Move => {
    const step = startOf('p1', { child: 'c1', household: 'h1', startedOn: d('2025-06-16') });
    return move(step.on, {
      ...step,
      request: { ...step.request, command: { ...step.request.command, ...changes } },
    } as ScriptStep);
  };
  // Was: StartPlacement accepted register fields that are empty or blank (only their presence was checked).
  it('register: a start whose placing authority is empty is refused naming the field', async () => {
    const r = await run(
      [...agency(wideTerms), start({ placingAuthority: '', carersAddress: '  ' })],
      '2025-06-16',
    );
    expect(check('register', r)).toEqual([]);
  });
  // Was: a blank applicant's name was accepted, so the register named no carer.
  it('register: a carer named by a blank name never reaches the register', async () => {
    const moves = agency(wideTerms);
    const first = moves[0]?.steps[0] as ScriptStep;
    const command = first.request.command as { applicants: Array<{ name: string }> };
    const blank = {
      ...first,
      request: {
        ...first.request,
        command: {
          ...command,
          applicants: command.applicants.map((a, i) => (i === 0 ? { ...a, name: ' ' } : a)),
        },
      },
    } as ScriptStep;
    const r = await run([move(first.on, blank), ...moves.slice(1), start({})], '2025-06-16');
    expect(check('register', r)).toEqual([]);
  });
  // Was: short-break days were counted per placement, not per child: two arrangements gave 100 days in 12 months.
  it('short-breaks: a child’s stays across two placements total at most 75 days in 12 months', async () => {
    const stay = (p: string, on: string, days: number) =>
      move(d(on), placement(p, d(on), { kind: 'RecordShortBreakStay', startsOn: d(on), days }));
    const moves = [
      starting('p1', {
        child: 'c1',
        household: 'h1',
        startedOn: d('2025-07-01'),
        placementType: 'short-breaks',
      }),
      stay('p1', '2025-07-01', 30),
      stay('p1', '2025-08-01', 30),
      ending('p1', '2025-09-01'),
      starting('p2', {
        child: 'c1',
        household: 'h2',
        startedOn: d('2025-09-01'),
        placementType: 'short-breaks',
      }),
      stay('p2', '2025-09-01', 40),
    ];
    const r = await run([...agency(wideTerms), ...moves], '2025-10-15');
    expect(check('short-breaks', r)).toEqual([]);
  });
  // Was: the emergency-outside-terms deadline ignored the support package, which the start decision counts.
  it('terms: an emergency outside the terms only by its support package is reported when overdue', async () => {
    const standardOnly = { ...wideTerms, supportPackages: ['standard'] } as TermsInput;
    const moves = [
      starting('p1', {
        child: 'c1',
        household: 'h1',
        startedOn: d('2025-06-16'),
        supportPackage: 'intensive',
        emergency: true,
      }),
    ];
    const r = await run([...agency(standardOnly), ...moves], '2025-06-25');
    expect(
      r.events.some((e) => e.type === 'PlacementStarted' && e.data.outsideTermsUntil === '2025-06-24'),
    ).toBe(true);
    expect(check('terms', r)).toEqual([]);
  });
});
