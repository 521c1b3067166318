import { describe, expect, it } from 'vitest';
import { complianceContext } from '../../compliance/context.js';
import { fold } from '../../eventsourcing/index.js';
import { rules } from '../../rules/index.js';
import { anOpenSeries, d, held, notes, scheduled } from '../__fixtures__/clinic-history.js';
import { clinicDecider } from '../decider.js';
import * as ev from '../events/index.js';
import { clinicCompliance } from './clinic-compliance.js';

const foldClinic = fold(clinicDecider());
const on = (date: string) => complianceContext(d(date));

describe('clinic compliance (rule clinic-cadence)', () => {
  it('reports notes written on time as met, late as met-late, and missing as overdue after notesDueDays', () => {
    const state = foldClinic([
      ...anOpenSeries(),
      held('s1', '2025-01-13'),
      notes('s1', '2025-01-18'),
      held('s2', '2025-01-27'),
      notes('s2', '2025-02-03'),
      held('s3', '2025-02-10'),
    ]);
    const result = clinicCompliance(state, on('2025-02-16'));
    expect(result.deadlines.map((x) => [x.dueOn, x.state])).toEqual([
      ['2025-01-18', 'met'],
      ['2025-02-01', 'met-late'],
      ['2025-02-15', 'overdue'],
    ]);
    expect(result.findings.map((f) => f.code)).toEqual(['clinic-notes', 'clinic-notes']);
    for (const item of [...result.deadlines, ...result.findings])
      expect(item.rule).toEqual(rules.clinicCadence);
    // As of the 15th the third session's notes are still due, not overdue.
    expect(clinicCompliance(state, on('2025-02-15')).deadlines[2]?.state).toBe('due-soon');
  });

  it('reports gaps between sessions and the gap still running, beyond cadence plus grace (21 days)', () => {
    const state = foldClinic([
      ...anOpenSeries(),
      held('s1', '2025-01-13'),
      held('s2', '2025-02-03'),
      held('s3', '2025-02-24'),
    ]);
    expect(clinicCompliance(state, on('2025-03-17')).gaps).toEqual([]);
    const result = clinicCompliance(state, on('2025-03-18'));
    expect(result.gaps.map((g) => [g.kind, g.from, g.to, g.days])).toEqual([
      ['since-last', '2025-02-24', '2025-03-18', 22],
    ]);
    const wider = foldClinic([...anOpenSeries(), held('s1', '2025-01-13'), held('s2', '2025-02-05')]);
    expect(
      clinicCompliance(wider, on('2025-02-05')).gaps.map((g) => [g.kind, g.days, g.allowedDays]),
    ).toEqual([['between-sessions', 23, 21]]);
    const late = foldClinic([...anOpenSeries(), held('s1', '2025-02-03')]);
    expect(clinicCompliance(late, on('2025-02-03')).gaps.map((g) => g.kind)).toEqual(['first-session']);
  });

  it('reports a session missed when its date passed with nothing recorded; a moved or cancelled one is not', () => {
    const state = foldClinic([
      ...anOpenSeries(),
      scheduled('s1', '2025-01-13'),
      scheduled('s2', '2025-01-27'),
      scheduled('s3', '2025-02-10'),
      ev.SessionRescheduled.create({
        sessionId: 's2',
        to: d('2025-02-03'),
        reason: 'school-holidays',
        rescheduledOn: d('2025-01-20'),
      }),
      ev.SessionCancelled.create({
        sessionId: 's3',
        cancelledBy: 'carer',
        reason: 'Contact',
        cancelledOn: d('2025-02-07'),
      }),
    ]);
    expect(
      clinicCompliance(state, on('2025-01-28')).missedSessions.map((m) => [m.sessionId, m.scheduledFor]),
    ).toEqual([['s1', '2025-01-13']]);
    // As of the 19th the move had not happened yet.
    expect(clinicCompliance(state, on('2025-01-19')).missedSessions.map((m) => m.sessionId)).toEqual(['s1']);
    expect(clinicCompliance(state, on('2025-02-11')).missedSessions.map((m) => m.sessionId)).toEqual([
      's1',
      's2',
    ]);
    expect(
      clinicCompliance(state, on('2025-02-11')).findings.filter((f) => f.code === 'clinic-session-missed'),
    ).toHaveLength(2);
  });

  it('reports nothing before the series opened, and no running gap after it closed', () => {
    const state = foldClinic([
      ...anOpenSeries(),
      held('s1', '2025-01-13'),
      notes('s1', '2025-01-13'),
      ev.ClinicSeriesClosed.create({ closedOn: d('2025-01-20') }),
    ]);
    expect(clinicCompliance(state, on('2025-01-01'))).toMatchObject({
      gaps: [],
      deadlines: [],
      findings: [],
    });
    expect(clinicCompliance(state, on('2025-06-01')).findings).toEqual([]);
  });
});
