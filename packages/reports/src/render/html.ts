import { escapeHtml } from '../escape.js';
import { TIMELINE_COLUMNS, timelineRows } from '../timeline/rows.js';
import { timelineSvg } from '../timeline/svg.js';
import type { Block, Cell, ReportDocument, Row } from './document.js';

// Inline and small: the report is one file that is emailed, attached to a record and printed, so it may not
// load anything. The print rules keep tables and the timeline whole across pages.
const STYLE = `
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #212121; margin: 0; background: #fff; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.15em; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #e0e0e0; }
h3 { font-size: 1em; margin: 20px 0 6px; }
.subtitle { margin: 0; color: #424242; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.93em; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid #e0e0e0; }
td, dd { white-space: pre-line; }
th { background: #fafafa; }
tr.missed td { background: #ffebee; }
tr.missed td strong { color: #b71c1c; }
tr.late td { background: #fff3e0; }
.none { color: #616161; font-style: italic; }
svg.timeline { max-width: 100%; height: auto; display: block; margin: 8px 0; }
details { margin-top: 8px; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid #e0e0e0; color: #616161; font-size: 0.9em; }
@media print { main { max-width: none; padding: 0; } table, svg.timeline { break-inside: avoid; } details > * { display: block; } }
`;

// Defence in depth: should text ever escape its escaping, the page still may not run scripts or fetch anything.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const cell = (c: Cell): string => {
  if (typeof c === 'string') return escapeHtml(c);
  if ('anchor' in c) return `<a href="#${escapeHtml(c.anchor)}">${escapeHtml(c.text)}</a>`;
  return c.strong === '' ? '' : `<strong>${escapeHtml(c.strong)}</strong>`;
};

const table = (columns: ReadonlyArray<string>, rows: ReadonlyArray<Row>, empty: string): string => {
  if (rows.length === 0) return `<p class="none">${escapeHtml(empty)}</p>`;
  const head = `<thead><tr>${columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((row) => {
      const cls = row.flag === undefined ? '' : ` class="${row.flag}"`;
      return `<tr${cls}>${row.cells.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
};

const block = (b: Block): string => {
  switch (b.kind) {
    case 'facts':
      return `<dl class="facts">${b.facts
        .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
        .join('')}</dl>`;
    case 'table':
      return table(b.columns, b.rows, b.empty);
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'heading':
      return `<h3 id="${escapeHtml(b.id)}">${escapeHtml(b.text)}</h3>`;
    case 'timeline': {
      // The picture for the eye, the table for screen readers and for reading the exact dates.
      const rows = timelineRows(b.entries, b.period);
      const list =
        rows.length === 0
          ? ''
          : `<details><summary>The timeline as a table</summary>${table(TIMELINE_COLUMNS, rows, '')}</details>`;
      return `<figure class="timeline">${timelineSvg(b.entries, b.period)}</figure>${list}`;
    }
  }
};

/** One self-contained HTML file: inline CSS and SVG, no scripts, no external resources. */
export const writeHtml = (doc: ReportDocument): string => {
  const sections = doc.sections
    .map(
      (s) =>
        `<section id="${escapeHtml(s.id)}">\n<h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map(block).join('\n')}\n</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(doc.title)}</h1>
${doc.subtitle.map((line) => `<p class="subtitle">${escapeHtml(line)}</p>`).join('\n')}
</header>
${sections}
<footer>${escapeHtml(doc.footer)}</footer>
</main>
</body>
</html>
`;
};
