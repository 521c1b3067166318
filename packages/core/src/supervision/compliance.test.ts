import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as hev from '../approvals/events/index.js';
import { complianceContext } from '../compliance/context.js';
import { commandHandler, fold, inMemoryEventStore, projectionRunner } from '../eventsourcing/index.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { approvedHousehold, foldHousehold, visit } from './__fixtures__/household.js';
import {
  d,
  registered,
  sessionCommand,
  sessionRecorded,
  startedOn,
  supervisorId,
} from './__fixtures__/staff-history.js';
import { StaffCommand } from './commands.js';
import { supervisionDueLists } from './compliance/due-lists.js';
import {
  householdSupervision,
  nextSupervisoryVisitDue,
  unannouncedVisitCompliance,
} from './compliance/household-supervision.js';
import { staffCompliance } from './compliance/staff-compliance.js';
import { staffDecider, staffStreamId } from './decider.js';
import * as ev from './events/index.js';
import { staffEvents } from './events/index.js';
import { staffRecords } from './projections/staff.js';

const foldStaff = fold(staffDecider);
const at = (asOf: string) => complianceContext(d(asOf));

describe('staff compliance (rule staff-supervision)', () => {
  it('a therapeutic support worker is due clinical supervision 31 days after starting, then after each session', () => {
    const state = foldStaff([
      registered(),
      sessionRecorded(d('2025-02-03')),
      sessionRecorded(d('2025-04-01'), 's2', 'managerial'),
    ]);
    const result = staffCompliance(state, at('2025-04-01'));
    const clinical = result.deadlines.filter((x) => x.code === 'clinical-supervision');
    expect(clinical.map((x) => [x.dueOn, x.state])).toEqual([
      ['2025-02-06', 'met'],
      ['2025-03-06', 'overdue'],
    ]);
    expect(clinical[0]?.rule).toMatchObject({ id: 'staff-supervision', citation: 'NMS 24; policy' });
    expect(result.findings.map((f) => f.code)).toEqual(['clinical-supervision']);
    expect(clinical[1]?.subject).toEqual({ staffId: 'staff-jo' });
  });

  it('appraisal is due 12 months after the start, then after each appraisal, for every role', () => {
    const state = foldStaff([
      registered('supervising-social-worker'),
      ev.AppraisalCompleted.create({ appraisedOn: d('2026-02-01'), appraiserId: supervisorId }),
    ]);
    const result = staffCompliance(state, at('2026-03-01'));
    expect(result.deadlines.map((x) => [x.code, x.dueOn, x.state])).toEqual([
      ['appraisal', '2026-01-06', 'met-late'],
      ['appraisal', '2027-02-01', 'upcoming'],
    ]);
    expect(result.findings.map((f) => f.message)).toEqual([
      'appraisal within 12 months of starting on 2025-01-06: met late on 2026-02-01, due 2026-01-06',
    ]);
  });

  it('uses the agency policy, and reports nothing before the start or after leaving', () => {
    const policy = {
      ...defaultAgencyPolicy,
      supervision: { ...defaultAgencyPolicy.supervision, staffSupervisionIntervalDays: 14 },
    };
    const state = foldStaff([registered('clinician')]);
    const result = staffCompliance(state, complianceContext(d('2025-01-10'), { policy }));
    expect(result.deadlines.find((x) => x.code === 'clinical-supervision')?.dueOn).toBe('2025-01-20');
    expect(staffCompliance(state, at('2025-01-05')).deadlines).toEqual([]);
    const gone = foldStaff([registered(), ev.StaffMemberLeft.create({ leftOn: d('2025-03-01') })]);
    expect(staffCompliance(gone, at('2025-03-01')).deadlines).toEqual([]);
    expect(staffCompliance(gone, at('2025-02-28')).deadlines).not.toEqual([]);
  });
});

describe('household supervision (rules ssw, home-check)', () => {
  const approvedOn = d('2025-01-10');

  it('the regular visit is due sswVisitIntervalDays after the last visit of any kind, or approval', () => {
    const fresh = foldHousehold(approvedHousehold('h1', approvedOn));
    expect(nextSupervisoryVisitDue(fresh, defaultAgencyPolicy)).toBe('2025-02-10');
    const visited = foldHousehold([...approvedHousehold('h1', approvedOn), visit(d('2025-02-01'), true)]);
    expect(nextSupervisoryVisitDue(visited, defaultAgencyPolicy)).toBe('2025-03-04');
    const result = householdSupervision(visited, at('2025-03-05'));
    expect(result?.deadlines.map((x) => [x.code, x.rule.id, x.state])).toEqual([
      ['supervisory-visit', 'ssw', 'overdue'],
      ['unannounced-visit', 'ssw', 'upcoming'],
      ['home-check', 'home-check', 'upcoming'],
    ]);
    expect(result?.findings.map((f) => f.code)).toEqual(['supervisory-visit']);
  });

  it('reports nothing for a household that is not approved on the date', () => {
    expect(
      householdSupervision(foldHousehold(approvedHousehold('h1', approvedOn)), at('2025-01-09')),
    ).toBeUndefined();
  });

  it('lists households approved over a year without an unannounced visit in the last 12 months', () => {
    const records = {
      never: foldHousehold(approvedHousehold('never', approvedOn)),
      lapsed: foldHousehold([
        ...approvedHousehold('lapsed', approvedOn),
        visit(d('2025-03-01'), false),
        visit(d('2026-03-05'), true),
      ]),
      recent: foldHousehold([...approvedHousehold('recent', approvedOn), visit(d('2025-06-01'), false)]),
      young: foldHousehold(approvedHousehold('young', d('2025-04-01'))),
      ended: foldHousehold([
        ...approvedHousehold('ended', approvedOn),
        hev.ApprovalTerminated.create({
          noticeGivenOn: d('2025-12-01'),
          takesEffectOn: d('2026-01-05'),
          reason: 'r',
        }),
      ]),
    };
    const gaps = unannouncedVisitCompliance(records, d('2026-03-10'));
    expect(gaps.map((g) => [g.householdId, g.dueOn, g.rule.citation])).toEqual([
      ['lapsed', '2026-03-01', 'NMS 21.8'],
      ['never', '2026-01-10', 'NMS 21.8'],
    ]);
    // Due on the anniversary: listed from the day after.
    expect(unannouncedVisitCompliance({ never: records.never }, d('2026-01-10'))).toEqual([]);
    expect(unannouncedVisitCompliance({ never: records.never }, d('2026-01-11'))).toHaveLength(1);
  });
});

describe('due lists and the staff projection', () => {
  it('folds staff streams through the store and lists open deadlines per household and member of staff', async () => {
    const store = inMemoryEventStore();
    const handle = commandHandler({
      store,
      registry: staffEvents,
      decider: staffDecider,
      commandCodec: StaffCommand,
    });
    const manager = { actor: { id: 'staff-priya', role: 'manager' } };
    const commands: ReadonlyArray<StaffCommand> = [
      { kind: 'RegisterStaffMember', staffId: 'staff-jo', role: 'therapeutic-support-worker', startedOn },
      sessionCommand(),
    ];
    for (const command of commands) {
      const outcome = await handle(staffStreamId('staff-jo'), command, manager);
      if (E.isLeft(outcome)) throw new Error(`${command.kind}: ${outcome.left.message}`);
    }
    const runner = projectionRunner({ store, projection: staffRecords });
    const caughtUp = await runner.catchUp();
    if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);
    const staff = runner.state();
    expect(Object.keys(staff)).toEqual(['staff-jo']);
    expect(staff['staff-jo']?.sessions.map((x) => x.kind)).toEqual(['clinical']);
    const households = { h1: foldHousehold(approvedHousehold('h1', d('2025-01-10'))) };
    const lists = supervisionDueLists(households, staff, at('2025-03-20'));
    expect(lists.households.map((h) => [h.householdId, h.overdue.map((x) => x.code)])).toEqual([
      ['h1', ['supervisory-visit']],
    ]);
    expect(lists.staff.map((x) => [x.staffId, x.role, x.overdue.map((o) => o.code)])).toEqual([
      ['staff-jo', 'therapeutic-support-worker', ['clinical-supervision']],
    ]);
    expect(lists.staff[0]?.due.every((x) => x.state !== 'met')).toBe(true);
  });
});
