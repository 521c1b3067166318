import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Tables generated from the codecs for the docs under docs/domain/, so a doc cannot drift from the code: each
 * area's docs.test.ts compares the doc with what these generate, and rewrites it under UPDATE_DOCS=1.
 */

const cell = (text: string) => text.replaceAll('|', '\\|');

interface EventDefinitions {
  readonly definitions: ReadonlyArray<{
    readonly type: string;
    readonly schemaVersion: number;
    readonly codec: { readonly name: string };
  }>;
}

/** One row per event type of a registry: its name, schema version and data, as the codec names them. */
export const eventsTable = (registry: EventDefinitions): string =>
  [
    '| event | schema version | data |',
    '|---|---|---|',
    ...registry.definitions.map((d) => `| \`${d.type}\` | ${d.schemaVersion} | \`${cell(d.codec.name)}\` |`),
  ].join('\n');

/** One row per member of a command union discriminated by `kind`, its fields without the `kind`. */
export const commandsTable = (commands: {
  readonly types: ReadonlyArray<{ readonly name: string }>;
}): string =>
  [
    '| command | fields |',
    '|---|---|',
    ...commands.types.map((codec) => {
      const fields = codec.name.replace(/kind: "(\w+)", ?/, '');
      const kind = /kind: "(\w+)"/.exec(codec.name)?.[1] ?? '?';
      return `| \`${kind}\` | \`${cell(fields)}\` |`;
    }),
  ].join('\n');

/** One row per personal field of every event type: where it is and whose it is (what its seal is bound to). */
export const personalFieldsTable = (
  registries: ReadonlyArray<{
    readonly streams: string;
    readonly definitions: ReadonlyArray<{
      readonly type: string;
      readonly personalFields: ReadonlyArray<{
        readonly path: ReadonlyArray<string>;
        readonly subjectField?: string | undefined;
      }>;
    }>;
  }>,
): string =>
  [
    '| event | field | whose (the key it is sealed under) |',
    '|---|---|---|',
    ...registries.flatMap(({ streams, definitions }) =>
      definitions.flatMap((d) =>
        d.personalFields.map(
          (f) =>
            `| \`${d.type}\` | \`${cell(f.path.join('.'))}\` | ${
              f.subjectField === undefined ? `the ${streams}'s` : `the \`${f.subjectField}\` named beside it`
            } |`,
        ),
      ),
    ),
  ].join('\n');

/** The text with what lies between `<!-- marker:start -->` and `<!-- marker:end -->` replaced by `content`. */
export const withSection = (text: string, marker: string, content: string): string => {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  if (!text.includes(start) || !text.includes(end)) throw new Error(`no ${marker} markers in the doc`);
  const before = text.slice(0, text.indexOf(start) + start.length);
  const after = text.slice(text.indexOf(end));
  return `${before}\n${content}\n${after}`;
};

/**
 * The doc as it is and as it should be, with each marked section replaced by its generated table. Under
 * UPDATE_DOCS=1 the doc is rewritten first, so the two are then equal.
 */
export const docTables = (
  path: string,
  sections: Readonly<Record<string, string>>,
): { readonly current: string; readonly generated: string } => {
  const current = readFileSync(path, 'utf8');
  const generated = Object.entries(sections).reduce(
    (text, [marker, content]) => withSection(text, marker, content),
    current,
  );
  if (process.env.UPDATE_DOCS !== '1') return { current, generated };
  writeFileSync(path, generated);
  return { current: generated, generated };
};
