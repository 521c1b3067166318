import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCatalogue } from './commands/events.js';
import type { Io } from './io.js';
import { runCli } from './program.js';

/** Runs the command line as a user would, capturing what it prints. */
const run = (cwd: string, ...argv: string[]) => runWith({}, cwd, ...argv);

const runWith = async (env: Readonly<Record<string, string>>, cwd: string, ...argv: string[]) => {
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
    env,
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
    for (const command of ['demo', 'review', 'compliance', 'retention', 'erase', 'rebuild', 'events']) {
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

describe('personal data in the embedded store', () => {
  const dir = () => join(cwd, 'sealed-agency');
  const store = () => `pglite:${dir()}`;

  it('seals it under keys wrapped by a master key kept beside the data, and erases a record once retention allows', {
    timeout: 120_000,
  }, async () => {
    const built = await run(cwd, 'demo', '--store', store(), ...small, '--out-dir', 'sealed-reports');
    expect(built.code).toBe(0);
    expect(built.err).toContain(`Made a master key for ${dir()}`);
    expect(readFileSync(`${dir()}.master-key`, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=$/);

    const listed = await run(
      cwd,
      'retention',
      '--store',
      store(),
      '--as-of',
      '2040-01-01',
      '--format',
      'json',
    );
    expect(listed.code).toBe(0);
    const overview = JSON.parse(listed.out) as {
      register: Array<{ record: { subjectId: string; kind: string } }>;
      due: Array<{ record: { subjectId: string }; covers: string[] }>;
    };
    const due = overview.due[0];
    if (due === undefined) throw new Error('the small agency has no record due for erasure by 2040');
    const child = overview.register.find((r) => r.record.kind === 'child')?.record.subjectId ?? '';

    const early = await run(
      cwd,
      'erase',
      '--store',
      store(),
      '--record',
      child,
      '--by',
      'dpo-1',
      '--on',
      '2040-01-01',
    );
    expect(early.code).toBe(1);
    expect(early.err).toMatch(
      new RegExp(`--record: '${child}' may not be erased before \\d{4}-\\d{2}-\\d{2}`),
    );
    const erased = await run(
      cwd,
      'erase',
      '--store',
      store(),
      '--record',
      due.record.subjectId,
      '--by',
      'dpo-1',
      '--on',
      '2040-01-01',
    );
    expect(erased.code).toBe(0);
    expect(erased.out).toContain(`the keys of ${due.covers.join(', ')} are destroyed`);
    const after = await run(cwd, 'retention', '--store', store(), '--as-of', '2040-01-01');
    expect(after.out).toMatch(/1 erased, \d+ due for erasure/);

    const db = await PGlite.create(dir());
    try {
      const names = await db.query<{ sealed: string | null }>(
        "select data->'name'->>'$sealed' as sealed from fostering_events where type = 'ChildRegistered'",
      );
      expect(names.rows.length).toBeGreaterThan(0);
      expect(names.rows.every((r) => r.sealed === '1')).toBe(true);
    } finally {
      await db.close();
    }

    const wrongKey = Buffer.alloc(32, 7).toString('base64');
    const refused = await runWith({ FOSTERING_MASTER_KEY: wrongKey }, cwd, 'compliance', '--store', store());
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^fostering: /);
    expect(refused.err).not.toMatch(/\n\s+at /);
    const malformed = await runWith({ FOSTERING_MASTER_KEY: 'short' }, cwd, 'compliance', '--store', store());
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain('FOSTERING_MASTER_KEY: expected 32 bytes in base64');
  });
});

describe('fostering demo in memory', () => {
  it('needs no database at all', { timeout: 120_000 }, async () => {
    const result = await run(cwd, 'demo', '--store', 'memory', ...small, '--out-dir', 'memory-reports');
    expect(result.code).toBe(0);
    expect(result.out).toContain('in memory (this process only)');
  });
});
