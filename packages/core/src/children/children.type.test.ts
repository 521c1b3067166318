import type * as E from 'fp-ts/lib/Either.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { ChildCommand } from './commands.js';
import { childDecider } from './decider.js';
import type { ChildrenError } from './decisions/guards.js';
import { type ChildEvent, childEvents } from './events/index.js';

describe('children types', () => {
  it('decides every child command into child events or a children error', () => {
    expectTypeOf(childDecider.decide).parameter(0).toEqualTypeOf<ChildCommand>();
    expectTypeOf(childDecider.decide).returns.toEqualTypeOf<
      E.Either<ChildrenError, ReadonlyArray<ChildEvent>>
    >();
    expectTypeOf<ChildrenError['_tag']>().toEqualTypeOf<
      'RuleViolation' | 'InvalidCommand' | 'NotAllowedNow'
    >();
  });

  it('keeps the registry and the event union in step, placement events included, with no command for them', () => {
    expectTypeOf(childEvents.eventTypes).toEqualTypeOf<ReadonlyArray<ChildEvent['type']>>();
    expectTypeOf<'ChildPlaced' | 'ChildPlacementEnded'>().toExtend<ChildEvent['type']>();
    expectTypeOf<
      Extract<ChildCommand['kind'], `${string}Place${string}`>
    >().toEqualTypeOf<'RecordPlacementPlan'>();
  });
});
