import { approvalsCompliance } from '../approvals/projections/households.js';
import { isApprovedOn } from '../approvals/status.js';
import { clinicCompliance } from '../clinics/compliance/clinic-compliance.js';
import type { ComplianceContext } from '../compliance/context.js';
import type { Deadline, Finding } from '../compliance/finding.js';
import { placementsCompliance } from '../placements/projections/agency-compliance.js';
import { rules } from '../rules/index.js';
import { householdSupervision } from '../supervision/compliance/household-supervision.js';
import { employedOn, staffCompliance } from '../supervision/compliance/staff-compliance.js';
import type { AgencyRecords } from './agency-records.js';
import type { AsOfBasis, ComplianceReport, RuleFindings } from './model.js';

/** Every deadline and finding the areas report on the context's date, before grouping. */
export const agencyFindings = (
  records: AgencyRecords,
  context: ComplianceContext,
): { readonly deadlines: ReadonlyArray<Deadline>; readonly findings: ReadonlyArray<Finding> } => {
  const households = approvalsCompliance(records.households, context);
  const placements = placementsCompliance(records, context);
  const clinics = Object.values(records.clinics).map((series) => clinicCompliance(series, context));
  const staff = Object.values(records.staff).map((member) => staffCompliance(member, context));
  const supervision = Object.values(records.households).flatMap((state) => {
    const visits = householdSupervision(state, context);
    return visits === undefined ? [] : [visits];
  });
  const parts = [
    ...households,
    ...placements.placements,
    ...placements.children,
    ...clinics,
    ...staff,
    ...supervision,
  ];
  // Two areas may judge the same obligation (supervision repeats approvals' yearly visits): count it once. Two
  // findings of one record under one code that say different things (two gaps between clinics, two uncovered
  // needs of a child) are two findings, so a finding's message is part of what makes it the same one.
  const unique = <A extends { rule: { id: string }; code: string; subject: object; dueOn?: string }>(
    items: ReadonlyArray<A>,
    detail: (item: A) => string,
  ) => [
    ...new Map(
      items.map((i) => [JSON.stringify([i.rule.id, i.code, i.subject, i.dueOn, detail(i)]), i]),
    ).values(),
  ];
  return {
    deadlines: unique(
      parts.flatMap((part) => part.deadlines),
      () => '',
    ),
    findings: unique(
      parts.flatMap((part) => part.findings),
      (finding) => finding.message,
    ),
  };
};

const summaryOf = (ruleId: string): string =>
  Object.values(rules).find((rule) => rule.id === ruleId)?.summary ?? '';

/**
 * The agency compliance report on the context's date: every finding grouped by rule, most findings first, with
 * the records affected, and the size of the agency it was judged over. Give it records as they stood on that
 * date (as-of replay) to see what an inspector would have seen then.
 */
export const complianceReport = (
  records: AgencyRecords,
  context: ComplianceContext,
  by: AsOfBasis = 'occurred',
): ComplianceReport => {
  const { deadlines, findings } = agencyFindings(records, context);
  const byRule = new Map<string, RuleFindings>();
  for (const finding of findings) {
    const group = byRule.get(finding.rule.id) ?? {
      rule: finding.rule,
      summary: summaryOf(finding.rule.id),
      count: 0,
      records: [],
    };
    byRule.set(finding.rule.id, {
      ...group,
      count: group.count + 1,
      records: [
        ...group.records,
        {
          subject: finding.subject,
          code: finding.code,
          message: finding.message,
          ...(finding.dueOn === undefined ? {} : { dueOn: finding.dueOn }),
        },
      ],
    });
  }
  const asOf = context.asOf;
  const placements = Object.values(records.placements);
  return {
    asOf: { by, on: asOf },
    population: {
      households: Object.keys(records.households).length,
      approvedHouseholds: Object.values(records.households).filter((h) => isApprovedOn(h, asOf)).length,
      children: Object.keys(records.children).length,
      placementsOpen: placements.filter(
        (p) =>
          p.started !== undefined &&
          p.started.startedOn <= asOf &&
          (p.ended === undefined || p.ended.endedOn > asOf),
      ).length,
      staff: Object.values(records.staff).filter((s) => employedOn(s, asOf)).length,
      clinicSeries: Object.values(records.clinics).filter(
        (s) =>
          s.openedOn !== undefined && s.openedOn <= asOf && (s.closedOn === undefined || s.closedOn > asOf),
      ).length,
    },
    totals: {
      findings: findings.length,
      rulesWithFindings: byRule.size,
      deadlinesDueSoon: deadlines.filter((d) => d.state === 'due-soon').length,
      deadlinesOverdue: deadlines.filter((d) => d.state === 'overdue').length,
    },
    byRule: [...byRule.values()].sort((a, b) => b.count - a.count || (a.rule.id < b.rule.id ? -1 : 1)),
  };
};
