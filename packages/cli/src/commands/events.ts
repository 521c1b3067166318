import {
  childEvents,
  clinicEvents,
  householdEvents,
  type PersonalField,
  placementEvents,
  staffEvents,
} from '@fostering/core';
import type { Io } from '../io.js';

export interface CatalogueEntry {
  readonly type: string;
  readonly schemaVersion: number;
  readonly stream: string;
  readonly data: string;
  /** Dotted paths of personal data, each with the subject it belongs to where known. */
  readonly personalData: ReadonlyArray<string>;
}

const areas = [
  ['household', householdEvents],
  ['child', childEvents],
  ['placement', placementEvents],
  ['clinic', clinicEvents],
  ['staff', staffEvents],
] as const;

/** Every event type the domain records, from the codecs themselves: nothing here can drift from the code. */
export const eventCatalogue = (): ReadonlyArray<CatalogueEntry> =>
  areas.flatMap(([stream, registry]) =>
    registry.definitions.map((definition) => ({
      type: definition.type,
      schemaVersion: definition.schemaVersion,
      stream,
      data: definition.codec.name,
      personalData: (registry.personalFields as (type: string) => ReadonlyArray<PersonalField>)(
        definition.type,
      ).map((field) => (field.path.length === 0 ? '(whole payload)' : field.path.join('.'))),
    })),
  );

export const events = (options: { readonly format: 'text' | 'json' | 'md' }, io: Io): void => {
  const catalogue = eventCatalogue();
  if (options.format === 'json') {
    io.out(`${JSON.stringify(catalogue, null, 2)}\n`);
    return;
  }
  if (options.format === 'md') {
    const cell = (s: string) => s.replaceAll('|', '\\|');
    io.out(
      `${[
        '| stream | event | version | data | personal data |',
        '|---|---|---|---|---|',
        ...catalogue.map(
          (e) =>
            `| ${e.stream} | \`${e.type}\` | ${e.schemaVersion} | \`${cell(e.data)}\` | ${e.personalData.map((p) => `\`${p}\``).join(', ')} |`,
        ),
      ].join('\n')}\n`,
    );
    return;
  }
  io.out(
    `${catalogue
      .map(
        (e) =>
          `${e.stream.padEnd(10)} ${e.type} v${e.schemaVersion}\n    ${e.data}${e.personalData.length > 0 ? `\n    personal data: ${e.personalData.join(', ')}` : ''}`,
      )
      .join('\n')}\n${catalogue.length} event types\n`,
  );
};
