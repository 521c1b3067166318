import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { unsafeLocalDate as day } from '../../calendar/index.js';
import { complianceContext } from '../../compliance/context.js';
import { commandHandler, inMemoryEventStore, projectionRunner } from '../../eventsourcing/index.js';
import { HouseholdCommand } from '../commands.js';
import { householdDecider, householdStreamId } from '../decider.js';
import { householdEvents } from '../events/index.js';
import { approvalsCompliance, approvalsRegister, householdRecords } from './households.js';

const terms = { maxChildren: 2, ageRange: { minAge: 4, maxAge: 11 }, placementTypes: ['long-term' as const] };
const ssw = { actor: { id: 'ssw-1', role: 'supervising-social-worker' } };

const journey: ReadonlyArray<unknown> = [
  {
    kind: 'ReceiveApplication',
    householdId: 'h1',
    receivedOn: '2025-01-06',
    route: 'mainstream',
    applicants: [{ adultId: 'a1', name: 'Priya Shah' }],
    previousServices: [],
  },
  { kind: 'StartAssessment', stage: 1, startedOn: '2025-01-20' },
  {
    kind: 'InterviewReferee',
    refereeId: 'r1',
    name: 'Ann',
    relationship: 'friend',
    interviewedOn: '2025-03-01',
  },
  {
    kind: 'InterviewReferee',
    refereeId: 'r2',
    name: 'Bo',
    relationship: 'employer',
    interviewedOn: '2025-03-08',
  },
  { kind: 'CompleteAssessmentReport', completedOn: '2025-05-01', proposedTerms: terms },
  { kind: 'SchedulePanel', panelOn: '2025-06-10', papersSentOn: '2025-06-02' },
  {
    kind: 'RecordPanelRecommendation',
    panelOn: '2025-06-10',
    recommendation: 'approve',
    minutesFinalisedOn: '2025-06-12',
  },
  { kind: 'Approve', decidedOn: '2025-06-16', terms },
  { kind: 'SignFosterCareAgreement', signedOn: '2025-06-20', signedBy: ['a1'] },
  { kind: 'ReceiveResignation', receivedOn: '2026-02-02' },
];

describe('household projections through the command handler and store', () => {
  it('records a household from application to resignation; the register and compliance replay as of dates', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: householdEvents,
      decider: householdDecider,
      commandCodec: HouseholdCommand,
    });
    for (const command of journey) {
      const outcome = await handle(householdStreamId('h1'), command as HouseholdCommand, ssw);
      if (E.isLeft(outcome))
        throw new Error(`${(command as { kind: string }).kind}: ${outcome.left.message}`);
    }
    const runner = projectionRunner({ store, projection: householdRecords });
    const caughtUp = await runner.catchUp();
    if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
    const records = runner.state();

    expect(approvalsRegister(records, day('2025-03-01'))).toMatchObject([
      { householdId: 'h1', status: 'applicant' },
    ]);
    expect(approvalsRegister(records, day('2025-07-01'))).toEqual([
      {
        householdId: 'h1',
        status: 'approved',
        approvedOn: '2025-06-16',
        terms: { ...terms, supportPackages: [], exemptions: [] },
        carers: ['Priya Shah'],
        agreementSignedOn: '2025-06-20',
        nextReviewDue: '2026-06-16',
      },
    ]);
    expect(approvalsRegister(records, day('2026-03-01'))[0]?.status).toBe('approved');
    expect(approvalsRegister(records, day('2026-03-02'))[0]?.status).toBe('resigned');

    const [compliance] = approvalsCompliance(records, complianceContext(day('2025-07-01')));
    expect(compliance?.findings.map((f) => `${f.rule.id}:${f.code}`).sort()).toEqual([
      'ssw:ssw-not-allocated',
      'training:training-missing-first-aid',
      'training:training-missing-safeguarding',
    ]);
  });

  it('refuses a malformed command from outside TypeScript, naming the field, and stores nothing', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: householdEvents,
      decider: householdDecider,
      commandCodec: HouseholdCommand,
    });
    const outcome = await handle(
      householdStreamId('h2'),
      { ...(journey[0] as object), receivedOn: '2025-02-30' } as HouseholdCommand,
      ssw,
    );
    expect(E.isLeft(outcome) && outcome.left).toMatchObject({ _tag: 'InvalidCommand', field: 'receivedOn' });
    expect(await store.streamState(householdStreamId('h2'))).toEqual({ exists: false });
    const approve = await handle(
      householdStreamId('h2'),
      { kind: 'Approve', decidedOn: '2025-06-16' } as never,
      ssw,
    );
    expect(E.isLeft(approve) && approve.left).toMatchObject({ _tag: 'InvalidCommand', field: 'terms' });
  });
});
