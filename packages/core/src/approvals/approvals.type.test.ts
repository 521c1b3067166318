import type * as E from 'fp-ts/lib/Either.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { HouseholdCommand } from './commands.js';
import { householdDecider } from './decider.js';
import type { ApprovalsError } from './decisions/guards.js';
import { type HouseholdEvent, householdEvents } from './events/index.js';
import type { Terms, TermsInput } from './terms.js';

describe('approvals types', () => {
  it('decides every household command into household events or an approvals error', () => {
    expectTypeOf(householdDecider.decide).parameter(0).toEqualTypeOf<HouseholdCommand>();
    expectTypeOf(householdDecider.decide).returns.toEqualTypeOf<
      E.Either<ApprovalsError, ReadonlyArray<HouseholdEvent>>
    >();
    expectTypeOf<ApprovalsError['_tag']>().toEqualTypeOf<
      'RuleViolation' | 'InvalidCommand' | 'NotAllowedNow'
    >();
  });

  it('keeps the registry and the event union in step', () => {
    expectTypeOf(householdEvents.eventTypes).toEqualTypeOf<ReadonlyArray<HouseholdEvent['type']>>();
  });

  it('requires an explicit maximum in stored terms but lets commands omit it, so a rule can refuse it', () => {
    expectTypeOf<Terms['maxChildren']>().toEqualTypeOf<number>();
    expectTypeOf<TermsInput['maxChildren']>().toEqualTypeOf<number | null | undefined>();
  });
});
