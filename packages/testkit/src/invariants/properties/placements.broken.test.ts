import {
  ChildJoinedHousehold,
  ChildPlaced,
  type CommandMetadata,
  childEvents,
  childStreamId,
  defaultAgencyPolicy,
  type EventStore,
  eventStamper,
  householdEvents,
  householdStreamId,
  inMemoryEventStore,
  PlacementStarted,
  type PlacementStartedData,
  placementEvents,
  placementStreamId,
  RespiteTaken,
  rules,
  ShortBreakStayRecorded,
  systemClock,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type AgencyHandle, type AgencyRequest, agencyHandle, type Refusal } from '../agency-handle.js';
import { checkRegulatoryInvariants, RegulatoryInvariantsBroken } from '../check.js';
import { startFields } from '../oracles/placements-register.js';

/**
 * Each placements property must catch a pipeline that lets through what its rule refuses: here the reference
 * handle, except that a command it refused for the rule is written to the store anyway, with the events the
 * core would have recorded had it accepted it.
 */

type Placements = Extract<AgencyRequest, { area: 'placements' }>;

const forceWrite = async (store: EventStore, request: Placements, metadata: CommandMetadata) => {
  const stamp = eventStamper(metadata, systemClock);
  const append = store.appendToStreams as NonNullable<EventStore['appendToStreams']>;
  const { command } = request;
  if (command.kind === 'RecordRespite' || command.kind === 'RecordShortBreakStay') {
    const event =
      command.kind === 'RecordRespite'
        ? RespiteTaken.create({ startsOn: command.startsOn, days: command.days })
        : ShortBreakStayRecorded.create({ startsOn: command.startsOn, days: command.days });
    await append([
      {
        streamId: placementStreamId(request.id),
        expectedRevision: 'any',
        events: [stamp(placementEvents)(event)],
      },
    ]);
    return;
  }
  if (command.kind !== 'StartPlacement') return;
  // Register fields left out are written empty, so that the event still reads back.
  const filled = Object.fromEntries(startFields.map((f) => [f, command[f] ?? '']));
  const { kind: _kind, emergency: _emergency, ...started } = command;
  const data = { ...started, ...filled, carerNames: ['A carer'] } as PlacementStartedData;
  const { placementId, childId, householdId, startedOn, placementType, longTerm } = command;
  await append([
    {
      streamId: placementStreamId(placementId),
      expectedRevision: 'any',
      events: [stamp(placementEvents)(PlacementStarted.create(data))],
    },
    {
      streamId: householdStreamId(householdId),
      expectedRevision: 'any',
      events: [
        stamp(householdEvents)(
          ChildJoinedHousehold.create({ placementId, childId, startedOn, placementType }),
        ),
      ],
    },
    {
      streamId: childStreamId(childId),
      expectedRevision: 'any',
      events: [
        stamp(childEvents)(
          ChildPlaced.create({ placementId, householdId, startedOn, placementType, longTerm }),
        ),
      ],
    },
  ]);
};

/** The reference handle, except that what it refuses when `lets(refusal)` is recorded all the same. */
const lettingThrough = (store: EventStore, lets: (refusal: Refusal) => boolean): AgencyHandle => {
  const reference = agencyHandle({ store });
  return async (request, metadata) => {
    const answer = await reference(request, metadata);
    if (E.isRight(answer) || request.area !== 'placements' || !lets(answer.left)) return answer;
    await forceWrite(store, request, metadata);
    return E.right({ forced: true });
  };
};

const naming = (ruleId: string) => (refusal: Refusal) => refusal.rule?.id === ruleId;

const expectBroken = async (ruleId: string, lets: (refusal: Refusal) => boolean, breach: RegExp) => {
  const store = inMemoryEventStore();
  const failure = await checkRegulatoryInvariants({
    handle: lettingThrough(store, lets),
    store,
    rules: [ruleId],
    numRuns: 100,
  }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(RegulatoryInvariantsBroken);
  const { message, results } = failure as RegulatoryInvariantsBroken;
  expect(results.map((r) => [r.ruleId, r.status])).toEqual([[ruleId, 'broken']]);
  expect(message).toContain(`${ruleId} (`);
  expect(message).toMatch(breach);
};

describe('the placements properties catch a pipeline that lets through what their rule refuses', () => {
  it('limit: a fourth unrelated child placed all the same', { timeout: 60_000 }, async () => {
    await expectBroken(
      rules.limit.id,
      naming(rules.limit.id),
      /fostered children on \d{4}-\d\d-\d\d .*not all siblings/,
    );
  });

  it('terms: a placement outside the terms recorded as if within them', { timeout: 60_000 }, async () => {
    await expectBroken(
      rules.terms.id,
      naming(rules.terms.id),
      /is outside its terms \(.*\) and not an emergency/,
    );
  });

  it('approval-before-placement: a child placed with carers not approved, or without an agreement', {
    timeout: 60_000,
  }, async () => {
    await expectBroken(
      rules.approvalBeforePlacement.id,
      naming(rules.approvalBeforePlacement.id),
      /started on \d{4}-\d\d-\d\d: (not approved|approval ended|no foster care agreement)/,
    );
  });

  it('staying-put: a young person of 18 fostered, or staying put with other carers', {
    timeout: 60_000,
  }, async () => {
    await expectBroken(
      rules.stayingPut.id,
      naming(rules.stayingPut.id),
      /placement at 1[89]|staying put (at|with a household)/,
    );
  });

  it('bedroom: a child of 3 or more sharing without an agreement and an assessment', {
    timeout: 60_000,
  }, async () => {
    await expectBroken(
      rules.bedroom.id,
      naming(rules.bedroom.id),
      /shares a bedroom aged \d+ with agreement/,
    );
  });

  it('register: a start missing a register field recorded with it empty', { timeout: 60_000 }, async () => {
    await expectBroken(
      rules.register.id,
      (refusal) => refusal._tag === 'InvalidCommand',
      /register entry of p\d+ .*has no|was accepted/,
    );
  });

  it('short-breaks: a stay past 75 days in 12 months recorded all the same', {
    timeout: 60_000,
  }, async () => {
    await expectBroken(
      rules.shortBreaks.id,
      naming(rules.shortBreaks.id),
      /days of short breaks in the 12 months from/,
    );
  });

  it('respite: a break past the entitlement recorded without authorisation', {
    timeout: 60_000,
  }, async () => {
    await expectBroken(rules.respite.id, naming(rules.respite.id), /unauthorised respite of \d+ days/);
  });

  it('respite: the entitlement is the agency policy given, not a number of the pipeline', {
    timeout: 60_000,
  }, async () => {
    const policy = {
      ...defaultAgencyPolicy,
      placements: { respiteDaysPerYear: { standard: 2, enhanced: 10, intensive: 15 } },
    };
    const store = inMemoryEventStore();
    // The reference handle with this policy keeps the rule; one still on the default entitlements does not.
    await expect(
      checkRegulatoryInvariants({
        handle: agencyHandle({ store, policy }),
        store,
        policy,
        rules: ['respite'],
        numRuns: 50,
      }),
    ).resolves.toEqual([expect.objectContaining({ ruleId: 'respite', status: 'held' })]);
    const failure = await checkRegulatoryInvariants({
      handle: agencyHandle({ store }),
      store,
      policy,
      rules: ['respite'],
      numRuns: 100,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RegulatoryInvariantsBroken);
    expect((failure as Error).message).toMatch(
      /\((standard|enhanced|intensive), (2|10|15) days a year\)|fits the entitlement of (2|10|15) days/,
    );
  });
});
