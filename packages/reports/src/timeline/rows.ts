import type { TimelineEntry } from '@fostering/core';
import { formatDate, formatRule } from '../format.js';
import type { Row } from '../render/document.js';
import { entriesInPeriod, isSpan, KIND_LABELS, lastDayOf, type Period } from './lanes.js';

export const TIMELINE_COLUMNS = ['When', 'Kind', 'What', 'Rule', 'Recorded'] as const;

export const formatWhen = (entry: TimelineEntry): string =>
  isSpan(entry) ? `${formatDate(entry.on)} to ${formatDate(lastDayOf(entry))}` : formatDate(entry.on);

const recorded = (entry: TimelineEntry): string => {
  if (entry.recordedOn === undefined) return entry.late === true ? 'late' : '';
  return `${formatDate(entry.recordedOn)}${entry.late === true ? ' (late)' : ''}`;
};

/** The timeline as table rows: the whole of it in Markdown, and the readable twin of the SVG in HTML. */
export const timelineRows = (entries: ReadonlyArray<TimelineEntry>, period: Period): ReadonlyArray<Row> =>
  entriesInPeriod(entries, period).map((entry) => {
    const missed = entry.kind === 'deadline-missed';
    const late = entry.late === true;
    return {
      cells: [
        formatWhen(entry),
        missed ? { strong: KIND_LABELS[entry.kind] } : KIND_LABELS[entry.kind],
        entry.label,
        entry.rule === undefined ? '' : formatRule(entry.rule),
        late ? { strong: recorded(entry) } : recorded(entry),
      ],
      ...(missed ? { flag: 'missed' as const } : late ? { flag: 'late' as const } : {}),
    };
  });
