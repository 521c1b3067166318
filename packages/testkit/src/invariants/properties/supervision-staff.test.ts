import {
  agencyRecords,
  unsafeLocalDate as d,
  defaultAgencyPolicy,
  inMemoryEventStore,
  project,
  rules,
  type StaffCommand,
  type StaffRole,
} from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { agencyHandle } from '../agency-handle.js';
import { staff } from '../journeys.js';
import { staffFacts } from '../oracles/supervision-facts.js';
import { staffExpected } from '../oracles/supervision-staff.js';
import { runScript, type ScriptRun } from '../run-script.js';
import { ref, script } from '../script.js';
import { supervisionProperties } from './supervision.js';

/**
 * The staff-supervision oracle on hand-written histories (started 2024-01-01; the policy's defaults: clinical
 * supervision every 31 days, an appraisal every 12 months), the property agreeing with the reference
 * projection on them, and catching a projection that lost the appraisals.
 */

const policy = defaultAgencyPolicy;
const s1 = (on: string, command: StaffCommand) => staff('s1', d(on), command);
const registered = (role: StaffRole) =>
  s1('2024-01-01', { kind: 'RegisterStaffMember', staffId: ref('s1'), role, startedOn: d('2024-01-01') });
const session = (on: string, kind: 'clinical' | 'managerial', signed = true) =>
  s1(on, {
    kind: 'RecordSupervisionSession',
    sessionId: `session-${on}`,
    supervisorId: 'clinical-lead',
    heldOn: d(on),
    startTime: '10:00',
    minutes: 60,
    supervisionKind: kind,
    signedBySupervisee: true,
    signedBySupervisor: signed,
  });
const appraisal = (on: string) =>
  s1(on, { kind: 'CompleteAppraisal', appraisedOn: d(on), appraiserId: 'manager-1' });

const runOf = async (steps: Parameters<typeof script>[0], asOf: string) => {
  const store = inMemoryEventStore();
  const run = await runScript(agencyHandle({ store }), store, script(steps, d(asOf)));
  expect(run.defects).toEqual([]);
  return run;
};
const expected = (run: ScriptRun) => {
  const facts = staffFacts(run.events).get(run.id('s1'));
  if (facts === undefined) throw new Error('no member of staff s1 in the run');
  return staffExpected(facts, run.script.asOf, policy)
    .map((e) => e.key.split(run.id('')).join(''))
    .sort();
};
const checked = (run: ScriptRun) => supervisionProperties[rules.staffSupervision.id]?.check(run, policy);

describe('staff-supervision oracle', () => {
  // Clinical sessions on the due day (2024-02-01, on time), then 2024-03-05 (due 2024-03-03: late); a managerial
  // session between does not count.
  const worker = [
    registered('therapeutic-support-worker'),
    session('2024-02-01', 'clinical'),
    session('2024-03-01', 'managerial'),
    session('2024-03-05', 'clinical'),
  ];

  it('reports a late clinical session for good, and the open interval once it is overdue', async () => {
    const early = await runOf(worker, '2024-04-05');
    expect(expected(early)).toEqual(['s1 clinical due 2024-03-03']);
    expect(checked(early)).toEqual([]);
    const late = await runOf(worker, '2024-04-06');
    expect(expected(late)).toEqual(['s1 clinical due 2024-03-03', 's1 clinical due 2024-04-05']);
    expect(checked(late)).toEqual([]);
    // Without the sessions the projection has one interval, from the start: three differences.
    const lost = project(agencyRecords)(late.events.filter((e) => e.type !== 'SupervisionSessionRecorded'));
    expect(checked({ ...late, records: lost })).toEqual([
      expect.stringContaining(
        's1: clinical supervision due 2024-03-03 (after 2024-02-01) was late, on 2024-03-05',
      ),
      expect.stringContaining('s1: clinical supervision due 2024-04-05 (after 2024-03-05) is overdue'),
      expect.stringMatching(
        /s1: the projection reports ".*" \[s1 clinical due 2024-02-01\], yet nothing is due/,
      ),
    ]);
  });

  it('wants an appraisal 12 months after the start, then after each appraisal', async () => {
    const onDue = await runOf([registered('manager'), appraisal('2025-01-01')], '2025-06-01');
    expect(expected(onDue)).toEqual([]);
    const missed = await runOf([registered('clinician'), session('2024-12-20', 'clinical')], '2025-01-02');
    expect(expected(missed)).toEqual(['s1 appraisal due 2025-01-01', 's1 clinical due 2024-02-01']);
    expect(checked(missed)).toEqual([]);
    const lateAppraisal = await runOf([registered('manager'), appraisal('2025-01-02')], '2025-03-01');
    expect(expected(lateAppraisal)).toEqual(['s1 appraisal due 2025-01-01']);
    expect(checked(lateAppraisal)).toEqual([]);
  });

  it('asks nothing of other roles clinically, nor of anyone once they have left', async () => {
    const social = await runOf(
      [registered('supervising-social-worker'), appraisal('2024-12-01')],
      '2025-03-01',
    );
    expect(expected(social)).toEqual([]);
    const left = await runOf(
      [
        registered('therapeutic-support-worker'),
        s1('2024-06-01', { kind: 'RecordStaffMemberLeaving', leftOn: d('2024-06-01') }),
      ],
      '2025-06-01',
    );
    expect(expected(left)).toEqual([]);
    expect(checked(left)).toEqual([]);
  });

  it('refuses a session not signed by both under the rule, and stores none', async () => {
    const run = await runOf(
      [registered('therapeutic-support-worker'), session('2024-01-20', 'clinical', false)],
      '2024-01-20',
    );
    expect(run.outcomes[1]?.answer).toMatchObject({
      _tag: 'Left',
      left: { rule: { id: 'staff-supervision' } },
    });
    expect(staffFacts(run.events).get(run.id('s1'))?.sessions).toEqual([]);
    expect(checked(run)).toEqual([]);
  });
});
