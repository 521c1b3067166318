import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as hh from '../../approvals/events/index.js';
import { evolveHousehold, initialHouseholdState } from '../../approvals/state.js';
import type { Terms } from '../../approvals/terms.js';
import { englandWorkingDayCalendar, type LocalDate } from '../../calendar/index.js';
import { approvedHouseholdEvents, d, startCommand, wideTerms } from '../__fixtures__/agency.js';
import type { StartPlacement } from '../commands.js';
import type { ChildFacts } from './child-facts.js';
import { ageOn, birthday, decideStart } from './decide-start.js';

const household = (terms: Terms = wideTerms, extra: hh.HouseholdEvent[] = []) =>
  [...approvedHouseholdEvents('h1', terms), ...extra].reduce(evolveHousehold, initialHouseholdState);

const child = (childId: string, overrides: Partial<ChildFacts> = {}): ChildFacts => ({
  childId,
  registered: true,
  dateOfBirth: d('2015-03-01'),
  placements: [],
  siblingIds: [],
  ...overrides,
});

const joined = (
  childId: string,
  startedOn = '2025-02-03',
  placementType: 'long-term' | 'staying-put' = 'long-term',
) =>
  hh.ChildJoinedHousehold.create({
    placementId: `p-${childId}`,
    childId,
    startedOn: d(startedOn),
    placementType,
  });

const decide = (
  command: Partial<StartPlacement>,
  options: {
    terms?: Terms;
    extra?: hh.HouseholdEvent[];
    child?: Partial<ChildFacts>;
    siblings?: Record<string, string[]>;
  } = {},
) =>
  decideStart(startCommand('p-new', 'new', 'h1', command), {
    household: household(options.terms, options.extra),
    child: child('new', options.child),
    occupantSiblings: options.siblings ?? {},
    calendar: englandWorkingDayCalendar,
  });

const refusal = (outcome: ReturnType<typeof decide>) => (E.isLeft(outcome) ? outcome.left : undefined);

describe('deciding a placement start', () => {
  it('accepts a child who fits the terms, naming the carers for the register', () => {
    expect(decide({})).toEqual(E.right({ warnings: [], carerNames: ['Carer of h1'] }));
  });

  it('approval-before-placement: refuses a start before approval', () => {
    expect(refusal(decide({ startedOn: d('2025-01-05') }))).toMatchObject({
      rule: { id: 'approval-before-placement' },
    });
  });

  it('terms: refuses a placement type, age or number the terms do not allow, naming what is outside', () => {
    const narrow = {
      ...wideTerms,
      placementTypes: ['short-term' as const],
      ageRange: { minAge: 12, maxAge: 17 },
      maxChildren: 1,
    };
    const outcome = refusal(decide({}, { terms: narrow, extra: [joined('a')] }));
    expect(outcome).toMatchObject({ rule: { id: 'terms', citation: 'CPPR 23' }, field: 'householdId' });
    expect(outcome?.message).toContain('placement type long-term');
    expect(outcome?.message).toContain('age 10');
    expect(outcome?.message).toContain('2 children (terms allow 1)');
    const standardOnly = { ...wideTerms, supportPackages: ['standard' as const] };
    expect(refusal(decide({ supportPackage: 'intensive' }, { terms: standardOnly }))?.message).toContain(
      'support package intensive',
    );
    expect(
      E.isRight(decide({ supportPackage: 'intensive' }, { terms: { ...wideTerms, supportPackages: [] } })),
    ).toBe(true);
  });

  it('terms: an emergency outside the terms is allowed for 6 working days', () => {
    const narrow = { ...wideTerms, maxChildren: 1 };
    // Friday 19 December 2025: Christmas and Boxing Day are not working days.
    const outcome = decide(
      { emergency: true, placementType: 'emergency', startedOn: d('2025-12-19') },
      { terms: narrow, extra: [joined('a')] },
    );
    expect(E.isRight(outcome) && outcome.right.outsideTermsUntil).toBe('2025-12-31');
  });

  it('limit: a fourth fostered child is refused unless all are siblings or an exemption names them all', () => {
    const roomy = { ...wideTerms, maxChildren: 4 };
    const three = [joined('a'), joined('b'), joined('c')];
    expect(refusal(decide({}, { terms: roomy, extra: three }))).toMatchObject({
      rule: { id: 'limit', citation: 'CA89 s63(12), Sched 7' },
    });
    // Recorded on one side or the other is enough: a–new and b–new on the older children's streams, c–new on the new one's.
    const siblings = { a: ['b', 'c', 'new'], b: ['a', 'c', 'new'], c: ['a', 'b'] };
    expect(
      E.isRight(decide({}, { terms: roomy, extra: three, siblings, child: { siblingIds: ['c'] } })),
    ).toBe(true);
    const exemption = {
      exemptionId: 'x1',
      childIds: ['a', 'b', 'c', 'new'],
      grantedBy: 'Shropshire',
      grantedOn: d('2025-02-01'),
      conditions: [],
    };
    const exempt = decide({}, { terms: { ...roomy, exemptions: [exemption] }, extra: three });
    expect(
      refusal(
        decide(
          {},
          {
            terms: roomy,
            extra: three,
            siblings: { ...siblings, b: ['a', 'c'] },
            child: { siblingIds: ['a', 'c'] },
          },
        ),
      )?.rule?.id,
    ).toBe('limit');
    expect(E.isRight(exempt) && exempt.right.exemptionId).toBe('x1');
    const lapsed = { ...exemption, endsOn: d('2025-03-01') };
    expect(refusal(decide({}, { terms: { ...roomy, exemptions: [lapsed] }, extra: three }))?.rule?.id).toBe(
      'limit',
    );
  });

  it('limit: the carers’ own children and young people staying put do not count', () => {
    const roomy = { ...wideTerms, maxChildren: 4 };
    const extra = [joined('a'), joined('b'), joined('c', '2025-02-03', 'staying-put')];
    expect(E.isRight(decide({}, { terms: roomy, extra }))).toBe(true);
  });

  it('counts placements that start later: a backdated start must fit on every later day too', () => {
    const one = { ...wideTerms, maxChildren: 1 };
    expect(
      refusal(decide({ startedOn: d('2025-03-03') }, { terms: one, extra: [joined('a', '2025-04-01')] }))
        ?.rule?.id,
    ).toBe('terms');
  });

  it('bedroom: a child over 3 shares only with a recorded agreement and assessment', () => {
    const sharing = { shared: true, sharingAgreedOn: d('2025-02-20') };
    expect(refusal(decide({ bedroom: sharing }))).toMatchObject({
      rule: { id: 'bedroom' },
      field: 'bedroom',
    });
    expect(E.isRight(decide({ bedroom: { ...sharing, sharingAssessedOn: d('2025-02-21') } }))).toBe(true);
    expect(
      E.isRight(decide({ bedroom: { shared: true } }, { child: { dateOfBirth: d('2022-06-01') } })),
    ).toBe(true);
  });

  it('staying-put: 18 to 21, only with the household the young person lived with on their 18th birthday', () => {
    const youngPerson = {
      dateOfBirth: d('2007-03-01'),
      placements: [
        { placementId: 'old', householdId: 'h1', startedOn: d('2024-01-01'), endedOn: d('2025-03-03') },
      ],
    };
    expect(E.isRight(decide({ placementType: 'staying-put' }, { child: youngPerson }))).toBe(true);
    const elsewhere = {
      ...youngPerson,
      placements: [{ ...youngPerson.placements[0], householdId: 'h9' } as ChildFacts['placements'][number]],
    };
    expect(refusal(decide({ placementType: 'staying-put' }, { child: elsewhere }))).toMatchObject({
      rule: { id: 'staying-put' },
      field: 'householdId',
    });
    expect(refusal(decide({ placementType: 'long-term' }, { child: youngPerson }))?.rule?.id).toBe(
      'staying-put',
    );
    expect(
      refusal(
        decide({ placementType: 'staying-put' }, { child: { ...youngPerson, dateOfBirth: d('2004-03-01') } }),
      )?.rule?.id,
    ).toBe('staying-put');
  });

  it('temporary-approval: a connected person takes only the child they were approved for', () => {
    const temporary = [
      hh.ApplicationReceived.create({
        householdId: 'h1',
        receivedOn: d('2025-01-02'),
        route: 'family-and-friends',
        applicants: [{ adultId: 'g', name: 'Gran' }],
        previousServices: [],
      }),
      hh.TemporarilyApproved.create({
        approvedOn: d('2025-01-06'),
        childId: 'grandchild',
        expiresOn: d('2025-04-28'),
        terms: wideTerms,
      }),
      hh.FosterCareAgreementSigned.create({ signedOn: d('2025-01-06'), signedBy: ['g'] }),
    ].reduce(evolveHousehold, initialHouseholdState);
    const facts = (childId: string) => ({
      household: temporary,
      child: child(childId),
      occupantSiblings: {},
      calendar: englandWorkingDayCalendar,
    });
    expect(E.isRight(decideStart(startCommand('p', 'grandchild', 'h1'), facts('grandchild')))).toBe(true);
    const other = decideStart(startCommand('p', 'stranger', 'h1'), facts('stranger'));
    expect(E.isLeft(other) && other.left).toMatchObject({
      rule: { id: 'temporary-approval' },
      field: 'childId',
    });
  });

  it('counts age in whole years, leap-day birthdays turning on 1 March', () => {
    const leap = d('2008-02-29') as LocalDate;
    expect([ageOn(leap, d('2026-02-28')), ageOn(leap, d('2026-03-01'))]).toEqual([17, 18]);
    expect(birthday(leap, 18)).toBe('2026-03-01');
  });
});
