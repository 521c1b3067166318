import { unsafeLocalDate as d } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { child, household } from './journeys.js';
import { bindRefs, mergeScripts, printScript, ref, script } from './script.js';

describe('scripts', () => {
  it('bind references at the start of a string and after a colon inside one, at any depth, and nothing else', () => {
    const bound = bindRefs(
      { id: ref('h1'), covers: ['health:~c1:n1', 'pet:~p1'], name: 'Zoë ~ Ng', note: 'a~b', n: 3 },
      'r7-',
    );
    expect(bound).toEqual({
      id: 'r7-h1',
      covers: ['health:r7-c1:n1', 'pet:r7-p1'],
      name: 'Zoë ~ Ng',
      note: 'a~b',
      n: 3,
    });
  });

  it('merge histories in date order, keeping each one’s records apart and its own order, judged on the latest day', () => {
    const first = script(
      [
        household('h1', d('2025-01-06'), {
          kind: 'ReceiveApplication',
          householdId: ref('h1'),
          receivedOn: d('2025-01-06'),
          route: 'mainstream',
          applicants: [],
          previousServices: [],
        }),
        household('h1', d('2025-03-01'), { kind: 'StartAssessment', stage: 1, startedOn: d('2025-03-01') }),
      ],
      d('2025-04-01'),
    );
    const second = script(
      [
        child('h1', d('2025-02-01'), {
          kind: 'ChangeLegalStatus',
          legalStatus: 'care-order',
          changedOn: d('2025-02-01'),
        }),
      ],
      d('2025-05-01'),
    );
    const merged = mergeScripts(first, second);
    expect(merged.steps.map((s) => [s.on, s.request.area, s.request.id])).toEqual([
      ['2025-01-06', 'households', '~s1.h1'],
      ['2025-02-01', 'children', '~s2.h1'],
      ['2025-03-01', 'households', '~s1.h1'],
    ]);
    expect(merged.asOf).toBe('2025-05-01');
    expect(bindRefs(merged.steps[0]?.request.command, 'r1-')).toMatchObject({ householdId: 'r1-s1.h1' });
    expect(printScript(merged)).toContain('2025-02-01  children s2.h1  ChangeLegalStatus');
  });
});
