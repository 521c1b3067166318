import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from './catalogue.js';

// The brief lives beside the repository (CI has it there); the library itself never reads it.
const brief = fileURLToPath(new URL('../../../../../shared/domain.md', import.meta.url));

const briefRules = (): Map<string, string> => {
  const rows = readFileSync(brief, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| id ') && !line.startsWith('|---'));
  return new Map(
    rows
      .map((line) => line.split('|').map((cell) => cell.trim()))
      .filter((cells) => cells.length >= 6)
      .map((cells) => [cells[1] as string, cells[4] as string]),
  );
};

describe('rules catalogue', () => {
  it.runIf(existsSync(brief))('has exactly the rules of domain.md, each with its source as citation', () => {
    const expected = briefRules();
    const actual = new Map(Object.values(rules).map((r) => [r.id, r.citation]));
    expect(actual).toEqual(expected);
  });

  it('gives every rule a citation and a summary', () => {
    for (const rule of Object.values(rules)) {
      expect(rule.citation.length).toBeGreaterThan(0);
      expect(rule.summary.length).toBeGreaterThan(0);
    }
  });
});
