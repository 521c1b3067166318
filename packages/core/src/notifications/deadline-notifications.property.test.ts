import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addDays, unsafeLocalDate } from '../calendar/index.js';
import { type DeadlineInput, judgeDeadline } from '../compliance/finding.js';
import { inMemoryOutbox } from '../eventsourcing/index.js';
import { defaultAgencyPolicy } from '../policy/index.js';
import { rules } from '../rules/index.js';
import { deadlineNotifications } from './deadline-notifications.js';
import { deadlineKey, notificationMessages } from './intent.js';

const start = unsafeLocalDate('2026-01-01');
const dueSoonDays = defaultAgencyPolicy.approvals.dueSoonDays;
const routing = defaultAgencyPolicy.notifications;
const channels = ['webhook', 'email'];

const deadlineArbitrary = fc.record({
  rule: fc.constantFrom(rules.annualReview, rules.ssw, rules.clinicCadence, rules.training),
  household: fc.constantFrom('h1', 'h2', 'h3'),
  due: fc.integer({ min: 0, max: 120 }),
  met: fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
});

type Generated = typeof deadlineArbitrary extends fc.Arbitrary<infer T> ? T : never;

const inputOf = (d: Generated, i: number): DeadlineInput => ({
  rule: d.rule,
  code: `code-${i}`,
  subject: { householdId: d.household },
  description: 'something due',
  dueOn: addDays(start, d.due),
  metOn: d.met === undefined ? undefined : addDays(start, d.met),
});

describe('the scheduler over any sequence of ticks', () => {
  it('never raises a deadline notification twice and never misses one that a tick saw fall due', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(deadlineArbitrary, { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 160 }), { minLength: 1, maxLength: 15 }),
        async (generated, tickDays) => {
          const inputs = generated.map(inputOf);
          const outbox = inMemoryOutbox();
          const ticks = [...tickDays].sort((a, b) => a - b);
          const expected = new Set<string>();
          let added = 0;
          for (const day of ticks) {
            const today = addDays(start, day);
            const judged = inputs.map((input) => judgeDeadline(input, today, dueSoonDays));
            for (const deadline of judged) {
              const kind =
                deadline.state === 'overdue'
                  ? 'deadline-overdue'
                  : deadline.state === 'due-soon'
                    ? 'deadline-due-soon'
                    : undefined;
              if (kind === undefined) continue;
              for (const audience of routing.audiences[deadline.rule.id] ?? []) {
                for (const channel of channels)
                  expected.add(`${kind}:${deadlineKey(deadline)}:${audience}@${channel}`);
              }
            }
            const intents = deadlineNotifications(judged, today, routing);
            const result = await outbox.add(
              intents.flatMap((intent) => notificationMessages(intent, channels)),
              new Date(`${today}T08:00:00Z`),
            );
            if (E.isLeft(result)) throw new Error(result.left.message);
            added += result.right.length;
          }
          const pending = await outbox.list({ status: 'pending' });
          if (E.isLeft(pending)) throw new Error(pending.left.message);
          const ids = pending.right.map((entry) => entry.messageId);
          // Exactly once: each id once in the outbox, each added once across all ticks, and nothing else.
          expect(new Set(ids).size).toBe(ids.length);
          expect(added).toBe(ids.length);
          expect(new Set(ids)).toEqual(expected);
        },
      ),
    );
  });

  it('routes each rule to the audiences the agency configured, naming rule and citation in the title', () => {
    const today = unsafeLocalDate('2026-03-01');
    const overdue = judgeDeadline(
      {
        rule: rules.clinicCadence,
        code: 'clinic-notes',
        subject: { seriesId: 's1' },
        description: 'notes of session s4',
        dueOn: unsafeLocalDate('2026-02-20'),
      },
      today,
      dueSoonDays,
    );
    const intents = deadlineNotifications([overdue], today, {
      audiences: { ...routing.audiences, 'clinic-cadence': ['clinician', 'registered-manager'] },
    });
    expect(intents.map((i) => [i.audience, i.kind])).toEqual([
      ['clinician', 'deadline-overdue'],
      ['registered-manager', 'deadline-overdue'],
    ]);
    expect(intents[0]?.title).toBe('Overdue since 2026-02-20: notes of session s4 (clinic-cadence, policy)');
    expect(intents[0]?.idempotencyKey).toBe(
      'deadline-overdue:clinic-cadence/clinic-notes/seriesId=s1/2026-02-20:clinician',
    );
  });
});
