import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docTables, personalFieldsTable } from '../__fixtures__/doc-tables.js';
import { householdEvents } from '../approvals/events/index.js';
import { childEvents } from '../children/events/index.js';
import { clinicEvents } from '../clinics/events/index.js';
import { placementEvents } from '../placements/events.js';
import { audienceRules } from '../reviews/audience.js';
import { recordEntryKinds } from '../reviews/model.js';
import { staffEvents } from '../supervision/events/index.js';

// docs/privacy.md lists what is sealed and who reads what from the code itself, so it cannot drift.
// Run with UPDATE_DOCS=1 to rewrite the tables after changing a mark or an audience.
const doc = fileURLToPath(new URL('../../../../docs/privacy.md', import.meta.url));

const audiencesTable = (): string => {
  const kinds = recordEntryKinds;
  return [
    `| reader | ${kinds.map((k) => `\`${k}\``).join(' | ')} | third parties |`,
    `|---|${kinds.map(() => '---').join('|')}|---|`,
    ...Object.entries(audienceRules).map(
      ([audience, rule]) =>
        `| ${audience} | ${kinds.map((k) => (rule.reads.has(k) ? 'yes' : '')).join(' | ')} | ${rule.ownPeopleOnly ? 'left out' : 'shown'} |`,
    ),
  ].join('\n');
};

describe('docs/privacy.md', () => {
  it('lists exactly the personal fields the codecs mark, and the readers of each kind of entry', () => {
    const { current, generated } = docTables(doc, {
      'personal-fields': personalFieldsTable([
        { streams: 'household', definitions: householdEvents.definitions },
        { streams: 'child', definitions: childEvents.definitions },
        { streams: 'placement', definitions: placementEvents.definitions },
        { streams: 'clinic series', definitions: clinicEvents.definitions },
        { streams: 'staff member', definitions: staffEvents.definitions },
      ]),
      audiences: audiencesTable(),
    });
    expect(current).toBe(generated);
  });
});
