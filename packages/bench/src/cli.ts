import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { type Mode, runWorkload, type WorkloadResult } from './harness.js';
import { markdownTable } from './report.js';
import { workloads } from './workloads/index.js';
import { stopSharedServer } from './workloads/postgres-server.js';

/**
 * `pnpm bench` (full) or `pnpm bench --quick` (under two minutes): every workload with its peers and its raw
 * limit in the same run, interleaved. Prints a Markdown table; writes the results as JSON (`--out`).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench-results.json' },
    repetitions: { type: 'string' },
  },
});

const quick = values.quick === true;
const mode: Mode = {
  quick,
  repetitions: Number(values.repetitions ?? (quick ? 3 : 5)),
};
const only = values.only?.split(',').map((s) => s.trim());
const chosen = workloads.filter((w) => only === undefined || only.includes(w.id));
if (chosen.length === 0) {
  console.error(`no workload matches --only=${values.only}; known: ${workloads.map((w) => w.id).join(', ')}`);
  process.exit(2);
}

const started = Date.now();
const results: WorkloadResult[] = [];
const bars = new cliProgress.MultiBar(
  {
    format: ' {bar} {workload} {value}/{total}',
    hideCursor: true,
    clearOnComplete: true,
    stream: process.stderr,
  },
  cliProgress.Presets.shades_classic,
);
try {
  for (const workload of chosen) {
    const bar = bars.create(1, 0, { workload: workload.id });
    const rows = await runWorkload(workload, mode, (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
    bar.update(bar.getTotal());
    results.push(...rows);
  }
} finally {
  bars.stop();
  await stopSharedServer();
}

const seconds = (Date.now() - started) / 1000;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(
  `Fostering Ledger benchmarks (${quick ? 'quick' : 'full'}, ${mode.repetitions} repetitions, medians; ${seconds.toFixed(0)} s)\n` +
    `Machine: ${machine}. Absolute figures are this machine's; the ratios are the point.\n\n${markdownTable(results)}`,
);
await writeFile(
  values.out ?? 'bench-results.json',
  `${JSON.stringify({ date: new Date().toISOString(), quick, repetitions: mode.repetitions, machine, seconds, results }, null, 2)}\n`,
);
