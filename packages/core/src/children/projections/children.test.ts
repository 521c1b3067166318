import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate as day } from '../../calendar/index.js';
import { commandHandler, inMemoryEventStore, projectionRunner } from '../../eventsourcing/index.js';
import { ChildCommand } from '../commands.js';
import { childDecider, childStreamId } from '../decider.js';
import { childEvents } from '../events/index.js';
import { childRecords, siblingsOf } from './children.js';

const socialWorker = { actor: { id: 'sw-1', role: 'childs-social-worker' } };

const register = (childId: string): ChildCommand => ({
  kind: 'RegisterChild',
  childId,
  name: `Child ${childId}`,
  dateOfBirth: day('2016-05-01'),
  legalStatus: 'care-order',
  placingAuthority: 'Leeds City Council',
  registeredOn: day('2025-01-06'),
});

describe('child records through the command handler and store', () => {
  it('folds every child stream; a sibling recorded on one side is a sibling of both', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: childEvents,
      decider: childDecider,
      commandCodec: ChildCommand,
    });
    const commands: ReadonlyArray<readonly [string, ChildCommand]> = [
      ['amy', register('amy')],
      ['ben', register('ben')],
      [
        'amy',
        {
          kind: 'RecordRelationship',
          otherChildId: 'ben',
          relationship: 'sibling',
          recordedOn: day('2025-01-06'),
        },
      ],
    ];
    for (const [childId, command] of commands) {
      const outcome = await handle(childStreamId(childId), command, socialWorker);
      if (E.isLeft(outcome)) throw new Error(`${command.kind}: ${outcome.left.message}`);
    }
    const runner = projectionRunner({ store, projection: childRecords });
    const caughtUp = await runner.catchUp();
    if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
    const records = runner.state();
    expect(Object.keys(records).sort()).toEqual(['amy', 'ben']);
    expect(records.ben?.siblingIds).toEqual([]);
    expect(siblingsOf(records, 'ben')).toEqual(['amy']);
    expect(siblingsOf(records, 'amy')).toEqual(['ben']);
  });

  it('refuses a malformed command from outside TypeScript, naming the field, and stores nothing', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: childEvents,
      decider: childDecider,
      commandCodec: ChildCommand,
    });
    const outcome = await handle(
      childStreamId('amy'),
      { ...register('amy'), legalStatus: 'adopted' } as unknown as ChildCommand,
      socialWorker,
    );
    expect(E.isLeft(outcome) && outcome.left).toMatchObject({ _tag: 'InvalidCommand', field: 'legalStatus' });
    expect(await store.streamState(childStreamId('amy'))).toEqual({ exists: false });
  });

  it('marks the child’s name, date of birth and every description as personal data', () => {
    const paths = (type: (typeof childEvents.eventTypes)[number]) =>
      childEvents.personalFields(type).map((f) => f.path.join('.'));
    expect(paths('ChildRegistered')).toEqual(['name', 'dateOfBirth']);
    expect(paths('HealthNeedRecorded')).toEqual(['description']);
    expect(paths('ChildRiskAssessmentRecorded')).toEqual(['facts', 'analysis']);
    expect(paths('IdentityNeedsRecorded')).toEqual(['ethnicity', 'religion', 'languages', 'culture']);
    expect(paths('SocialWorkerVisitRecorded')).toEqual([]);
  });
});
