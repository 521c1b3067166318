import type { WorkloadResult } from './harness.js';

const figure = (value: number): string =>
  !Number.isFinite(value)
    ? 'n/a'
    : value >= 100
      ? Math.round(value).toLocaleString('en-GB')
      : value.toPrecision(3);

const ratio = (value: number | undefined): string =>
  value === undefined || !Number.isFinite(value) ? '' : `${value.toFixed(2)}×`;

/**
 * One table for the whole run: a row per contender of each workload, with its median and ours ÷ it. The
 * headline is the ratio column; the absolute figures are this machine's.
 */
export const markdownTable = (results: ReadonlyArray<WorkloadResult>): string => {
  const lines = [
    '| workload | contender | role | median | unit | ours ÷ this |',
    '|---|---|---|---:|---|---:|',
  ];
  for (const result of results) {
    for (const contender of result.contenders) {
      lines.push(
        `| ${result.title} | ${contender.name} | ${contender.role} | ${figure(contender.median)} | ${result.unit} | ${
          contender.role === 'ours' ? '' : ratio(result.ratios[contender.name])
        } |`,
      );
    }
  }
  const notes = results.flatMap((r) =>
    r.contenders.flatMap((c) => (c.note === undefined ? [] : [`- ${r.title}, ${c.name}: ${c.note}`])),
  );
  const facts = results.map(
    (r) =>
      `- ${r.title}: ${Object.entries(r.facts)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-GB') : v}`)
        .join(', ')}`,
  );
  return [...lines, '', ...facts, ...(notes.length === 0 ? [] : ['', ...notes])].join('\n');
};
