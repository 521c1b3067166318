import type { ComplianceReport } from '@fostering/core';

/** The compliance report in a few terminal lines: the agency's size, then each rule with findings. */
export const complianceSummary = (report: ComplianceReport, limit = 12): string => {
  const p = report.population;
  const lines = [
    `Compliance as ${report.asOf.by === 'occurred' ? 'it had happened' : 'it had been recorded'} by ${report.asOf.on}`,
    `  ${p.households} households (${p.approvedHouseholds} approved), ${p.children} children, ${p.placementsOpen} placements open, ${p.staff} staff, ${p.clinicSeries} clinic series`,
    `  ${report.totals.findings} findings under ${report.totals.rulesWithFindings} rules; deadlines overdue ${report.totals.deadlinesOverdue}, due soon ${report.totals.deadlinesDueSoon}`,
    '',
    `  ${'rule'.padEnd(28)} ${'citation'.padEnd(26)} ${'findings'.padStart(8)}`,
    ...report.byRule
      .slice(0, limit)
      .map(
        (group) =>
          `  ${group.rule.id.padEnd(28)} ${group.rule.citation.padEnd(26)} ${String(group.count).padStart(8)}`,
      ),
    ...(report.byRule.length > limit ? [`  … and ${report.byRule.length - limit} more rules`] : []),
  ];
  return `${lines.join('\n')}\n`;
};
