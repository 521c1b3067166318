import type * as E from 'fp-ts/lib/Either.js';
import { describe, expectTypeOf, it } from 'vitest';
import type { ClinicCommand } from './commands.js';
import { clinicDecider } from './decider.js';
import type { ClinicError } from './decisions/guards.js';
import { type ClinicEvent, clinicEvents } from './events/index.js';

describe('clinic types', () => {
  it('decides every clinic command into clinic events or a clinic error', () => {
    const decider = clinicDecider();
    expectTypeOf(decider.decide).parameter(0).toEqualTypeOf<ClinicCommand>();
    expectTypeOf(decider.decide).returns.toEqualTypeOf<E.Either<ClinicError, ReadonlyArray<ClinicEvent>>>();
    expectTypeOf<ClinicError['_tag']>().toEqualTypeOf<'RuleViolation' | 'InvalidCommand' | 'NotAllowedNow'>();
  });

  it('keeps the registry and the event union in step', () => {
    expectTypeOf(clinicEvents.eventTypes).toEqualTypeOf<ReadonlyArray<ClinicEvent['type']>>();
  });
});
