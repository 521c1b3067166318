import type { ComplianceReport, RuleFindings } from '@fostering/core';
import { formatAsOf, formatDate, formatSubject, plural } from '../format.js';
import type { Block, ReportDocument, Section } from '../render/document.js';

// Anchors are numbered, not derived from rule ids: an id is model text, and an anchor must be a safe token.
const anchorOf = (index: number): string => `rule-${index + 1}`;

const summary = (report: ComplianceReport): Section => ({
  id: 'summary',
  title: 'Summary',
  blocks: [
    {
      kind: 'facts',
      facts: [
        ['Findings', String(report.totals.findings)],
        ['Rules with findings', String(report.totals.rulesWithFindings)],
        ['Deadlines overdue', String(report.totals.deadlinesOverdue)],
        ['Deadlines due soon', String(report.totals.deadlinesDueSoon)],
      ],
    },
  ],
});

const population = (report: ComplianceReport): Section => {
  const p = report.population;
  return {
    id: 'population',
    title: 'Population',
    blocks: [
      {
        kind: 'facts',
        facts: [
          ['Fostering households', `${p.households} (${p.approvedHouseholds} approved)`],
          ['Children', String(p.children)],
          ['Open placements', String(p.placementsOpen)],
          ['Staff', String(p.staff)],
          ['Clinic series', String(p.clinicSeries)],
        ],
      },
    ],
  };
};

const byRule = (report: ComplianceReport): Section => ({
  id: 'by-rule',
  title: 'Findings by rule',
  blocks: [
    {
      kind: 'table',
      columns: ['Rule', 'Citation', 'Summary', 'Findings'],
      rows: report.byRule.map((r, i) => ({
        cells: [{ text: r.rule.id, anchor: anchorOf(i) }, r.rule.citation, r.summary, String(r.count)],
      })),
      empty: 'No findings: every rule is met.',
    },
  ],
});

const recordsOf = (r: RuleFindings, index: number): ReadonlyArray<Block> => [
  { kind: 'heading', id: anchorOf(index), text: `${r.rule.id} (${r.rule.citation}): ${r.summary}` },
  // The projection may list fewer records than it counts (a cap for very large agencies); say so rather than
  // let the table pass for the whole.
  ...(r.records.length < r.count
    ? [{ kind: 'paragraph' as const, text: `Showing ${r.records.length} of ${plural(r.count, 'finding')}.` }]
    : []),
  {
    kind: 'table',
    columns: ['Subject', 'Code', 'Finding', 'Due'],
    rows: r.records.map((record) => ({
      cells: [
        formatSubject(record.subject),
        record.code,
        record.message,
        record.dueOn === undefined ? '' : formatDate(record.dueOn),
      ],
    })),
    empty: 'No records listed.',
  },
];

const records = (report: ComplianceReport): ReadonlyArray<Section> =>
  report.byRule.length === 0
    ? []
    : [{ id: 'records', title: 'Affected records by rule', blocks: report.byRule.flatMap(recordsOf) }];

/** The agency's compliance on a date, laid out as an inspector reads it: totals, then each rule's records. */
export const complianceDocument = (report: ComplianceReport): ReportDocument => ({
  title: 'Compliance report',
  subtitle: [`Findings across the agency on ${formatDate(report.asOf.on)}, from ${formatAsOf(report.asOf)}.`],
  sections: [summary(report), population(report), byRule(report), ...records(report)],
  footer: `${plural(report.totals.findings, 'finding')} under ${plural(report.byRule.length, 'rule')}.`,
});
