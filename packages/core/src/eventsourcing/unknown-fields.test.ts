import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { HouseholdCommand } from '../approvals/commands.js';
import { householdDecider } from '../approvals/decider.js';
import { householdEvents } from '../approvals/events/index.js';
import { unsafeLocalDate } from '../calendar/index.js';
import { actor, VisitCommand, visitDecider, visitEvents } from './__fixtures__/visit-log.js';
import { commandHandler } from './command-handler.js';
import type { EventStore } from './event-store.js';
import { inMemoryEventStore } from './in-memory-event-store.js';
import { unknownField } from './unknown-fields.js';

const application = {
  kind: 'ReceiveApplication' as const,
  householdId: 'h1',
  receivedOn: unsafeLocalDate('2026-03-02'),
  route: 'mainstream' as const,
  applicants: [{ adultId: 'a1', name: 'Sam Carer' }],
  previousServices: [],
};

const households = (store: EventStore) =>
  commandHandler({
    store,
    registry: householdEvents,
    decider: householdDecider,
    commandCodec: HouseholdCommand,
  });

describe('fields a command does not declare', () => {
  it('are found at any depth, through unions, intersections, arrays and personal-data wrappers', () => {
    expect(unknownField(HouseholdCommand, application)).toBeUndefined();
    expect(unknownField(HouseholdCommand, { ...application, occurredAt: 'x' })).toBe('occurredAt');
    expect(
      unknownField(HouseholdCommand, {
        ...application,
        applicants: [{ adultId: 'a1', name: 'Sam', phone: '0700' }],
      }),
    ).toBe('applicants.0.phone');
  });

  it('are refused by the command handler, naming the field, and nothing is stored', async () => {
    const store = inMemoryEventStore();
    const handle = households(store);
    const refused = await handle(
      'household-h1',
      { ...application, applicants: [{ adultId: 'a1', name: 'Sam', phone: '0700' }] } as never,
      { actor },
    );
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      _tag: 'InvalidCommand',
      field: 'applicants.0.phone',
      reason: 'is not a field of this command',
    });
    expect(await store.streamState('household-h1')).toEqual({ exists: false });
    expect(E.isRight(await handle('household-h1', application, { actor }))).toBe(true);
  });

  it('leave room for the codec to say what a field must be, once, as with a malformed date', async () => {
    const store = inMemoryEventStore();
    const handle = households(store);
    const refused = await handle('household-h1', { ...application, receivedOn: '2026-02-30' } as never, {
      actor,
    });
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      _tag: 'InvalidCommand',
      field: 'receivedOn',
      reason: "must be a calendar date 'YYYY-MM-DD' (there is no day 30 in month 2 of 2026)",
    });
  });

  it('whatever the extra field is called, a command carrying it is refused and the store unchanged', async () => {
    const declared = new Set(['kind', 'visitId', 'on', 'reason']);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !declared.has(key) && key !== '__proto__'),
        fc.jsonValue(),
        async (key, value) => {
          const store = inMemoryEventStore();
          const handle = commandHandler({
            store,
            registry: visitEvents,
            decider: visitDecider,
            commandCodec: VisitCommand,
          });
          const command = { kind: 'Book', visitId: 'v1', on: '2026-02-01', [key]: value };
          const refused = await handle('visits-1', command as never, { actor });
          expect(E.isLeft(refused) && refused.left).toMatchObject({ _tag: 'InvalidCommand', field: key });
          expect(await store.streamState('visits-1')).toEqual({ exists: false });
        },
      ),
    );
  });

  it('report a field named \'\' as `""`, since an empty field means the command as a whole', async () => {
    expect(unknownField(HouseholdCommand, { ...application, '': 1 })).toBe('""');
    expect(
      unknownField(HouseholdCommand, { ...application, applicants: [{ adultId: 'a1', name: 'Sam', '': 1 }] }),
    ).toBe('applicants.0.""');
    const store = inMemoryEventStore();
    const handle = households(store);
    const refused = await handle('household-h1', { ...application, '': 1 } as never, { actor });
    expect(E.isLeft(refused) && refused.left).toEqual({
      _tag: 'InvalidCommand',
      field: '""',
      reason: 'is not a field of this command: a field name must not be empty',
      message: `invalid command: '""' is not a field of this command: a field name must not be empty`,
    });
    expect(await store.streamState('household-h1')).toEqual({ exists: false });
    // A field whose name is two quotation marks is shown the same way, but is not said to be empty.
    const quotes = await handle('household-h1', { ...application, '""': 1 } as never, { actor });
    expect(E.isLeft(quotes) && quotes.left).toMatchObject({
      field: '""',
      reason: 'is not a field of this command',
    });
  });
});
