import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HouseholdCommand } from './commands.js';
import { householdEvents } from './events/index.js';

// docs/domain/approvals.md carries tables generated from the codecs, so the doc cannot drift from the code.
// Run with UPDATE_DOCS=1 to rewrite them after changing an event or command.
const doc = fileURLToPath(new URL('../../../../docs/domain/approvals.md', import.meta.url));

const cell = (text: string) => text.replaceAll('|', '\\|');

const eventsTable = (): string =>
  [
    '| event | schema version | data |',
    '|---|---|---|',
    ...householdEvents.definitions.map(
      (d) => `| \`${d.type}\` | ${d.schemaVersion} | \`${cell(d.codec.name)}\` |`,
    ),
  ].join('\n');

const commandsTable = (): string =>
  [
    '| command | fields |',
    '|---|---|',
    ...HouseholdCommand.types.map((codec) => {
      const name = codec.name.replace(/kind: "(\w+)", ?/, '');
      const kind = /kind: "(\w+)"/.exec(codec.name)?.[1] ?? '?';
      return `| \`${kind}\` | \`${cell(name)}\` |`;
    }),
  ].join('\n');

const section = (text: string, marker: string, content: string): string => {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  if (!text.includes(start) || !text.includes(end)) throw new Error(`${doc} has no ${marker} markers`);
  return `${before}\n${content}\n${after}`;
};

describe('docs/domain/approvals.md', () => {
  it('lists exactly the household stream’s events and commands, as the codecs define them', () => {
    const current = readFileSync(doc, 'utf8');
    const generated = section(section(current, 'events', eventsTable()), 'commands', commandsTable());
    if (process.env.UPDATE_DOCS === '1') writeFileSync(doc, generated);
    else expect(current).toBe(generated);
  });
});
