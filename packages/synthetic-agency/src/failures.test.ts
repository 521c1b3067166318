import {
  approvalsCompliance,
  clinicCompliance,
  complianceContext,
  type Finding,
  type LocalDate,
  placementsCompliance,
  rules,
  staffCompliance,
  supervisionDueLists,
  unannouncedVisitCompliance,
} from '@fostering/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { explains, findingsOf, type Records, recordsOf } from './__fixtures__/records.js';
import { smallAgency } from './__fixtures__/small-agency.js';
import type { SimulatedAgency } from './generate.js';
import type { PlantedFailure } from './world.js';

/** Each planted failure, the rule the domain brief files it under, and the compliance function that reports it. */
const failures: ReadonlyArray<
  readonly [PlantedFailure['kind'], string, (records: Records, asOf: LocalDate) => ReadonlyArray<Finding>]
> = [
  [
    'clinic-notes-late',
    'clinic-cadence',
    (r, asOf) =>
      Object.values(r.clinics).flatMap((s) => clinicCompliance(s, complianceContext(asOf)).findings),
  ],
  [
    'clinic-session-missed',
    'clinic-cadence',
    (r, asOf) =>
      Object.values(r.clinics).flatMap((s) => clinicCompliance(s, complianceContext(asOf)).findings),
  ],
  ['unannounced-visit-missing', 'ssw', (r, asOf) => unannouncedVisitCompliance(r.households, asOf)],
  [
    'training-lapsed',
    'training',
    (r, asOf) => approvalsCompliance(r.households, complianceContext(asOf)).flatMap((h) => h.findings),
  ],
  [
    'training-missing',
    'training',
    (r, asOf) => approvalsCompliance(r.households, complianceContext(asOf)).flatMap((h) => h.findings),
  ],
  [
    'allergy-not-in-safe-care-plan',
    'risk-complete',
    (r, asOf) => placementsCompliance(r, complianceContext(asOf)).placements.flatMap((p) => p.findings),
  ],
  [
    'pet-risk-assessment-missing',
    'risk-complete',
    (r, asOf) => approvalsCompliance(r.households, complianceContext(asOf)).flatMap((h) => h.findings),
  ],
  [
    'annual-review-overdue',
    'annual-review',
    (r, asOf) => approvalsCompliance(r.households, complianceContext(asOf)).flatMap((h) => h.findings),
  ],
  [
    'child-visit-late',
    'child-visits',
    (r, asOf) => placementsCompliance(r, complianceContext(asOf)).children.flatMap((c) => c.findings),
  ],
  [
    'clinical-supervision-late',
    'staff-supervision',
    (r, asOf) => Object.values(r.staff).flatMap((s) => staffCompliance(s, complianceContext(asOf)).findings),
  ],
  [
    'appraisal-overdue',
    'staff-supervision',
    (r, asOf) => Object.values(r.staff).flatMap((s) => staffCompliance(s, complianceContext(asOf)).findings),
  ],
];

describe('planted failures show up as findings on the last day', () => {
  let agency: SimulatedAgency;
  let records: Records;
  beforeAll(async () => {
    agency = await smallAgency();
    records = await recordsOf(agency.store);
  });

  it.each(failures)('%s: reported under rule %s', (kind, ruleId, report) => {
    const planted = agency.planted.filter((p) => p.kind === kind);
    expect(planted.length).toBeGreaterThan(0);
    expect(Object.values(rules).some((rule) => rule.id === ruleId)).toBe(true);
    const findings = report(records, agency.asOf);
    for (const failure of planted) {
      expect(failure.ruleId).toBe(ruleId);
      const found = findings.filter((f) => explains(failure, f));
      expect(found, `no ${ruleId} finding for ${JSON.stringify(failure)}`).not.toHaveLength(0);
    }
  });

  it('lists the missed unannounced visits and the overdue appraisal among what is overdue', () => {
    const due = supervisionDueLists(records.households, records.staff, complianceContext(agency.asOf));
    for (const failure of agency.planted.filter((p) => p.kind === 'unannounced-visit-missing')) {
      const household = due.households.find((h) => h.householdId === failure.householdId);
      expect(household?.overdue.map((d) => d.code)).toContain('unannounced-visit');
    }
    for (const failure of agency.planted.filter((p) => p.kind === 'appraisal-overdue')) {
      const member = due.staff.find((s) => s.staffId === failure.staffId);
      expect(member?.overdue.map((d) => d.code)).toContain('appraisal');
    }
  });

  it('reports nothing else: every finding in every area is a planted failure', () => {
    const findings = findingsOf(records, agency.asOf);
    const unexplained = findings.filter((f) => !agency.planted.some((p) => explains(p, f)));
    expect(
      unexplained.map((f) => `${f.area}: ${f.rule.id}/${f.code} ${JSON.stringify(f.subject)} ${f.message}`),
    ).toEqual([]);
    expect(new Set(findings.map((f) => f.area))).toEqual(
      new Set(['approvals', 'placements', 'children', 'clinics', 'staff', 'supervision']),
    );
  });
});
