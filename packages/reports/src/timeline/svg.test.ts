import { unsafeLocalDate as d, type TimelineEntry } from '@fostering/core';
import { type HTMLElement, parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { expectedMarks, HOSTILE, lateVisit, PERIOD, reviewPack } from '../__fixtures__/review-pack.js';
import { LANES } from './lanes.js';
import { timelineSvg } from './svg.js';

const svgOf = (entries: ReadonlyArray<TimelineEntry>, period = PERIOD) => {
  const root = parse(timelineSvg(entries, period));
  const svg = root.querySelector('svg');
  if (svg === null) throw new Error('no <svg> element in the output');
  return svg;
};

const marks = (svg: HTMLElement, kind?: string) =>
  svg.querySelectorAll(kind === undefined ? 'g.mark' : `g.mark-${kind}`);

describe('timelineSvg', () => {
  const svg = svgOf(reviewPack.timeline);

  it('draws one mark per entry in the period, kind by kind', () => {
    for (const [kind, count] of Object.entries(expectedMarks)) {
      expect(marks(svg, kind), kind).toHaveLength(count);
      expect(svg.querySelectorAll(`[data-kind="${kind}"]`), kind).toHaveLength(count);
    }
    expect(marks(svg)).toHaveLength(Object.values(expectedMarks).reduce((a, b) => a + b, 0));
  });

  it('gives every mark its date, and spans their last day', () => {
    const clinicDays = marks(svg, 'clinic').map((m) => m.getAttribute('data-on'));
    expect(clinicDays).toContain('2025-03-04');
    expect(clinicDays).not.toContain('2025-04-15');
    const respite = marks(svg, 'respite').map((m) => [
      m.getAttribute('data-on'),
      m.getAttribute('data-until'),
    ]);
    expect(respite).toEqual([
      ['2025-02-14', '2025-02-16'],
      ['2025-04-11', '2025-04-14'],
    ]);
  });

  it('leaves out entries outside the period and cuts spans at its ends', () => {
    const clinicDays = marks(svg, 'clinic').map((m) => m.getAttribute('data-on'));
    expect(clinicDays).not.toContain('2024-12-24');
    expect(clinicDays).not.toContain('2025-07-08');
    const [placement] = marks(svg, 'placement');
    expect(placement?.getAttribute('data-clipped')).toBe('true');
    const rect = placement?.querySelector('rect');
    // The placement began in 2024, so its bar starts at the left edge of the plot, not before it.
    const firstLane = svg.querySelector('rect.lane');
    expect(Number(rect?.getAttribute('x'))).toBe(Number(firstLane?.getAttribute('x')));
    expect(Number(rect?.getAttribute('x')) + Number(rect?.getAttribute('width'))).toBeCloseTo(
      Number(firstLane?.getAttribute('x')) + Number(firstLane?.getAttribute('width')),
      1,
    );
  });

  it('draws spans as bars and single days as dots', () => {
    expect(marks(svg, 'respite').every((m) => m.querySelector('rect') !== null)).toBe(true);
    expect(marks(svg, 'clinic').every((m) => m.querySelector('circle') !== null)).toBe(true);
  });

  it('draws a missed deadline as a red diamond naming its rule', () => {
    const [missed] = marks(svg, 'deadline-missed');
    expect(missed?.getAttribute('data-rule')).toBe('ssw');
    const diamond = missed?.querySelector('path');
    expect(diamond?.getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+L[\d.]+ [\d.]+Z$/);
    expect(diamond?.getAttribute('fill')).toBe('#e53935');
    expect(missed?.querySelector('title')?.text).toBe(
      'Due 31 Mar 2025: unannounced supervisory visit: missed; rule ssw (NMS 21.8)',
    );
  });

  it('flags a late recording', () => {
    const late = svg.querySelectorAll('g.mark.late');
    expect(late.map((m) => m.getAttribute('data-on'))).toEqual([lateVisit.on]);
    expect(late[0]?.getAttribute('data-late')).toBe('true');
    expect(late[0]?.querySelector('.late-flag')).not.toBeNull();
    expect(late[0]?.querySelector('title')?.text).toContain('recorded late, on 20 May 2025');
  });

  it('has one lane per kind group and a tick for each month', () => {
    expect(svg.querySelectorAll('rect.lane').map((l) => l.getAttribute('data-lane'))).toEqual(
      LANES.map((l) => l.id),
    );
    expect(svg.querySelectorAll('text.tick-label').map((t) => t.text)).toEqual([
      'Jan 2025',
      'Feb 2025',
      'Mar 2025',
      'Apr 2025',
      'May 2025',
      'Jun 2025',
    ]);
    expect(svg.querySelector('text.empty')).toBeNull();
  });

  it('thins the month ticks over a long period', () => {
    const long = svgOf([], { from: d('2020-03-15'), to: d('2025-03-14') });
    const ticks = long.querySelectorAll('text.tick-label').map((t) => t.text);
    expect(ticks.length).toBeLessThanOrEqual(12);
    expect(ticks[0]).toBe('Apr 2020');
  });

  it('says so when nothing was recorded in the period', () => {
    const empty = svgOf(reviewPack.timeline, { from: d('2025-08-01'), to: d('2025-08-14') });
    expect(marks(empty)).toHaveLength(0);
    expect(empty.querySelector('text.empty')?.text).toBe('Nothing recorded in this period');
    expect(empty.querySelector('title')?.text).toBe('Timeline, 1 Aug 2025 to 14 Aug 2025: 0 entries');
  });

  it('escapes model text in content and attributes', () => {
    const hostile: TimelineEntry = {
      on: d('2025-02-01'),
      kind: 'concern',
      label: HOSTILE.concern,
      rule: { id: HOSTILE.attribute, citation: '<b>NMS</b>' },
    };
    const raw = timelineSvg([hostile], PERIOD);
    expect(raw).not.toContain('<script');
    expect(raw).not.toContain('<b>');
    const parsed = svgOf([hostile]);
    const everyAttribute = parsed.querySelectorAll('*').flatMap((el) => Object.keys(el.attributes));
    expect(everyAttribute.filter((name) => name.toLowerCase().startsWith('on'))).toEqual([]);
    const [mark] = marks(parsed, 'concern');
    expect(mark?.getAttribute('data-rule')).toBe(HOSTILE.attribute);
    expect(mark?.querySelector('title')?.text).toBe(
      `1 Feb 2025: ${HOSTILE.concern}; rule ${HOSTILE.attribute} (<b>NMS</b>)`,
    );
  });

  it('honours the width option and refuses a period that ends before it starts', () => {
    expect(svgOf([], PERIOD).getAttribute('width')).toBe('960');
    expect(
      parse(timelineSvg([], PERIOD, { width: 640 }))
        .querySelector('svg')
        ?.getAttribute('width'),
    ).toBe('640');
    expect(() => timelineSvg([], { from: d('2025-02-01'), to: d('2025-01-01') })).toThrow(RangeError);
  });
});
