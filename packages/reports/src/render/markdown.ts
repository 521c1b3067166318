import { escapeMarkdown } from '../escape.js';
import { TIMELINE_COLUMNS, timelineRows } from '../timeline/rows.js';
import type { Block, Cell, ReportDocument, Row } from './document.js';

const cell = (c: Cell): string => {
  if (typeof c === 'string') return escapeMarkdown(c);
  if ('anchor' in c) return escapeMarkdown(c.text);
  return c.strong === '' ? '' : `**${escapeMarkdown(c.strong)}**`;
};

const table = (columns: ReadonlyArray<string>, rows: ReadonlyArray<Row>, empty: string): string => {
  if (rows.length === 0) return `_${escapeMarkdown(empty)}_`;
  const line = (cells: ReadonlyArray<string>) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map(escapeMarkdown)),
    line(columns.map(() => '---')),
    ...rows.map((row) => line(row.cells.map(cell))),
  ].join('\n');
};

const block = (b: Block): string => {
  switch (b.kind) {
    case 'facts':
      return b.facts
        .map(([label, value]) => `- **${escapeMarkdown(label)}:** ${escapeMarkdown(value)}`)
        .join('\n');
    case 'table':
      return table(b.columns, b.rows, b.empty);
    case 'paragraph':
      return escapeMarkdown(b.text);
    case 'heading':
      return `### ${escapeMarkdown(b.text)}`;
    case 'timeline':
      // Markdown has no pictures of its own, so the timeline is its table: the same entries the SVG draws.
      return table(TIMELINE_COLUMNS, timelineRows(b.entries, b.period), 'Nothing recorded in this period.');
  }
};

/** GitHub-flavoured Markdown: what a case management system can paste into a record or a wiki. */
export const writeMarkdown = (doc: ReportDocument): string =>
  `${[
    `# ${escapeMarkdown(doc.title)}`,
    ...doc.subtitle.map(escapeMarkdown),
    ...doc.sections.flatMap((section) => [
      `## ${escapeMarkdown(section.title)}`,
      ...section.blocks.map(block),
    ]),
    '---',
    `_${escapeMarkdown(doc.footer)}_`,
  ].join('\n\n')}\n`;
