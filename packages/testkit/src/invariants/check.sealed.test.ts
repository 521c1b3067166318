import {
  agencyEvents,
  agencyPersonalFields,
  agencyRecords,
  complianceContext,
  complianceReport,
  defaultAgencyPolicy,
  type EventStore,
  inMemoryEventStore,
  inMemoryKeyStore,
  isErased,
  isSealed,
  type JsonValue,
  personalSpots,
  project,
  type RecordedEvent,
  sealedEventStore,
  unsafeLocalDate,
} from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { collect } from '../event-store-contract/fixtures.js';
import { propertyRuns } from '../property-runs.js';
import { agencyHandle } from './agency-handle.js';
import { checkRegulatoryInvariants } from './check.js';
import { agencyHistories } from './histories/agency.js';
import { runScript } from './run-script.js';

const personalFields = agencyPersonalFields;

const sealedOver = (inner: EventStore) => {
  const keys = inMemoryKeyStore();
  return { keys, store: sealedEventStore(inner, { keys, personalFields }) };
};

/** Every personal value of an event as the store holds it: its path, and what is there (sealed or not). */
const personalValues = (event: RecordedEvent) =>
  personalFields(event.type).flatMap((field) =>
    personalSpots(event.data as JsonValue, field).map((spot) => ({
      path: spot.path.join('.'),
      value: (spot.holder as Record<string | number, JsonValue>)[spot.key],
    })),
  );

/** The event with every personal value blanked: what must read the same whoever was erased. */
const withoutPersonal = (event: RecordedEvent): RecordedEvent => {
  const data = structuredClone(event.data) as JsonValue;
  for (const field of personalFields(event.type)) {
    for (const spot of personalSpots(data, field))
      (spot.holder as Record<string | number, JsonValue>)[spot.key] = null;
  }
  return { ...event, data };
};

/** Strings that cannot turn up in a dump by chance: long enough, and not a date (every event holds dates). */
const distinctive = (value: JsonValue | undefined): string[] =>
  typeof value === 'string'
    ? value.length >= 8 && !/^\d{4}-\d{2}-\d{2}$/.test(value)
      ? [value]
      : []
    : Array.isArray(value)
      ? value.flatMap(distinctive)
      : [];

describe('checkRegulatoryInvariants over a sealed store', () => {
  it('holds for every rule with a property when personal data is sealed on the way in', {
    timeout: 900_000,
  }, async () => {
    const { store } = sealedOver(inMemoryEventStore());
    const results = await checkRegulatoryInvariants({
      handle: agencyHandle({ store }),
      store,
      numRuns: Math.max(1, Math.floor(propertyRuns() / 10)),
    });
    expect(results.filter((r) => r.status === 'broken')).toEqual([]);
    expect(results.some((r) => r.status === 'held')).toBe(true);
  });
});

describe('erasing subjects of generated agencies', () => {
  it('leaves every erased subject’s values erased and everything else as recorded; records still fold', {
    timeout: 900_000,
  }, async () => {
    // The histories must exercise erasure for the property to mean anything: counted across the runs.
    let erasedValuesSeen = 0;
    let keptValuesSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        agencyHistories(defaultAgencyPolicy),
        fc.integer({ min: 0, max: 2 ** 30 }),
        async (script, pick) => {
          const inner = inMemoryEventStore();
          const { keys, store } = sealedOver(inner);
          await runScript(agencyHandle({ store }), store, script);
          const before = await collect(store.readAll());
          const stored = await collect(inner.readAll());

          // Every personal value went in sealed, and none of them is in the stored events as text.
          const subjects = new Set<string>();
          for (const event of stored) {
            for (const { path, value } of personalValues(event)) {
              expect(isSealed(value), `${event.type} ${path}`).toBe(true);
              if (isSealed(value)) subjects.add(value.subject);
            }
          }
          const dump = JSON.stringify(stored);
          for (const event of before) {
            for (const { value } of personalValues(event))
              for (const text of distinctive(value)) expect(dump).not.toContain(text);
          }

          // Erase about half the subjects, chosen by the generated number.
          const erased = new Set([...subjects].filter((_, i) => ((pick >> (i % 30)) & 1) === 1));
          for (const subject of erased)
            expect(E.isRight(await keys.destroy(subject, new Date('2100-01-01T00:00:00Z')))).toBe(true);
          const after = await collect(store.readAll());
          expect(after.map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
          for (const [i, event] of after.entries()) {
            const was = before[i] as RecordedEvent;
            const sealedAs = new Map(
              personalValues(stored[i] as RecordedEvent).map(({ path, value }) => [
                path,
                isSealed(value) ? value.subject : '',
              ]),
            );
            const wasValues = new Map(personalValues(was).map(({ path, value }) => [path, value]));
            for (const { path, value } of personalValues(event)) {
              const subject = sealedAs.get(path) ?? '';
              if (erased.has(subject)) {
                expect(isErased(value) && value.$erased.subject).toBe(subject);
                erasedValuesSeen += 1;
              } else {
                expect(value).toEqual(wasValues.get(path));
                keptValuesSeen += 1;
              }
            }
            // Outside the personal fields, nothing changed.
            expect(withoutPersonal(event)).toEqual(withoutPersonal(was));
          }

          // The records still fold and the compliance report is still computed over the erased history.
          const decoded = after.map((event) => {
            const envelope = agencyEvents.decode(event);
            if (E.isLeft(envelope)) throw new Error(envelope.left.message);
            return envelope.right;
          });
          const records = project(agencyRecords)(decoded);
          const report = complianceReport(
            records,
            complianceContext(unsafeLocalDate('2030-01-01')),
            'occurred',
          );
          expect(report.population.households).toBe(Object.keys(records.households).length);
        },
      ),
      { numRuns: Math.max(5, Math.floor(propertyRuns() / 4)) },
    );
    expect(erasedValuesSeen).toBeGreaterThan(0);
    expect(keptValuesSeen).toBeGreaterThan(0);
  });
});
