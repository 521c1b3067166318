import type { LocalDate, TimelineEntry } from '@fostering/core';

/**
 * A report laid out once as sections of plain blocks, then written as Markdown or HTML. Building the content
 * once is what keeps the two formats saying the same thing: a section added to one appears in the other.
 * All strings here are raw model text; each writer escapes them for its own format.
 */

/**
 * A table cell; `strong` marks what a reader must not miss (a missed deadline's state); `anchor` links to a
 * heading of the same report in HTML (Markdown keeps the text: its heading anchors vary by renderer).
 */
export type Cell = string | { readonly strong: string } | { readonly text: string; readonly anchor: string };

/** `missed` and `late` rows are highlighted (in HTML by class, in Markdown by the strong cells). */
export interface Row {
  readonly cells: ReadonlyArray<Cell>;
  readonly flag?: 'missed' | 'late';
}

export type Block =
  | { readonly kind: 'facts'; readonly facts: ReadonlyArray<readonly [label: string, value: string]> }
  | {
      readonly kind: 'table';
      readonly columns: ReadonlyArray<string>;
      readonly rows: ReadonlyArray<Row>;
      /** Said instead of an empty table, so "none" is stated rather than left to be inferred. */
      readonly empty: string;
    }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** A heading within a section; `id` is chosen by the report, never taken from model text. */
  | { readonly kind: 'heading'; readonly id: string; readonly text: string }
  | {
      readonly kind: 'timeline';
      readonly entries: ReadonlyArray<TimelineEntry>;
      readonly period: { readonly from: LocalDate; readonly to: LocalDate };
    };

export interface Section {
  /** Stable id for HTML anchors and tests: chosen by the report, never taken from model text. */
  readonly id: string;
  readonly title: string;
  readonly blocks: ReadonlyArray<Block>;
}

export interface ReportDocument {
  readonly title: string;
  /** Lines under the title: what the report covers and which history it reads. */
  readonly subtitle: ReadonlyArray<string>;
  readonly sections: ReadonlyArray<Section>;
  readonly footer: string;
}

export const cellText = (cell: Cell): string =>
  typeof cell === 'string' ? cell : 'strong' in cell ? cell.strong : cell.text;
