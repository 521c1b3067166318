import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { invariantCatalogue, invariantTable } from './catalogue.js';

const root = join(import.meta.dirname, '../../../..');
const doc = join(root, 'docs/regulatory-invariants.md');
const domain = join(root, '../shared/domain.md');

describe('the invariant catalogue', () => {
  it('has one entry for every rule of the rules catalogue, and of domain.md when it is beside the clone', () => {
    const ids = invariantCatalogue.map((entry) => entry.rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(Object.values(rules).map((rule) => rule.id)));
    if (existsSync(domain)) {
      const table = readFileSync(domain, 'utf8').split('## Rules with numbers')[1] ?? '';
      const domainIds = [...table.matchAll(/^\| ([a-z0-9-]+) \|/gm)]
        .map((m) => m[1])
        .filter((id) => id !== 'id');
      expect(new Set(ids)).toEqual(new Set(domainIds));
    }
  });

  it('names only property tests that exist, by their exact titles', () => {
    for (const { rule, alsoProvenBy } of invariantCatalogue) {
      for (const proof of alsoProvenBy) {
        const text = readFileSync(join(root, proof.file), 'utf8').replace(/\s+/g, ' ');
        expect(text, `${rule.id}: ${proof.file}`).toContain(proof.test);
      }
    }
  });

  it('is the table in docs/regulatory-invariants.md (UPDATE_DOCS=1 rewrites it)', () => {
    const current = readFileSync(doc, 'utf8');
    const start = '<!-- invariants:start -->';
    const end = '<!-- invariants:end -->';
    const generated = `${current.slice(0, current.indexOf(start) + start.length)}\n${invariantTable()}\n${current.slice(current.indexOf(end))}`;
    if (process.env.UPDATE_DOCS === '1') writeFileSync(doc, generated);
    expect(process.env.UPDATE_DOCS === '1' ? generated : current).toBe(generated);
  });
});
