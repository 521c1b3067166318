import type * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expectTypeOf, it } from 'vitest';
import type { VisitEvent } from './__fixtures__/visit-log.js';
import { VisitBooked, visitDecider, visitEvents } from './__fixtures__/visit-log.js';
import type { CommandError } from './command-handler.js';
import type { DomainEvent, EventEnvelope } from './envelope.js';
import type { RuleViolation } from './errors.js';
import { type EventOf, eventType } from './event-type.js';
import type { ExpectedRevision } from './expected-revision.js';

// Checked by `tsc -b`, which compiles every test file; the runtime part only keeps vitest from reporting an
// empty file.
describe('kernel types', () => {
  it('narrows an envelope’s data by its type', () => {
    const narrow = (envelope: EventEnvelope<VisitEvent>) => {
      if (envelope.type === 'VisitCancelled')
        expectTypeOf(envelope.data).toEqualTypeOf<{ visitId: string; reason: string }>();
      if (envelope.type === 'VisitHeld') expectTypeOf(envelope.data).toEqualTypeOf<{ visitId: string }>();
    };
    expectTypeOf(narrow).parameter(0).toHaveProperty('globalPosition');
  });

  it('derives the domain event of an event type, following upcasts', () => {
    const V2 = eventType('Noted', t.type({ a: t.string })).upcastTo(
      t.type({ a: t.string, b: t.number }),
      (v) => ({
        ...v,
        b: 0,
      }),
    );
    expectTypeOf<EventOf<typeof V2>>().toEqualTypeOf<DomainEvent<'Noted', { a: string; b: number }>>();
    // @ts-expect-error an upcaster must produce the next version's data
    eventType('Noted', t.type({ a: t.string })).upcastTo(t.type({ b: t.number }), (v) => ({ a: v.a }));
  });

  it('lets a registry encode only its own events', () => {
    visitEvents.encode(VisitBooked.create({ visitId: 'v', on: 'x' }));
    // A function never called: the line only has to fail to compile (at run time it would throw).
    const unrelated = () =>
      // @ts-expect-error not an event of this registry
      visitEvents.encode({ type: 'Unrelated', data: {} });
    expectTypeOf(unrelated).toBeFunction();
    expectTypeOf(visitEvents.eventTypes).toEqualTypeOf<
      ReadonlyArray<'VisitBooked' | 'VisitHeld' | 'VisitCancelled'>
    >();
  });

  it('types decisions and errors precisely', () => {
    expectTypeOf(visitDecider.decide).returns.toEqualTypeOf<
      E.Either<RuleViolation, ReadonlyArray<VisitEvent>>
    >();
    expectTypeOf<CommandError<RuleViolation>['_tag']>().toEqualTypeOf<
      | 'RuleViolation'
      | 'InvalidCommand'
      | 'WrongExpectedRevision'
      | 'EventIdConflict'
      | 'SubjectErased'
      | 'EventDecodeError'
      | 'StoreUnavailable'
    >();
    expectTypeOf<'any' | 3>().toExtend<ExpectedRevision>();
    expectTypeOf<'latest'>().not.toExtend<ExpectedRevision>();
  });
});
