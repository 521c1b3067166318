import { expect } from 'vitest';

/**
 * What every report file must satisfy to be opened safely from an email or a record: no scripts, nothing loaded
 * from elsewhere, no event-handler attributes. Checked on the raw string, so no parser leniency can hide it.
 */
export const expectSelfContained = (html: string): void => {
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed|use|image)\b/i);
  // Inside a tag only: escaped model text may well read `onerror=` or `src=http…`, and that is fine.
  expect(html).not.toMatch(/<[^>]*\s(src|href)\s*=\s*["']?\s*(https?:|\/\/|javascript:|data:)/i);
  expect(html).not.toMatch(/url\(/i);
  expect(html).not.toMatch(/@import/i);
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
};
