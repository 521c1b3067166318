import { type Rule, rules } from '@fostering/core';
import { invariantProperties } from './properties/index.js';
import type { InvariantProperty } from './property.js';

/** Where a rule is proven today: a property over generated histories, by its file and test title. */
export interface Proof {
  readonly file: string;
  readonly test: string;
}

/** A rule, and how it is proven: the catalogue's property, and the core's own property tests of it. */
export interface Invariant {
  readonly rule: Rule;
  /** The property `checkRegulatoryInvariants` runs against any handle and store; absent only with a `gap`. */
  readonly property?: InvariantProperty;
  /** Property tests of the core that prove the rule on its deciders directly, by file and exact title. */
  readonly alsoProvenBy: ReadonlyArray<Proof>;
  /** Why there is no property, when there is none. */
  readonly gap?: string;
}

/** The core's own proofs of a rule, or what a property of it must show while the core has none. */
type CoreCoverage = { readonly proofs: ReadonlyArray<Proof> } | { readonly gap: string };

const property = (...proofs: ReadonlyArray<readonly [file: string, test: string]>): CoreCoverage => ({
  proofs: proofs.map(([file, test]) => ({ file, test })),
});
const examples = (gap: string): CoreCoverage => ({ gap });

const approvals = 'packages/core/src/approvals/approvals.property.test.ts';
const children = 'packages/core/src/children/children.property.test.ts';
const clinics = 'packages/core/src/clinics/clinics.property.test.ts';
const placements = 'packages/core/src/placements/placements.property.test.ts';
const concurrency = 'packages/core/src/placements/concurrency.property.test.ts';
const respite = 'packages/core/src/placements/respite.property.test.ts';
const supervision = 'packages/core/src/supervision/supervision.property.test.ts';

/**
 * One entry per rule of the domain brief (domain.md, "Rules with numbers"): the property that proves it over
 * generated command histories against an independent oracle, or, while there is none yet, what it must show.
 * docs/regulatory-invariants.md is generated from this list and a test keeps both in step with the rules
 * catalogue and with the test files named here.
 */
const known: ReadonlyArray<{ readonly rule: Rule; readonly coverage: CoreCoverage }> = [
  {
    rule: rules.limit,
    coverage: property(
      [placements, 'never more than 3 fostered children unless all siblings or exempted'],
      [concurrency, 'never puts a household over its limit or terms, nor a child in two placements'],
    ),
  },
  {
    rule: rules.terms,
    coverage: property(
      [placements, 'within the terms on the start date, or an emergency for 6 working days'],
      [approvals, 'no household is ever approved without an explicit maxChildren'],
    ),
  },
  {
    rule: rules.approvalBeforePlacement,
    coverage: examples(
      'no placement starts in a generated history before approval, written terms and a signed agreement',
    ),
  },
  {
    rule: rules.referees,
    coverage: examples('no panel is scheduled before two referees are interviewed and references received'),
  },
  {
    rule: rules.panelTiming,
    coverage: examples(
      'a finding exactly when papers go out under 5 working days before panel, or the recommendation is over 8 months after application',
    ),
  },
  {
    rule: rules.admDecision,
    coverage: examples(
      'a finding exactly when the decision comes more than 7 working days after recommendation and final minutes',
    ),
  },
  {
    rule: rules.notice28,
    coverage: property(
      [approvals, 'refusal, termination, change of terms: effective 28 days after notice'],
      [approvals, 'a resignation ends approval 28 days after it is received, and for good'],
    ),
  },
  {
    rule: rules.annualReview,
    coverage: property(
      [approvals, 'review due at most 12 months after the last review or the approval'],
      [approvals, 'a review falls within the full approval; the first goes to panel'],
    ),
  },
  {
    rule: rules.temporaryApproval,
    coverage: property([approvals, 'at most 16 weeks, extended once by at most 8, never once ended']),
  },
  {
    rule: rules.placementPlan,
    coverage: property([
      children,
      'due 5 working days after the start; met by the first plan the carer signed',
    ]),
  },
  {
    rule: rules.childVisits,
    coverage: property([
      children,
      'first visit due 1 week after the start, then 6 weeks, or 3 months after year one if long-term',
    ]),
  },
  {
    rule: rules.lacReviews,
    coverage: property([
      children,
      'first 20 working days after registration, second 3 months after it, then 6 months',
    ]),
  },
  {
    rule: rules.shortBreaks,
    coverage: property(
      [respite, 'at most 75 days of short breaks in every rolling 12 months'],
      [concurrency, 'never records more than 75 days in 12 months for a child, across two placements'],
    ),
  },
  {
    rule: rules.stayingPut,
    coverage: property([placements, 'from 18 to 20, with the carers of the 18th birthday']),
  },
  {
    rule: rules.ssw,
    coverage: property([
      supervision,
      'exactly the households approved a full year without an unannounced visit in 12 months are listed',
    ]),
  },
  {
    rule: rules.homeCheck,
    coverage: examples('a finding exactly when an approved household has had no home check for a year'),
  },
  {
    rule: rules.bedroom,
    coverage: examples(
      'no child over 3 shares a bedroom in a generated history without a recorded, assessed agreement',
    ),
  },
  {
    rule: rules.tsds,
    coverage: examples(
      'a finding exactly when an approved adult has not completed TSDS within 12 months (18 for family and friends)',
    ),
  },
  {
    rule: rules.training,
    coverage: examples(
      'a finding exactly when a carer lacks current safeguarding, first-aid or placement-type training',
    ),
  },
  {
    rule: rules.riskComplete,
    coverage: property([
      children,
      'health needs on any date are those recorded by then and not yet resolved',
    ]),
  },
  {
    rule: rules.staffSupervision,
    coverage: property([
      supervision,
      'clinical supervision chains every interval from the start; appraisal a year from the last',
    ]),
  },
  {
    rule: rules.retention,
    coverage: examples(
      'no erasure of a record before its retention date: properties over generated subjects and household lifecycles in core (privacy/retention*.test.ts); erasure over generated agencies in check.sealed.test.ts',
    ),
  },
  {
    rule: rules.register,
    coverage: examples('every started placement has every register field (enforced by the event schema)'),
  },
  {
    rule: rules.records,
    coverage: examples('every event is dated and attributed (enforced by the envelope)'),
  },
  {
    rule: rules.clinicCadence,
    coverage: property(
      [
        clinics,
        'a gap is reported exactly when two consecutive held sessions are further apart than allowed',
      ],
      [clinics, 'a held session always lasts the policy length for the young people supported that day'],
    ),
  },
  {
    rule: rules.carePlanReview,
    coverage: examples('a finding exactly when an intensive-package plan goes more than 3 months unreviewed'),
  },
  {
    rule: rules.respite,
    coverage: property([respite, 'past the entitlement in a placement year only with an authorisation']),
  },
];

export const invariantCatalogue: ReadonlyArray<Invariant> = known.map(({ rule, coverage }) => {
  const own = invariantProperties[rule.id];
  return {
    rule,
    ...(own === undefined ? {} : { property: own }),
    alsoProvenBy: 'proofs' in coverage ? coverage.proofs : [],
    ...(own === undefined ? { gap: 'gap' in coverage ? coverage.gap : 'no property yet' } : {}),
  };
});

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The table in docs/regulatory-invariants.md, generated so that it cannot drift from the catalogue. */
export const invariantTable = (catalogue: ReadonlyArray<Invariant> = invariantCatalogue): string =>
  [
    '| rule | statement | source | kind | how it is proven |',
    '|---|---|---|---|---|',
    ...catalogue.map(({ rule, property, alsoProvenBy, gap }) => {
      const core = alsoProvenBy.map((p) => `“${cell(p.test)}” (\`${p.file.split('/').slice(-1)[0]}\`)`);
      const how = [
        property === undefined ? `no property: ${cell(gap ?? '')}` : `property: ${cell(property.claim)}`,
        ...(core.length === 0 ? [] : [`core properties: ${core.join('; ')}`]),
      ].join('<br>');
      return `| \`${rule.id}\` | ${cell(rule.summary)} | ${cell(rule.citation)} | ${rule.kinds.join(', ')} | ${how} |`;
    }),
  ].join('\n');
