import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCatalogue } from './commands/events.js';
import type { Io } from './io.js';
import { runCli } from './program.js';

/** Runs the command line as a user would, capturing what it prints. */
const run = async (cwd: string, ...argv: string[]) => {
  let out = '';
  let err = '';
  const io: Io = {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    interactive: false,
    cwd,
    now: () => new Date('2026-11-22T10:00:00Z'),
  };
  const code = await runCli(argv, io);
  return { code, out, err };
};

let cwd = '';
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'fostering-cli-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const small = ['--households', '14', '--children', '18', '--months', '8', '--seed', '7'];

describe('fostering, bad input', () => {
  it('names the option and the rule for a bad store, date or format, exiting 2 without a stack trace', async () => {
    const store = await run(cwd, 'compliance', '--store', 'mysql:x');
    expect(store.code).toBe(2);
    expect(store.err).toContain(
      "--store: expected memory, pglite:<directory> or postgres:<url>, got 'mysql:x'",
    );
    const date = await run(
      cwd,
      'review',
      '--store',
      'memory',
      '--placement',
      'p',
      '--from',
      '2025-13-01',
      '--to',
      '2025-12-01',
    );
    expect(date.code).toBe(2);
    expect(date.err).toContain("--from: expected a date as YYYY-MM-DD, got '2025-13-01'");
    const format = await run(cwd, 'events', '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.err).toContain("--format: expected one of text, md, json, got 'pdf'");
    const missing = await run(
      cwd,
      'review',
      '--store',
      'memory',
      '--from',
      '2025-01-01',
      '--to',
      '2025-02-01',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--placement <id>' not specified");
    for (const result of [store, date, format, missing]) expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('explains an unknown placement and exits 1', async () => {
    const result = await run(
      cwd,
      'review',
      '--store',
      'memory',
      '--placement',
      'nobody',
      '--from',
      '2025-01-01',
      '--to',
      '2025-02-01',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain("--placement: no placement 'nobody'");
  });

  it('has help for every command', async () => {
    const help = await run(cwd, '--help');
    expect(help.code).toBe(0);
    for (const command of ['demo', 'review', 'compliance', 'rebuild', 'events']) {
      expect(help.out).toContain(command);
      const own = await run(cwd, command, '--help');
      expect(own.code).toBe(0);
      expect(own.out).toContain(`Usage: fostering ${command}`);
    }
  });
});

describe('fostering events', () => {
  it('lists every event type with its version, fields and personal data, from the codecs', async () => {
    const result = await run(cwd, 'events', '--format', 'json');
    expect(result.code).toBe(0);
    const catalogue = JSON.parse(result.out) as ReturnType<typeof eventCatalogue>;
    expect(catalogue).toEqual(eventCatalogue());
    const registered = catalogue.find((e) => e.type === 'ChildRegistered');
    expect(registered).toMatchObject({ stream: 'child', schemaVersion: 1 });
    expect(registered?.personalData).toEqual(expect.arrayContaining(['name', 'dateOfBirth']));
    expect(new Set(catalogue.map((e) => e.stream))).toEqual(
      new Set(['household', 'child', 'placement', 'clinic', 'staff']),
    );
    const text = await run(cwd, 'events');
    expect(text.out).toContain(`${catalogue.length} event types`);
  });
});

describe('fostering demo, review, compliance and rebuild on an embedded store', () => {
  const store = () => `pglite:${join(cwd, 'agency')}`;
  let placement = '';
  let from = '';
  let to = '';

  it('builds an agency, prints its compliance summary and writes a review pack', {
    timeout: 120_000,
  }, async () => {
    const result = await run(cwd, 'demo', '--store', store(), ...small, '--out-dir', 'reports');
    expect(result.err).not.toContain('fostering:');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Compliance as it had happened by \d{4}-\d{2}-\d{2}/);
    expect(result.out).toMatch(/\d+ findings under \d+ rules/);
    const review = /Review pack for placement (\S+) \((\S+) to (\S+)\):/.exec(result.out);
    expect(review).not.toBeNull();
    [placement, from, to] = [review?.[1] ?? '', review?.[2] ?? '', review?.[3] ?? ''];
    const paths = result.out
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.endsWith('.html') || l.endsWith('.md'));
    expect(paths).toHaveLength(3);
    for (const path of paths) expect(existsSync(path)).toBe(true);
    const html = readFileSync(paths.find((p) => p.includes('review-') && p.endsWith('.html')) ?? '', 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain(placement);
  });

  it('refuses to build into a store that already has events, unless told to reset it', {
    timeout: 120_000,
  }, async () => {
    const again = await run(cwd, 'demo', '--store', store(), ...small);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds events: give --reset');
  });

  it('writes the review pack for the placement as Markdown, and as recorded at an earlier date', async () => {
    const md = await run(
      cwd,
      'review',
      '--store',
      store(),
      '--placement',
      placement,
      '--from',
      from,
      '--to',
      to,
      '--format',
      'md',
    );
    expect(md.code).toBe(0);
    expect(md.out).toContain(placement);
    const out = join(cwd, 'pack.html');
    const html = await run(
      cwd,
      'review',
      '--store',
      store(),
      '--placement',
      placement,
      '--from',
      from,
      '--to',
      to,
      '--as-recorded-at',
      to,
      '--out',
      out,
    );
    expect(html.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<svg');
  });

  it('writes the pack for one reader with --for, and names the readers it knows', async () => {
    const args = ['review', '--store', store(), '--placement', placement, '--from', from, '--to', to];
    const full = await run(cwd, ...args, '--format', 'md');
    const carers = await run(cwd, ...args, '--format', 'md', '--for', 'foster-carer');
    expect(carers.code).toBe(0);
    expect(carers.out).toContain('For the foster carers: what they may read, nothing more.');
    expect(full.out).toContain('## Written record');
    // The synthetic agency's clinics write notes; the carers' view never shows them.
    expect(full.out).toMatch(/Clinic notes \(session/);
    expect(carers.out).not.toMatch(/Clinic notes \(session/);
    const unknown = await run(cwd, ...args, '--for', 'neighbour');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--for: expected one of registered-manager, supervising-social-worker');
  });

  it('reports compliance on a date in every format', async () => {
    const json = await run(cwd, 'compliance', '--store', store(), '--as-of', to, '--format', 'json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out) as {
      asOf: { on: string };
      byRule: Array<{ rule: { id: string }; count: number }>;
    };
    expect(report.asOf.on).toBe(to);
    expect(report.byRule.length).toBeGreaterThan(0);
    const summary = await run(cwd, 'compliance', '--store', store(), '--as-of', to);
    expect(summary.out).toContain(report.byRule[0]?.rule.id);
  });

  it('rebuilds every projection and reports events per second', { timeout: 60_000 }, async () => {
    const result = await run(cwd, 'rebuild', '--store', store());
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Rebuilt 5 projections/);
    expect(result.out).toMatch(/\d+ events in [\d.]+ s: \d+ events per second/);
  });
});

describe('fostering demo in memory', () => {
  it('needs no database at all', { timeout: 120_000 }, async () => {
    const result = await run(cwd, 'demo', '--store', 'memory', ...small, '--out-dir', 'memory-reports');
    expect(result.code).toBe(0);
    expect(result.out).toContain('in memory (this process only)');
  });
});
