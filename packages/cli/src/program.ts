import { type Audience, audienceRules, localDateOf } from '@fostering/core';
import { Command, CommanderError, Option } from 'commander';
import { compliance } from './commands/compliance.js';
import { demo, demoDefaults } from './commands/demo.js';
import { erase } from './commands/erase.js';
import { events } from './commands/events.js';
import { rebuild } from './commands/rebuild.js';
import { retention } from './commands/retention.js';
import { review } from './commands/review.js';
import { CliError } from './errors.js';
import type { Io } from './io.js';
import {
  defaultStore,
  parseChoice,
  parseCount,
  parseDate,
  parseStoreSpec,
  type StoreSpec,
  storeOptionHelp,
} from './options.js';

const storeOption = () => new Option('--store <store>', storeOptionHelp).default(defaultStore);
const asOfOption = () =>
  new Option('--as-of <date>', 'the date to judge (YYYY-MM-DD); today by default').argParser(
    parseDate('--as-of'),
  );

/** The `fostering` command. Parsing is commander's; every value is checked by our parsers, which name the option. */
export const program = (io: Io): Command => {
  const root = new Command('fostering')
    .description('Fostering Ledger: the event-sourced record of a therapeutic fostering agency')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  const store = (value: string | undefined): StoreSpec => parseStoreSpec(value ?? defaultStore);

  root
    .command('demo')
    .description(
      'build a synthetic agency (two years of approvals, placements, clinics, visits) and report on it',
    )
    .addOption(storeOption())
    .option(
      '--households <n>',
      'households in the agency',
      parseCount('--households', { min: 1, max: 5000 }),
      demoDefaults.households,
    )
    .option(
      '--children <n>',
      'children in the agency',
      parseCount('--children', { min: 1, max: 10000 }),
      demoDefaults.children,
    )
    .option(
      '--months <n>',
      'months of history',
      parseCount('--months', { min: 1, max: 60 }),
      demoDefaults.months,
    )
    .option(
      '--seed <n>',
      'random seed: the same seed builds the same agency',
      parseCount('--seed', { min: 0, max: 2 ** 31 - 1 }),
      demoDefaults.seed,
    )
    .option('--out-dir <dir>', 'where to write the review pack and compliance report', demoDefaults.outDir)
    .option('--reset', 'delete an embedded store first (pglite:<directory> only)', false)
    .action(async (o) =>
      demo(
        {
          store: store(o.store),
          households: o.households,
          children: o.children,
          months: o.months,
          seed: o.seed,
          outDir: o.outDir,
          reset: o.reset,
        },
        io,
      ),
    );

  root
    .command('review')
    .description(
      "write a placement's review pack: its history over a period, as it had happened or been recorded",
    )
    .addOption(storeOption())
    .requiredOption('--placement <id>', 'the placement id')
    .requiredOption('--from <date>', 'first day of the review period (YYYY-MM-DD)', parseDate('--from'))
    .requiredOption('--to <date>', 'last day of the review period (YYYY-MM-DD)', parseDate('--to'))
    .option(
      '--as-recorded-at <date>',
      'only what had been recorded by this date (YYYY-MM-DD)',
      parseDate('--as-recorded-at'),
    )
    .option(
      '--format <format>',
      'html or md',
      parseChoice('--format', ['html', 'md'] as const),
      'html' as const,
    )
    .option(
      '--for <audience>',
      `only what this reader may see: ${Object.keys(audienceRules).join(', ')}`,
      parseChoice('--for', Object.keys(audienceRules) as Audience[]),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (o) =>
      review(
        {
          store: store(o.store),
          placement: o.placement,
          from: o.from,
          to: o.to,
          format: o.format,
          ...(o.asRecordedAt === undefined ? {} : { asRecordedAt: o.asRecordedAt }),
          ...(o.for === undefined ? {} : { audience: o.for }),
          ...(o.out === undefined ? {} : { out: o.out }),
        },
        io,
      ),
    );

  root
    .command('compliance')
    .description('every finding across the agency by rule, as things stood on a date')
    .addOption(storeOption())
    .addOption(asOfOption())
    .option(
      '--by <basis>',
      'occurred (what had happened) or recorded (what had been written down)',
      parseChoice('--by', ['occurred', 'recorded'] as const),
      'occurred' as const,
    )
    .option(
      '--format <format>',
      'md, html or json (a terminal summary when neither this nor --out is given)',
      parseChoice('--format', ['md', 'html', 'json'] as const),
    )
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (o) =>
      compliance(
        {
          store: store(o.store),
          asOf: o.asOf ?? localDateOf(io.now()),
          by: o.by,
          ...(o.format === undefined ? {} : { format: o.format }),
          ...(o.out === undefined ? {} : { out: o.out }),
        },
        io,
      ),
    );

  root
    .command('retention')
    .description('records kept, erased, and due for erasure on a date (rule retention, FSR 32; CPPR 50)')
    .addOption(storeOption())
    .addOption(asOfOption())
    .option(
      '--format <format>',
      'text or json',
      parseChoice('--format', ['text', 'json'] as const),
      'text' as const,
    )
    .action(async (o) =>
      retention({ store: store(o.store), asOf: o.asOf ?? localDateOf(io.now()), format: o.format }, io),
    );

  root
    .command('erase')
    .description(
      "erase a child's or household's personal data once retention allows, by destroying the keys of every subject it covers",
    )
    .addOption(storeOption())
    .requiredOption('--record <id>', 'the child or household id')
    .requiredOption('--by <id>', 'who asks for the erasure (recorded with it)')
    .option('--role <role>', 'their role', 'data-protection-officer')
    .option('--on <date>', 'the day of the erasure (YYYY-MM-DD); today by default', parseDate('--on'))
    .action(async (o) =>
      erase(
        {
          store: store(o.store),
          record: o.record,
          by: o.by,
          role: o.role,
          on: o.on ?? localDateOf(io.now()),
        },
        io,
      ),
    );

  root
    .command('rebuild')
    .description('replay every event into the projections from zero and store their checkpoints')
    .addOption(storeOption())
    .action(async (o) => rebuild({ store: store(o.store) }, io));

  root
    .command('events')
    .description(
      'the event catalogue: every event type, its version, fields and personal data, from the codecs',
    )
    .option(
      '--format <format>',
      'text, md or json',
      parseChoice('--format', ['text', 'md', 'json'] as const),
      'text' as const,
    )
    .action((o) => events({ format: o.format }, io));

  return root;
};

/** Runs the command line and returns the exit code; only a bug escapes as an exception. */
export const runCli = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const command = program(io);
  for (const sub of command.commands)
    sub.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  try {
    await command.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander with exit code 0; its own messages are already printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      io.err(`fostering: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
};
