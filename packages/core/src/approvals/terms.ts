import * as t from 'io-ts';
import { LocalDateC } from '../calendar/index.js';

/** Kinds of placement a household can be approved for (the terms' placement types). */
export const PlacementType = t.keyof({
  'short-term': null,
  'long-term': null,
  emergency: null,
  'short-breaks': null,
  'parent-and-child': null,
  'sibling-group': null,
  'staying-put': null,
});
export type PlacementType = t.TypeOf<typeof PlacementType>;

/** Support packages, named generically; what each includes is agency policy. */
export const SupportPackage = t.keyof({ standard: null, enhanced: null, intensive: null });
export type SupportPackage = t.TypeOf<typeof SupportPackage>;

const WholeNumber = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, 'a whole number');
const PositiveWholeNumber = t.refinement(
  t.number,
  (n) => Number.isInteger(n) && n >= 1,
  'a whole number of at least 1',
);

export const AgeRange = t.refinement(
  t.type({ minAge: WholeNumber, maxAge: WholeNumber }),
  (range) => range.minAge <= range.maxAge && range.maxAge <= 25,
  'an age range with minAge <= maxAge <= 25',
);
export type AgeRange = t.TypeOf<typeof AgeRange>;

/**
 * A local authority's exemption from the usual fostering limit (rule `limit`): it names each child it covers
 * and may carry conditions and an end date.
 */
export const LimitExemption = t.intersection([
  t.type({
    exemptionId: t.string,
    childIds: t.refinement(t.array(t.string), (ids) => ids.length > 0, 'at least one child'),
    grantedBy: t.string,
    grantedOn: LocalDateC,
    conditions: t.array(t.string),
  }),
  t.partial({ endsOn: LocalDateC }),
]);
export type LimitExemption = t.TypeOf<typeof LimitExemption>;

/** Terms of approval: always an explicit maximum, an age range, and the placement types and packages allowed. */
export const Terms = t.type({
  maxChildren: PositiveWholeNumber,
  ageRange: AgeRange,
  placementTypes: t.refinement(
    t.array(PlacementType),
    (types) => types.length > 0,
    'at least one placement type',
  ),
  supportPackages: t.array(SupportPackage),
  exemptions: t.array(LimitExemption),
});
export type Terms = t.TypeOf<typeof Terms>;

/**
 * Terms as a command may carry them: the maximum can be missing, so that the decider refuses it with the rule
 * that requires it rather than a codec error (the inspection found approvals that did not state it).
 */
export const TermsInput = t.intersection([
  t.type({ ageRange: Terms.props.ageRange, placementTypes: Terms.props.placementTypes }),
  t.partial({
    maxChildren: t.union([Terms.props.maxChildren, t.null]),
    supportPackages: Terms.props.supportPackages,
    exemptions: Terms.props.exemptions,
  }),
]);
export type TermsInput = t.TypeOf<typeof TermsInput>;

const sorted = <A extends string>(items: ReadonlyArray<A>) => [...items].sort();

/** Whether two sets of terms say the same thing (order of lists does not matter). */
export const sameTerms = (a: Omit<Terms, 'exemptions'>, b: Omit<Terms, 'exemptions'>): boolean =>
  a.maxChildren === b.maxChildren &&
  a.ageRange.minAge === b.ageRange.minAge &&
  a.ageRange.maxAge === b.ageRange.maxAge &&
  sorted(a.placementTypes).join() === sorted(b.placementTypes).join() &&
  sorted(a.supportPackages).join() === sorted(b.supportPackages).join();
