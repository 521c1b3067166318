import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { expectSelfContained } from '../__fixtures__/html-checks.js';
import { expectedMarks, HOSTILE, quietPack, reviewPack } from '../__fixtures__/review-pack.js';
import { reviewPackHtml } from './render.js';

const html = reviewPackHtml(reviewPack);
const root = parse(html);

const textOf = (selector: string): string => root.querySelector(selector)?.text ?? '';

describe('reviewPackHtml', () => {
  it('is one self-contained document', () => {
    expectSelfContained(html);
    // The check itself catches what it is for.
    for (const bad of [
      '<link rel="stylesheet" href="x.css">',
      '<img src="https://x/y.png">',
      '<p onclick="x()">',
    ]) {
      expect(() => expectSelfContained(html.replace('<main>', `<main>${bad}`)), bad).toThrow();
    }
    expect(root.querySelectorAll('style')).toHaveLength(1);
    expect(root.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    );
  });

  it('is titled by placement, period and history, or by the title given', () => {
    expect(textOf('title')).toBe('Review pack: placement p-ava-brook');
    expect(textOf('h1')).toBe('Review pack: placement p-ava-brook');
    expect(root.querySelectorAll('p.subtitle').map((p) => p.text)).toEqual([
      'Period: 1 Jan 2025 to 30 Jun 2025.',
      'Built from the history as it had happened by 30 Jun 2025.',
    ]);
    const titled = parse(reviewPackHtml(reviewPack, { title: 'Ava <review> & panel' }));
    expect(titled.querySelector('title')?.text).toBe('Ava <review> & panel');
    expect(titled.querySelector('h1')?.text).toBe('Ava <review> & panel');
  });

  it('has every section', () => {
    expect(root.querySelectorAll('section').map((s) => s.id)).toEqual([
      'child',
      'household',
      'placement',
      'timeline',
      'deadlines',
      'late-recordings',
      'respite',
      'plans',
      'written-record',
      'findings',
    ]);
    expect(textOf('footer')).toContain('87 events from 4 streams');
  });

  it('draws the timeline inline with one mark per entry in the period', () => {
    const svg = root.querySelector('section#timeline svg.timeline');
    expect(svg).not.toBeNull();
    for (const [kind, count] of Object.entries(expectedMarks)) {
      expect(root.querySelectorAll(`svg .mark-${kind}`), kind).toHaveLength(count);
    }
    expect(root.querySelectorAll('svg .mark-deadline-missed title')[0]?.text).toContain(
      'rule ssw (NMS 21.8)',
    );
    // And the same entries again as a table, for screen readers.
    expect(root.querySelectorAll('section#timeline details tbody tr')).toHaveLength(
      Object.values(expectedMarks).reduce((a, b) => a + b, 0),
    );
  });

  it('highlights the missed deadline and the one met late', () => {
    const missed = root.querySelectorAll('section#deadlines tr.missed');
    expect(missed.map((tr) => tr.querySelectorAll('td').map((td) => td.text))).toEqual([
      ['ssw (NMS 21.8)', 'unannounced supervisory visit', '31 Mar 2025', 'missed', ''],
    ]);
    expect(missed[0]?.querySelector('strong')?.text).toBe('missed');
    expect(root.querySelectorAll('section#deadlines tr.late td')[3]?.text).toBe('met late');
    expect(root.querySelectorAll('section#deadlines tbody tr')).toHaveLength(reviewPack.deadlines.length);
  });

  it('keeps hostile text as text', () => {
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script');
    expect(html).toContain('O&#39;Brien &lt;b&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; said she would &quot;run&quot;');
    const carers = root.querySelectorAll('section#household dd')[1]?.text;
    expect(carers).toBe(`Sam Brook, ${HOSTILE.carer}`);
    const everyAttribute = root.querySelectorAll('*').flatMap((el) => Object.keys(el.attributes));
    expect(everyAttribute.filter((name) => name.toLowerCase().startsWith('on'))).toEqual([]);
    expect(root.querySelectorAll('a')).toHaveLength(0);
  });

  it('says so when the period is quiet', () => {
    const quiet = parse(reviewPackHtml(quietPack));
    expect(quiet.querySelectorAll('svg .mark')).toHaveLength(0);
    expect(quiet.querySelector('svg text.empty')?.text).toBe('Nothing recorded in this period');
    expect(quiet.querySelector('section#timeline details')).toBeNull();
    expect(quiet.querySelector('section#deadlines p.none')?.text).toBe('No deadlines fell in this period.');
  });
});
