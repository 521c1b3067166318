import {
  addMonths,
  daysBetween,
  type LocalDate,
  maxDate,
  minDate,
  type TimelineEntry,
} from '@fostering/core';
import { escapeHtml } from '../escape.js';
import { formatDate, formatMonth, formatPeriod, formatRule, plural } from '../format.js';
import { entriesInPeriod, isSpan, LANES, laneIndexOf, lastDayOf, type Period } from './lanes.js';
import { formatWhen } from './rows.js';

export interface TimelineOptions {
  /** Width in SVG user units (pixels when shown at natural size); at least 480. Default 960. */
  readonly width?: number;
  /** The accessible name, read out for the whole picture. */
  readonly title?: string;
}

const GUTTER = 210; // room for the lane labels
const RIGHT = 16;
const TOP = 8;
const LANE_HEIGHT = 30;
const AXIS_HEIGHT = 40;
const LEGEND_HEIGHT = 24;
const MAX_TICK_LABELS = 12;

/** Colours per lane: stroke for marks and outlines, fill for spans. Attributes, not CSS, so the SVG looks the
 * same saved on its own as inside the HTML report. */
const COLOURS: Readonly<Record<string, { stroke: string; fill: string }>> = {
  placements: { stroke: '#1565c0', fill: '#bbdefb' },
  respite: { stroke: '#6a1b9a', fill: '#e1bee7' },
  clinics: { stroke: '#00796b', fill: '#b2dfdb' },
  visits: { stroke: '#2e7d32', fill: '#c8e6c9' },
  reviews: { stroke: '#ef6c00', fill: '#ffe0b2' },
  plans: { stroke: '#5d4037', fill: '#d7ccc8' },
  concerns: { stroke: '#ad1457', fill: '#f8bbd0' },
  deadlines: { stroke: '#b71c1c', fill: '#e53935' },
};
const LATE = '#e65100';

// Two decimals are plenty on screen and keep the output byte-for-byte stable across platforms.
const n = (x: number): string => String(Math.round(x * 100) / 100);

const attrs = (values: Readonly<Record<string, string | number | undefined>>): string =>
  Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeHtml(typeof value === 'number' ? n(value) : value)}"`)
    .join('');

/** First days of the months in the period, thinned so the labels never crowd (one every k months). */
const monthTicks = (period: Period): ReadonlyArray<LocalDate> => {
  const first = `${period.from.slice(0, 7)}-01` as LocalDate;
  const firsts: LocalDate[] = [];
  for (let d = first < period.from ? addMonths(first, 1) : first; d <= period.to; d = addMonths(d, 1)) {
    firsts.push(d);
  }
  const every = Math.max(1, Math.ceil(firsts.length / MAX_TICK_LABELS));
  return firsts.filter((_, i) => i % every === 0);
};

const tooltip = (entry: TimelineEntry): string => {
  // A deadline mark sits on its due date; its label already says whether it was missed or met late.
  const parts = [`${entry.kind === 'deadline-missed' ? 'Due ' : ''}${formatWhen(entry)}: ${entry.label}`];
  if (entry.rule !== undefined) parts.push(`rule ${formatRule(entry.rule)}`);
  if (entry.late === true) {
    parts.push(
      entry.recordedOn === undefined ? 'recorded late' : `recorded late, on ${formatDate(entry.recordedOn)}`,
    );
  }
  return parts.join('; ');
};

interface Scale {
  readonly period: Period;
  readonly dayWidth: number;
  readonly x: (date: LocalDate) => number;
}

const mark = (entry: TimelineEntry, laneIndex: number, scale: Scale): string => {
  const lane = LANES[laneIndex] ?? LANES[0];
  const colour = COLOURS[lane.id] ?? { stroke: '#000', fill: '#ccc' };
  const late = entry.late === true;
  const cy = TOP + laneIndex * LANE_HEIGHT + LANE_HEIGHT / 2;
  const lateStroke = late ? { stroke: LATE, 'stroke-width': 2, 'stroke-dasharray': '3 2' } : {};
  let shape: string;
  let flagX: number;
  let clipped = false;
  if (isSpan(entry)) {
    const start = maxDate(entry.on, scale.period.from);
    const end = minDate(lastDayOf(entry), scale.period.to);
    clipped = start !== entry.on || end !== lastDayOf(entry);
    const x = scale.x(start);
    const width = Math.max((daysBetween(start, end) + 1) * scale.dayWidth, 2);
    shape = `<rect${attrs({ x, y: cy - 8, width, height: 16, rx: 3, fill: colour.fill, stroke: colour.stroke, ...lateStroke })}/>`;
    flagX = x;
  } else {
    const cx = scale.x(entry.on) + scale.dayWidth / 2;
    flagX = cx;
    if (entry.kind === 'deadline-missed') {
      // A diamond in red, unlike every other mark, so a missed deadline is seen before it is read.
      const d = `M${n(cx)} ${n(cy - 8)}L${n(cx + 8)} ${n(cy)}L${n(cx)} ${n(cy + 8)}L${n(cx - 8)} ${n(cy)}Z`;
      shape = `<path${attrs({ d, fill: colour.fill, stroke: late ? LATE : colour.stroke, 'stroke-width': late ? 2 : 1 })}/>`;
    } else {
      shape = `<circle${attrs({ cx, cy, r: 5, fill: colour.stroke, stroke: '#fff', 'stroke-width': 1, ...lateStroke })}/>`;
    }
  }
  // A late recording gets a small orange pennant above its mark as well as the dashed outline: colour alone is
  // not enough for every reader, and the pennant survives printing in grey.
  const flag = late
    ? `<path class="late-flag"${attrs({ d: `M${n(flagX)} ${n(cy - 9)}v-7l7 3.5z`, fill: LATE })}/>`
    : '';
  const classes = ['mark', `mark-${entry.kind}`, isSpan(entry) ? 'span' : 'day', ...(late ? ['late'] : [])];
  return (
    `<g${attrs({
      class: classes.join(' '),
      'data-kind': entry.kind,
      'data-on': entry.on,
      'data-until': isSpan(entry) ? lastDayOf(entry) : undefined,
      'data-late': late ? 'true' : undefined,
      'data-rule': entry.rule?.id,
      'data-clipped': clipped ? 'true' : undefined,
    })}>` + `<title>${escapeHtml(tooltip(entry))}</title>${shape}${flag}</g>`
  );
};

/** What the shapes mean, under the axis; its shapes are not marks (no `mark` class), so counts stay exact. */
const legend = (y: number): string => {
  // [shape drawn from x = 0 with its baseline at y = 0, its width]: text follows the shape, and the next item
  // starts after an estimate of the text's width (about 6.5 units a character at this size).
  const items: ReadonlyArray<readonly [shape: string, width: number, text: string]> = [
    [`<circle${attrs({ cx: 5, cy: -4, r: 5, fill: '#616161' })}/>`, 10, 'one day'],
    [
      `<rect${attrs({ x: 0, y: -10, width: 22, height: 12, rx: 3, fill: '#e0e0e0', stroke: '#616161' })}/>`,
      22,
      'a span of days',
    ],
    [
      `<path${attrs({ d: 'M8 -12L16 -4L8 4L0 -4Z', fill: COLOURS.deadlines?.fill, stroke: COLOURS.deadlines?.stroke })}/>`,
      16,
      'deadline missed',
    ],
    [`<path${attrs({ d: 'M0 -1v-7l7 3.5z', fill: LATE })}/>`, 7, 'recorded late (dashed outline)'],
  ];
  let x = GUTTER;
  const parts = items.map(([shape, width, text]) => {
    const item = `<g${attrs({ transform: `translate(${n(x)} ${n(y)})` })}>${shape}<text${attrs({ x: width + 6, y: 0 })}>${escapeHtml(text)}</text></g>`;
    x += width + 6 + text.length * 6.5 + 24;
    return item;
  });
  return `<g class="legend">${parts.join('')}</g>`;
};

/**
 * The period as an SVG picture: one lane per kind of event, a month axis, spans as bars and single days as
 * dots, missed deadlines as red diamonds, late recordings dashed with a pennant. Every mark is a
 * `<g class="mark mark-<kind>">` carrying `data-kind`, `data-on` (and `data-until`, `data-late`, `data-rule`
 * where they apply) and a `<title>` tooltip. Entries outside the period are left out; spans are cut at its ends.
 * @throws RangeError when the period ends before it starts, which no projection produces.
 */
export const timelineSvg = (
  entries: ReadonlyArray<TimelineEntry>,
  period: Period,
  options: TimelineOptions = {},
): string => {
  const days = daysBetween(period.from, period.to) + 1;
  if (days < 1) throw new RangeError(`The period ${period.from} to ${period.to} ends before it starts`);
  const width = Math.max(options.width ?? 960, 480);
  const plotWidth = width - GUTTER - RIGHT;
  const lanesBottom = TOP + LANES.length * LANE_HEIGHT;
  const height = lanesBottom + AXIS_HEIGHT + LEGEND_HEIGHT;
  const dayWidth = plotWidth / days;
  const scale: Scale = { period, dayWidth, x: (date) => GUTTER + daysBetween(period.from, date) * dayWidth };
  const shown = entriesInPeriod(entries, period);
  const title =
    options.title ?? `Timeline, ${formatPeriod(period)}: ${plural(shown.length, 'entry', 'entries')}`;

  const lanes = LANES.map((lane, i) => {
    const y = TOP + i * LANE_HEIGHT;
    return (
      `<rect${attrs({ class: 'lane', 'data-lane': lane.id, x: GUTTER, y, width: plotWidth, height: LANE_HEIGHT, fill: i % 2 === 0 ? '#f5f5f5' : '#ffffff' })}/>` +
      `<text${attrs({ class: 'lane-label', x: GUTTER - 8, y: y + LANE_HEIGHT / 2 + 4, 'text-anchor': 'end' })}>${escapeHtml(lane.label)}</text>`
    );
  }).join('');

  const ticks = monthTicks(period)
    .map((d) => {
      const x = scale.x(d);
      return (
        `<line${attrs({ class: 'tick', 'data-on': d, x1: x, x2: x, y1: TOP, y2: lanesBottom + 5, stroke: '#bdbdbd' })}/>` +
        `<text${attrs({ class: 'tick-label', x: x + 3, y: lanesBottom + 18 })}>${escapeHtml(formatMonth(d))}</text>`
      );
    })
    .join('');
  const axis =
    `<line${attrs({ class: 'axis', x1: GUTTER, x2: GUTTER + plotWidth, y1: lanesBottom, y2: lanesBottom, stroke: '#616161' })}/>` +
    `<text${attrs({ class: 'axis-end', x: GUTTER, y: lanesBottom + 34 })}>${escapeHtml(formatDate(period.from))}</text>` +
    `<text${attrs({ class: 'axis-end', x: GUTTER + plotWidth, y: lanesBottom + 34, 'text-anchor': 'end' })}>${escapeHtml(formatDate(period.to))}</text>`;

  const marks = shown
    .map((entry) => ({ entry, lane: laneIndexOf(entry.kind) }))
    // The kinds are a closed union, so every entry has a lane; the guard only keeps bad data off the picture.
    .filter(({ lane }) => lane >= 0)
    .map(({ entry, lane }) => mark(entry, lane, scale))
    .join('');
  const empty =
    shown.length === 0
      ? `<text${attrs({ class: 'empty', x: GUTTER + plotWidth / 2, y: TOP + (LANES.length * LANE_HEIGHT) / 2, 'text-anchor': 'middle' })}>Nothing recorded in this period</text>`
      : '';

  return (
    `<svg${attrs({ xmlns: 'http://www.w3.org/2000/svg', class: 'timeline', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'font-family': 'system-ui, sans-serif', 'font-size': 12, fill: '#212121' })}>` +
    `<title>${escapeHtml(title)}</title>${lanes}${ticks}${axis}${marks}${empty}${legend(height - 8)}</svg>`
  );
};
