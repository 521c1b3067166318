import { unsafeLocalDate as d } from '@fostering/core';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { expectedMarks, HOSTILE, quietPack, reviewPack } from '../__fixtures__/review-pack.js';
import { reviewPackMarkdown } from './render.js';

const markdown = reviewPackMarkdown(reviewPack);

/** The text under a `## title` heading, up to the next one. */
const section = (md: string, title: string): string => {
  const start = md.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`no section '${title}'`);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
};

const tableRows = (md: string): ReadonlyArray<string> =>
  md.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'));

describe('reviewPackMarkdown', () => {
  it('opens with the placement, the period and the history it was built from', () => {
    expect(markdown.split('\n\n').slice(0, 3)).toEqual([
      '# Review pack: placement p-ava-brook',
      'Period: 1 Jan 2025 to 30 Jun 2025.',
      'Built from the history as it had happened by 30 Jun 2025.',
    ]);
    const recorded = reviewPackMarkdown({ ...reviewPack, asOf: { by: 'recorded', on: d('2025-07-31') } });
    expect(recorded).toContain('Built from the history as it had been recorded by 31 Jul 2025.');
  });

  it('has every section, in reading order', () => {
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Child',
      '## Fostering household',
      '## Placement',
      '## Timeline',
      '## Deadlines in the period',
      '## Late recordings',
      '## Respite',
      '## Current plans',
      '## Written record',
      '## Open findings',
    ]);
    expect(markdown.trimEnd().split('\n').at(-1)).toBe(
      '_Sources: 87 events from 4 streams (placement-p-ava-brook, child-c-ava, household-h-brook, clinic-series-s-ava)._',
    );
  });

  it('writes each entry of the record with its date, author and role, and says which are opinion', () => {
    const written = section(markdown, 'Written record');
    expect(written).toContain(
      '| 4 Mar 2025 | Risk assessment: behaviour | fact | ssw-amina (supervising-social-worker), 4 Mar 2025 | Left school at lunchtime twice in February. |',
    );
    expect(written).toContain(
      '| 4 Mar 2025 | Risk assessment: analysis | **opinion** | ssw-amina (supervising-social-worker), 5 Mar 2025 | \\<script\\>alert(1)\\</script\\> said she would "run" |',
    );
    expect(reviewPackMarkdown({ ...reviewPack, entries: [], audience: 'foster-carer' })).toContain(
      'Nothing written in the period is for the foster carers.',
    );
  });

  it('states the child, household and placement facts', () => {
    expect(section(markdown, 'Child')).toContain('- **Name:** A. M.');
    expect(section(markdown, 'Child')).toContain('- **Age at the end of the period:** 11');
    expect(section(markdown, 'Child')).toContain('- **Placing authority:** Leeds City Council');
    expect(section(markdown, 'Fostering household')).toContain(
      '- **Supervising social worker:** Amina Yusuf',
    );
    const placement = section(markdown, 'Placement');
    expect(placement).toContain('- **Started:** 16 Sep 2024');
    expect(placement).toContain('- **Ended:** not ended');
    expect(placement).not.toContain('Reason for ending');
    expect(placement).toContain('- **Support package:** intensive');
  });

  it('lists the timeline entries of the period as a table', () => {
    const rows = tableRows(section(markdown, 'Timeline'));
    const inPeriod = Object.values(expectedMarks).reduce((a, b) => a + b, 0);
    expect(rows).toHaveLength(1 + inPeriod);
    expect(rows[0]).toBe('| When | Kind | What | Rule | Recorded |');
    expect(rows[1]).toBe('| 16 Sep 2024 to 30 Jun 2025 | placement | Long-term placement |  |  |');
    expect(rows).toContain(
      '| 31 Mar 2025 | **deadline missed** | unannounced supervisory visit: missed | ssw (NMS 21.8) |  |',
    );
    expect(rows.filter((r) => r.includes('| clinic |'))).toHaveLength(expectedMarks.clinic);
    expect(rows.some((r) => r.includes('before the period') || r.includes('after the period'))).toBe(false);
  });

  it('tables the deadlines with their rules and makes the missed one stand out', () => {
    const deadlines = section(markdown, 'Deadlines in the period');
    expect(deadlines).toContain('8 deadlines fell in the period: 6 met, 1 met late, 1 missed.');
    const rows = tableRows(deadlines);
    expect(rows).toHaveLength(1 + reviewPack.deadlines.length);
    for (const id of [
      'child-visits (CPPR 28)',
      'lac-reviews (CPPR 33)',
      'ssw (NMS 21.8)',
      'home-check (NMS 10.5)',
    ]) {
      expect(
        rows.some((r) => r.startsWith(`| ${id} |`)),
        id,
      ).toBe(true);
    }
    expect(rows).toContain(
      '| ssw (NMS 21.8) | unannounced supervisory visit | 31 Mar 2025 | **missed** |  |',
    );
    expect(rows).toContain(
      '| home-check (NMS 10.5) | annual check of the foster home | 20 Jun 2025 | **met late** | 27 Jun 2025 |',
    );
  });

  it('shows late recordings, respite, plans and open findings', () => {
    expect(tableRows(section(markdown, 'Late recordings'))).toEqual([
      '| What | Occurred | Recorded | Days late |',
      "| Social worker's statutory visit | 22 Apr 2025 | 20 May 2025 | 28 |",
    ]);
    const respite = section(markdown, 'Respite');
    expect(respite).toContain('- **Respite year:** 16 Sep 2024 to 15 Sep 2025');
    expect(respite).toContain('- **Entitlement:** 14 days');
    expect(respite).toContain('- **Remaining:** 7 days');
    expect(tableRows(section(markdown, 'Current plans'))).toHaveLength(1 + reviewPack.plans.length);
    expect(tableRows(section(markdown, 'Open findings'))[1]).toBe(
      '| ssw | NMS 21.8 | unannounced supervisory visit: overdue since 2025-03-31 |',
    );
  });

  it('escapes hostile text so it stays text in its cell', () => {
    expect(markdown).toContain("- **Foster carers:** Sam Brook, O'Brien \\<b\\>");
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\>');
    expect(markdown).toContain('Contact: contact with mum \\| col \\| weekly');
    expect(markdown).toContain('see \\[the file\\](javascript:x) and \\](javascript:x)');
    expect(markdown).toContain('Year 6 transition<br>meeting with the new school in June');

    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<(script|b|a|img)\b/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Every row of every table keeps its column count: no pipe in the text opened a cell.
    const plans = html.slice(html.indexOf('Current plans'));
    const firstTable = plans.slice(plans.indexOf('<table>'), plans.indexOf('</table>'));
    const bodyRows = firstTable.split('<tr>').slice(2);
    expect(bodyRows).toHaveLength(reviewPack.plans.length);
    for (const row of bodyRows) expect(row.match(/<td>/g)).toHaveLength(3);
    expect(firstTable).toContain(`<td>Contact: ${HOSTILE.pipe}</td>`);
  });

  it('says so when the period is quiet', () => {
    const quiet = reviewPackMarkdown(quietPack);
    expect(section(quiet, 'Timeline')).toContain('_Nothing recorded in this period._');
    expect(section(quiet, 'Deadlines in the period')).toContain('_No deadlines fell in this period._');
    expect(section(quiet, 'Late recordings')).toContain('_Everything in the period was recorded in time._');
    expect(section(quiet, 'Open findings')).toContain('_No findings were open at the end of the period._');
  });
});
