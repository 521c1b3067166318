import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { complianceContext } from '../compliance/context.js';
import { fold } from '../eventsourcing/index.js';
import { rules } from '../rules/index.js';
import {
  type ClinicSchedule,
  clinicSchedule,
  replaySchedule,
  supportedCountOn,
} from './__fixtures__/clinic-schedule.arbitrary.js';
import { ClinicCommand } from './commands.js';
import { clinicGaps } from './compliance/cadence.js';
import { clinicCompliance } from './compliance/clinic-compliance.js';
import { clinicDecider } from './decider.js';

const runs = 200;
const named = (claim: string) => `${rules.clinicCadence.id} (${rules.clinicCadence.citation}): ${claim}`;

// The oracle counts days with plain UTC arithmetic, not the calendar module the code uses.
const dayNumber = (date: string) =>
  Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 86_400_000;
const allowed = (schedule: ClinicSchedule) =>
  schedule.policy.clinics.cadenceDays + schedule.policy.clinics.graceDays;

describe('clinic decider over generated schedules', () => {
  it('generates only commands the ClinicCommand codec accepts; the state is the fold of the events', () => {
    fc.assert(
      fc.property(clinicSchedule, (schedule) => {
        const { outcomes, events, state } = replaySchedule(schedule);
        for (const { command } of outcomes) expect(E.isRight(ClinicCommand.decode(command))).toBe(true);
        expect(fold(clinicDecider(schedule.policy))(events)).toEqual(state);
      }),
      { numRuns: runs },
    );
  });

  it(
    named('a gap is reported exactly when two consecutive held sessions are further apart than allowed'),
    () => {
      fc.assert(
        fc.property(clinicSchedule, (schedule) => {
          const { events, state, asOf } = replaySchedule(schedule);
          const heldDays = [
            ...new Set(events.flatMap((e) => (e.type === 'SessionHeld' ? [dayNumber(e.data.heldOn)] : []))),
          ].sort((a, b) => a - b);
          const expected = heldDays.slice(1).flatMap((to, i) => {
            const from = heldDays[i] ?? to;
            return to - from > allowed(schedule) ? [[from, to]] : [];
          });
          const gaps = clinicGaps(state, asOf, schedule.policy);
          const between = gaps.filter((g) => g.kind === 'between-sessions');
          expect(between.map((g) => [dayNumber(g.from), dayNumber(g.to)])).toEqual(expected);
          for (const gap of gaps) expect(gap.rule).toEqual(rules.clinicCadence);
          const last = heldDays[heldDays.length - 1] ?? dayNumber(state.openedOn ?? asOf);
          expect(gaps.some((g) => g.kind === 'since-last')).toBe(dayNumber(asOf) - last > allowed(schedule));
        }),
        { numRuns: runs },
      );
    },
  );

  it(named('a held session always lasts the policy length for the young people supported that day'), () => {
    fc.assert(
      fc.property(clinicSchedule, (schedule) => {
        const { outcomes, holds } = replaySchedule(schedule);
        const { oneYoungPerson, twoOrMoreYoungPeople } = schedule.policy.clinics.sessionMinutes;
        for (const { days, command } of holds) {
          if (command.kind !== 'HoldSession') continue;
          const expected = supportedCountOn(schedule, days) === 2 ? twoOrMoreYoungPeople : oneYoungPerson;
          const decision = outcomes.find((o) => o.command === command)?.decision;
          if (command.minutes === expected) {
            expect(decision !== undefined && E.isRight(decision)).toBe(true);
          } else {
            expect(decision !== undefined && E.isLeft(decision) && decision.left).toMatchObject({
              _tag: 'RuleViolation',
              rule: { id: 'clinic-cadence' },
              field: 'minutes',
            });
          }
          const event = decision !== undefined && E.isRight(decision) ? decision.right[0] : undefined;
          if (event?.type === 'SessionHeld') expect(event.data.minutes).toBe(expected);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('the generator', () => {
  it('reaches the interesting states, so the properties above are not vacuous', () => {
    const counts = new Map<string, number>();
    const count = (key: string, reached: boolean) =>
      counts.set(key, (counts.get(key) ?? 0) + (reached ? 1 : 0));
    for (const schedule of fc.sample(clinicSchedule, { numRuns: 200, seed: 20260404 })) {
      const { outcomes, events, state, asOf } = replaySchedule(schedule);
      const gaps = clinicGaps(state, asOf, schedule.policy);
      const compliance = clinicCompliance(state, complianceContext(asOf, { policy: schedule.policy }));
      const heldMinutes = events.flatMap((e) => (e.type === 'SessionHeld' ? [e] : []));
      count(
        'a gap between sessions',
        gaps.some((g) => g.kind === 'between-sessions'),
      );
      count(
        'three sessions held without a gap between them',
        heldMinutes.length >= 3 && gaps.every((g) => g.kind !== 'between-sessions'),
      );
      count(
        'a gap still running',
        gaps.some((g) => g.kind === 'since-last'),
      );
      count(
        'a session held for two young people',
        heldMinutes.some((e) => e.data.youngPeopleDiscussed.length === 2),
      );
      count(
        'refused: wrong length',
        outcomes.some(({ decision }) => E.isLeft(decision) && decision.left._tag === 'RuleViolation'),
      );
      count('a session missed', compliance.missedSessions.length > 0);
      count(
        'a session cancelled',
        events.some((e) => e.type === 'SessionCancelled'),
      );
      count(
        'notes overdue',
        compliance.deadlines.some((x) => x.state === 'overdue'),
      );
    }
    if (process.env.FOSTERING_SHOW_COUNTS) console.log(Object.fromEntries(counts));
    for (const [key, n] of counts) expect(n, `${key}: ${n} of 200 schedules`).toBeGreaterThanOrEqual(5);
  });
});
