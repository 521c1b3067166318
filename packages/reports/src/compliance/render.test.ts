import { marked } from 'marked';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { cleanReport, complianceReport } from '../__fixtures__/compliance-report.js';
import { expectSelfContained } from '../__fixtures__/html-checks.js';
import { complianceHtml, complianceMarkdown } from './render.js';

describe('complianceMarkdown', () => {
  const markdown = complianceMarkdown(complianceReport);

  it('states the date, the basis and the totals', () => {
    expect(markdown).toContain(
      'Findings across the agency on 1 Jul 2025, from the history as it had been recorded by 1 Jul 2025.',
    );
    expect(markdown).toContain('- **Findings:** 9');
    expect(markdown).toContain('- **Deadlines overdue:** 5');
    expect(markdown).toContain('- **Fostering households:** 42 (38 approved)');
  });

  it('summarises by rule, most findings first, then lists each rule’s records', () => {
    const summary = markdown.slice(
      markdown.indexOf('## Findings by rule'),
      markdown.indexOf('## Affected records'),
    );
    expect(summary.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---'))).toEqual(
      [
        '| Rule | Citation | Summary | Findings |',
        '| clinic\\-cadence | policy | Clinics fortnightly, 60 or 90 minutes; notes written up promptly | 4 |',
        '| ssw | NMS 21.8 | A named supervising social worker; an unannounced visit a year | 2 |',
        '| risk\\-complete | NMS 26.2 | Safe care covers every pet and every allergy and medical need | 2 |',
        '| staff\\-supervision | NMS 24; policy | Supervision records complete; appraisal yearly | 1 |',
      ].map((l) => l.replaceAll('\\-', '-')),
    );
    expect(markdown.split('\n').filter((l) => l.startsWith('### '))).toEqual([
      '### clinic-cadence (policy): Clinics fortnightly, 60 or 90 minutes; notes written up promptly',
      '### ssw (NMS 21.8): A named supervising social worker; an unannounced visit a year',
      '### risk-complete (NMS 26.2): Safe care covers every pet and every allergy and medical need',
      '### staff-supervision (NMS 24; policy): Supervision records complete; appraisal yearly',
    ]);
    expect(markdown).toContain('Showing 3 of 4 findings.');
    expect(markdown).toContain(
      '| household h-brook, clinic series s-ava | clinic-gap | 35 days between clinics',
    );
  });

  it('escapes hostile text', () => {
    expect(markdown).toContain('household h-\\<img src=x onerror=alert(1)\\>');
    expect(markdown).toContain('no supervising social worker is allocated \\| col \\| \\<script\\>');
    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<(script|img|a)\b/);
    const sswTable = html.slice(html.indexOf('<h3>ssw (NMS 21.8)'));
    const rows = sswTable.slice(0, sswTable.indexOf('</table>')).split('<tr>').slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.match(/<td>/g)).toHaveLength(4);
  });

  it('says so when there are no findings', () => {
    const clean = complianceMarkdown(cleanReport);
    expect(clean).toContain('_No findings: every rule is met._');
    expect(clean).not.toContain('## Affected records');
  });
});

describe('complianceHtml', () => {
  const html = complianceHtml(complianceReport);
  const root = parse(html);

  it('is one self-contained document', () => {
    expectSelfContained(html);
    expect(root.querySelector('title')?.text).toBe('Compliance report');
  });

  it('has a summary table by rule linking to each rule’s records', () => {
    const rows = root.querySelectorAll('section#by-rule tbody tr');
    expect(rows.map((tr) => tr.querySelectorAll('td').map((td) => td.text))).toEqual(
      complianceReport.byRule.map((r) => [r.rule.id, r.rule.citation, r.summary, String(r.count)]),
    );
    const links = root.querySelectorAll('section#by-rule a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['#rule-1', '#rule-2', '#rule-3', '#rule-4']);
    for (const [i, r] of complianceReport.byRule.entries()) {
      const heading = root.querySelector(`h3#rule-${i + 1}`);
      expect(heading?.text).toBe(`${r.rule.id} (${r.rule.citation}): ${r.summary}`);
      const table =
        heading?.nextElementSibling?.tagName === 'TABLE'
          ? heading.nextElementSibling
          : heading?.nextElementSibling?.nextElementSibling;
      expect(table?.querySelectorAll('tbody tr'), r.rule.id).toHaveLength(r.records.length);
    }
  });

  it('keeps hostile text as text', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('household h-&lt;img src=x onerror=alert(1)&gt;');
    const cells = root.querySelectorAll('td').map((td) => td.text);
    expect(cells).toContain('no pet risk assessment for "Rex" [dog](javascript:x)');
  });

  it('says so when there are no findings', () => {
    const clean = parse(complianceHtml(cleanReport));
    expect(clean.querySelector('section#by-rule p.none')?.text).toBe('No findings: every rule is met.');
    expect(clean.querySelector('section#records')).toBeNull();
  });
});
