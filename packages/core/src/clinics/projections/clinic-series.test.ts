import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { commandHandler, inMemoryEventStore, projectionRunner } from '../../eventsourcing/index.js';
import { defaultAgencyPolicy } from '../../policy/index.js';
import { d, jordan, riley } from '../__fixtures__/clinic-history.js';
import { ClinicCommand } from '../commands.js';
import { clinicDecider, clinicStreamId } from '../decider.js';
import { clinicEvents } from '../events/index.js';
import { clinicianCaseload, clinicSeries } from './clinic-series.js';

const clinician = { actor: { id: 'clinician-barbara', role: 'clinician' } };

const open = (seriesId: string, clinicianId: string, youngPeople: string[]): ClinicCommand => ({
  kind: 'OpenClinicSeries',
  seriesId,
  clinicianId,
  householdId: `household-${seriesId}`,
  youngPeople,
  openedOn: d('2025-01-06'),
});

describe('clinic series through the command handler and store', () => {
  it('folds every clinic stream, and gives each clinician’s caseload and weekly hours', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: clinicEvents,
      decider: clinicDecider(),
      commandCodec: ClinicCommand,
    });
    const commands: ReadonlyArray<readonly [string, ClinicCommand]> = [
      ['a', open('a', 'barbara', [riley])],
      ['b', open('b', 'barbara', ['child-sam', 'child-alex'])],
      ['c', open('c', 'chris', [jordan])],
      ['c', { kind: 'CloseClinicSeries', closedOn: d('2025-03-01') }],
    ];
    for (const [seriesId, command] of commands) {
      const outcome = await handle(clinicStreamId(seriesId), command, clinician);
      if (E.isLeft(outcome)) throw new Error(`${command.kind}: ${outcome.left.message}`);
    }
    const runner = projectionRunner({ store, projection: clinicSeries });
    const caughtUp = await runner.catchUp();
    if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
    const records = runner.state();
    expect(Object.keys(records).sort()).toEqual(['a', 'b', 'c']);

    const caseload = clinicianCaseload(records, d('2025-02-01'), defaultAgencyPolicy);
    // 60 + 90 minutes a fortnight: 2.5 hours over 2 weeks.
    expect(caseload.barbara).toMatchObject({
      series: [
        { seriesId: 'a', sessionMinutes: 60 },
        { seriesId: 'b', sessionMinutes: 90 },
      ],
      youngPeople: ['child-alex', riley, 'child-sam'].sort(),
      weeklyHours: 1.25,
    });
    expect(caseload.chris?.weeklyHours).toBe(0.5);
    expect(clinicianCaseload(records, d('2025-03-01'), defaultAgencyPolicy).chris).toBeUndefined();
    expect(clinicianCaseload(records, d('2025-01-05'), defaultAgencyPolicy)).toEqual({});
  });

  it('refuses a malformed command from outside TypeScript, naming the field, and stores nothing', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: clinicEvents,
      decider: clinicDecider(),
      commandCodec: ClinicCommand,
    });
    const outcome = await handle(
      clinicStreamId('a'),
      { ...open('a', 'barbara', [riley]), openedOn: 'soon' } as unknown as ClinicCommand,
      clinician,
    );
    expect(E.isLeft(outcome) && outcome.left).toMatchObject({ _tag: 'InvalidCommand', field: 'openedOn' });
    expect(await store.streamState(clinicStreamId('a'))).toEqual({ exists: false });
  });

  it('marks the notes and a cancellation’s reason as personal data', () => {
    const paths = (type: (typeof clinicEvents.eventTypes)[number]) =>
      clinicEvents.personalFields(type).map((f) => f.path.join('.'));
    expect(paths('SessionNotesRecorded')).toEqual(['notes']);
    expect(paths('SessionCancelled')).toEqual(['reason']);
    expect(paths('SessionHeld')).toEqual([]);
  });
});
