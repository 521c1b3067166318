import {
  clinicEvents,
  clinicStreamId,
  eventStamper,
  inMemoryEventStore,
  defaultAgencyPolicy as policy,
  rules,
  SessionHeld,
  systemClock,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { checkRegulatoryInvariants, RegulatoryInvariantsBroken } from '../check.js';
import { d, runExample, withoutEvents } from '../histories/children-examples.js';
import { clinic } from '../journeys.js';
import { projectedFindings } from '../oracles/children-findings.js';
import { clinicCadenceOracle, readClinicFacts } from '../oracles/clinics-cadence.js';
import { ref, type ScriptStep } from '../script.js';
import { clinicsProperties } from './clinics.js';

const id = rules.clinicCadence.id;
const check = clinicsProperties[id]?.check ?? (() => ['no property']);

const opened = (youngPeople = ['c1'], on = '2025-03-03') =>
  clinic('cs1', d(on), {
    kind: 'OpenClinicSeries',
    seriesId: ref('cs1'),
    clinicianId: 'clinician-1',
    householdId: ref('h1'),
    youngPeople: youngPeople.map(ref),
    openedOn: d(on),
  });
const held = (sessionId: string, on: string, minutes = 60, youngPeople = ['c1']) =>
  clinic('cs1', d(on), {
    kind: 'HoldSession',
    sessionId,
    heldOn: d(on),
    mode: 'online',
    minutes,
    youngPeopleDiscussed: youngPeople.map(ref),
  });
const notes = (sessionId: string, on: string) =>
  clinic('cs1', d(on), { kind: 'RecordSessionNotes', sessionId, writtenOn: d(on), notes: 'discussed' });
const planned = (sessionId: string, on: string, forDay: string) =>
  clinic('cs1', d(on), { kind: 'ScheduleSession', sessionId, scheduledFor: d(forDay), mode: 'online' });
const written = (sessionId: string, on: string) => [held(sessionId, on), notes(sessionId, on)];

/** What the oracle expects, as [code, due date], and that the projection agrees. */
const judged = async (steps: ScriptStep[], asOf: string) => {
  const run = await runExample(steps, asOf);
  expect(run.defects).toEqual([]);
  expect(check(run, policy)).toEqual([]);
  return clinicCadenceOracle(readClinicFacts(run.events), d(asOf), policy).map((f) => [
    f.code,
    f.dueOn ?? null,
  ]);
};

describe('the oracle of clinic-cadence', () => {
  it('none for fortnightly clinics with notes written the same day', async () => {
    const steps = [opened(), ...written('s1', '2025-03-17'), ...written('s2', '2025-03-31')];
    expect(await judged(steps, '2025-04-21')).toEqual([]);
  });
  it('a gap beyond cadence plus grace (21 days): from the opening, between clinics, or still running', async () => {
    expect(await judged([opened(), ...written('s1', '2025-03-24')], '2025-03-24')).toEqual([]);
    expect(await judged([opened(), ...written('s1', '2025-03-25')], '2025-03-25')).toEqual([
      ['clinic-gap', null],
    ]);
    const apart = [opened(), ...written('s1', '2025-03-17'), ...written('s2', '2025-04-08')];
    expect(await judged(apart, '2025-04-08')).toEqual([['clinic-gap', null]]);
    const running = [opened(), ...written('s1', '2025-03-17')];
    expect(await judged(running, '2025-04-07')).toEqual([]);
    expect(await judged(running, '2025-04-08')).toEqual([['clinic-gap', null]]);
  });
  it('no gap running after the series closed', async () => {
    const closed = clinic('cs1', d('2025-03-20'), { kind: 'CloseClinicSeries', closedOn: d('2025-03-20') });
    expect(await judged([opened(), ...written('s1', '2025-03-17'), closed], '2025-06-01')).toEqual([]);
  });
  it('a missed session the day after it was planned for; none if cancelled or moved by then', async () => {
    const plannedOnly = [opened(), ...written('s1', '2025-03-10'), planned('s2', '2025-03-10', '2025-03-17')];
    expect(await judged(plannedOnly, '2025-03-17')).toEqual([]);
    expect(await judged(plannedOnly, '2025-03-18')).toEqual([['clinic-session-missed', '2025-03-17']]);
    const cancelled = clinic('cs1', d('2025-03-18'), {
      kind: 'CancelSession',
      sessionId: 's2',
      cancelledBy: 'carer',
      reason: 'illness',
      cancelledOn: d('2025-03-18'),
    });
    expect(await judged([...plannedOnly, cancelled], '2025-03-18')).toEqual([]);
    const moved = clinic('cs1', d('2025-03-18'), {
      kind: 'RescheduleSession',
      sessionId: 's2',
      to: d('2025-03-20'),
      reason: 'school-holidays',
      rescheduledOn: d('2025-03-18'),
    });
    expect(await judged([...plannedOnly, moved], '2025-03-18')).toEqual([]);
  });
  it('notes due 5 days after the clinic: late or missing after that is a finding', async () => {
    const base = [opened(), held('s1', '2025-03-17')];
    expect(await judged([...base, notes('s1', '2025-03-22')], '2025-03-25')).toEqual([]);
    expect(await judged([...base, notes('s1', '2025-03-23')], '2025-03-25')).toEqual([
      ['clinic-notes', '2025-03-22'],
    ]);
    expect(await judged(base, '2025-03-22')).toEqual([]);
    expect(await judged(base, '2025-03-23')).toEqual([['clinic-notes', '2025-03-22']]);
  });
  it('90 minutes with two supported young people: a 60-minute clinic is refused under the rule', async () => {
    const run = await runExample(
      [
        opened(['c1', 'c2']),
        held('s1', '2025-03-17', 60, ['c1', 'c2']),
        held('s2', '2025-03-17', 90, ['c1']),
      ],
      '2025-03-17',
    );
    const [, short, right] = run.outcomes;
    expect(short && E.isLeft(short.answer) && short.answer.left.rule?.id).toBe(id);
    expect(right && E.isRight(right.answer)).toBe(true);
    expect(check(run, policy)).toEqual([]);
  });
  it('a projection that lost the notes is caught', async () => {
    const run = await runExample([opened(), ...written('s1', '2025-03-17')], '2025-03-25');
    expect(
      check(
        withoutEvents(run, (e) => e.type === 'SessionNotesRecorded'),
        policy,
      ),
    ).toEqual([
      expect.stringMatching(
        /^household h1, series cs1: on 2025-03-25 the projection reports clinic-notes due 2025-03-22/,
      ),
    ]);
  });
  // Core bug: agencyFindings keeps one finding per rule, code, subject and due date, so every gap of a series
  // (same code and subject, no due date) comes out as one finding, naming only one of the gaps.
  it('reports each gap of a series as its own finding', async () => {
    const run = await runExample(
      [opened(), ...written('s1', '2025-03-25'), ...written('s2', '2025-04-30')],
      '2025-04-30',
    );
    expect(projectedFindings(run, policy, id).filter((f) => f.code === 'clinic-gap')).toHaveLength(2);
  });
});

describe('clinic-cadence against a broken pipeline', () => {
  it('catches a pipeline that stores a clinic of the wrong length', { timeout: 120_000 }, async () => {
    const store = inMemoryEventStore();
    const reference = agencyHandle({ store });
    const failure = await checkRegulatoryInvariants({
      handle: async (request, metadata) => {
        const answer = await reference(request, metadata);
        const { command } = request;
        if (command.kind !== 'HoldSession' || E.isRight(answer) || answer.left.rule?.id !== id) return answer;
        const { kind: _kind, ...data } = command;
        const event = eventStamper(metadata, systemClock)(clinicEvents)(SessionHeld.create(data));
        return store.append(clinicStreamId(request.id), [event], { expectedRevision: 'any' });
      },
      store,
      rules: [id],
      numRuns: 200,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RegulatoryInvariantsBroken);
    expect((failure as Error).message).toContain(`${id} (`);
    expect((failure as Error).message).toMatch(
      /session \S+ held on \S+ is recorded as \d+ minutes, but \d young people/,
    );
  });
});
