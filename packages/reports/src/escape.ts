/**
 * Escaping for every piece of text that comes from the model. Names, labels and messages are typed in by
 * people (a carer called `O'Brien`, a concern quoting a child), so none of it may become markup: a report is
 * opened by managers and inspectors, often as a file outside any sanitising viewer.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Control characters other than tab and line breaks are not allowed in XML at all: one of them in a label
// would make the standalone SVG fail to parse, so they become the replacement character.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text for HTML or SVG, in element content and in quoted attribute values alike (both quote characters are
 * escaped, so the caller cannot pick the wrong one).
 */
export const escapeHtml = (text: string): string =>
  text.replace(XML_FORBIDDEN, '\uFFFD').replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

// The ASCII punctuation that can open Markdown (or GFM) syntax in the middle of a line: code spans, emphasis,
// links and images (`[`, `]`, `!`), raw HTML and autolinks (`<`, `>`), table cells (`|`), strikethrough (`~`),
// headings (`#`), and the backslash itself, so that an escape in the text cannot cancel ours. `(` and `)` only
// matter after a `]`, which is escaped. CommonMark lets any ASCII punctuation be escaped with a backslash.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>|~#!]/g;

// `&amp;` or `&#60;` in text would be decoded by a Markdown renderer into `&` or `<`; a bare `&` is harmless,
// so only the start of something shaped like an entity is escaped, keeping "Smith & Jones" readable.
const ENTITY_START = /&(?=#?[A-Za-z0-9]+;)/g;

// GFM turns bare `https://…` and `www.…` into links. A report should show an address typed into a record, not
// offer it as a link to click, so the two markers that trigger it are escaped (the text still reads the same).
const BARE_URL_MARKER = /:(?=\/\/)|(?<=\bwww)\./gi;

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * Text for one Markdown line: a table cell, a list item or a heading. Line breaks become `<br>` (the one tag
 * GFM table cells accept) so a value can never end its cell or start a block of its own.
 */
export const escapeMarkdown = (text: string): string =>
  text
    .replace(MARKDOWN_SPECIAL, (c) => `\\${c}`)
    .replace(ENTITY_START, '\\&')
    .replace(BARE_URL_MARKER, (c) => `\\${c}`)
    .replace(LINE_BREAK, '<br>');
