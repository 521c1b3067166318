import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { addDays, type LocalDate } from '../../calendar/index.js';
import { type AgencyPolicy, defaultAgencyPolicy } from '../../policy/index.js';
import type { ClinicCommand } from '../commands.js';
import { clinicDecider } from '../decider.js';
import type { ClinicError } from '../decisions/guards.js';
import type { ClinicEvent } from '../events/index.js';
import type { ClinicSeriesState } from '../state.js';
import { d, jordan, opening, riley } from './clinic-history.js';

/**
 * Generated clinic schedules: a series opened for one young person, a second joining and leaving on generated
 * days, sessions held (with the policy length or another), some only scheduled (then missed or cancelled),
 * under a generated policy. Dates are offsets from the opening so the oracle can count days independently.
 */
export interface ClinicSchedule {
  readonly policy: AgencyPolicy;
  /** Days after opening on which the supported young people change: [riley, jordan] at even indices, [riley] at odd. */
  readonly changes: ReadonlyArray<number>;
  readonly sessions: ReadonlyArray<{
    readonly gapDays: number;
    readonly fate: 'held' | 'held-unscheduled' | 'missed' | 'cancelled';
    readonly minutes: 'policy' | number;
  }>;
  /** Days after the last session at which the schedule is examined. */
  readonly asOfDays: number;
}

export const clinicSchedule: fc.Arbitrary<ClinicSchedule> = fc.record({
  policy: fc
    .record({
      cadenceDays: fc.integer({ min: 7, max: 28 }),
      graceDays: fc.integer({ min: 0, max: 14 }),
      one: fc.integer({ min: 30, max: 90 }),
      extra: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ cadenceDays, graceDays, one, extra }) => ({
      ...defaultAgencyPolicy,
      clinics: {
        ...defaultAgencyPolicy.clinics,
        cadenceDays,
        graceDays,
        sessionMinutes: { oneYoungPerson: one, twoOrMoreYoungPeople: one + extra },
      },
    })),
  changes: fc
    .uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 3 })
    .map((xs) => [...xs].sort((a, b) => a - b)),
  sessions: fc.array(
    fc.record({
      gapDays: fc.oneof(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 60 })),
      fate: fc.constantFrom('held', 'held', 'held', 'held-unscheduled', 'missed', 'cancelled'),
      minutes: fc.oneof(
        { weight: 4, arbitrary: fc.constant('policy' as const) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 180 }) },
      ),
    }),
    { maxLength: 16 },
  ),
  asOfDays: fc.integer({ min: 0, max: 60 }),
});

export const dayAfterOpening = (days: number): LocalDate => addDays(opening.openedOn, days);

/** The young people supported `days` after opening, by the schedule (the oracle's own reading). */
export const supportedCountOn = (schedule: ClinicSchedule, days: number): number => {
  const index = schedule.changes.filter((c) => c <= days).length - 1;
  return index >= 0 && index % 2 === 0 ? 2 : 1;
};

export interface Outcome {
  readonly command: ClinicCommand;
  readonly decision: E.Either<ClinicError, ReadonlyArray<ClinicEvent>>;
}

export interface ReplayedSchedule {
  readonly outcomes: ReadonlyArray<Outcome>;
  readonly events: ReadonlyArray<ClinicEvent>;
  readonly state: ClinicSeriesState;
  readonly asOf: LocalDate;
  /** The commands to hold each session, with the day (after opening) they were held. */
  readonly holds: ReadonlyArray<{ readonly days: number; readonly command: ClinicCommand }>;
}

/** Every command of the schedule in date order, decided one after the other. */
export const replaySchedule = (schedule: ClinicSchedule): ReplayedSchedule => {
  const decider = clinicDecider(schedule.policy);
  const timeline: Array<{ days: number; order: number; command: ClinicCommand }> = [
    { days: 0, order: 0, command: { kind: 'OpenClinicSeries', ...opening } },
    ...schedule.changes.map((days, i) => ({
      days,
      order: 1,
      command: {
        kind: 'ChangeSupportedYoungPeople' as const,
        childIds: i % 2 === 0 ? [riley, jordan] : [riley],
        changedOn: dayAfterOpening(days),
      },
    })),
  ];
  const holds: Array<{ days: number; command: ClinicCommand }> = [];
  let days = 0;
  schedule.sessions.forEach(({ gapDays, fate, minutes }, i) => {
    days += gapDays;
    const sessionId = `s${i}`;
    const on = dayAfterOpening(days);
    const two = supportedCountOn(schedule, days) === 2;
    const policyMinutes = two
      ? schedule.policy.clinics.sessionMinutes.twoOrMoreYoungPeople
      : schedule.policy.clinics.sessionMinutes.oneYoungPerson;
    if (fate !== 'held-unscheduled') {
      timeline.push({
        days,
        order: 2,
        command: { kind: 'ScheduleSession', sessionId, scheduledFor: on, mode: 'online' },
      });
    }
    if (fate === 'held' || fate === 'held-unscheduled') {
      const command: ClinicCommand = {
        kind: 'HoldSession',
        sessionId,
        heldOn: on,
        mode: 'in-person',
        minutes: minutes === 'policy' ? policyMinutes : minutes,
        youngPeopleDiscussed: two ? [riley, jordan] : [riley],
      };
      timeline.push({ days, order: 3, command });
      holds.push({ days, command });
    }
    if (fate === 'cancelled') {
      timeline.push({
        days,
        order: 3,
        command: {
          kind: 'CancelSession',
          sessionId,
          cancelledBy: 'clinician',
          reason: 'Unwell',
          cancelledOn: on,
        },
      });
    }
  });
  timeline.sort((a, b) => a.days - b.days || a.order - b.order);
  const outcomes: Outcome[] = [];
  const events: ClinicEvent[] = [];
  let state = decider.initialState;
  for (const { command } of timeline) {
    const decision = decider.decide(command, state);
    outcomes.push({ command, decision });
    if (E.isRight(decision)) {
      events.push(...decision.right);
      state = decision.right.reduce(decider.evolve, state);
    }
  }
  return { outcomes, events, state, asOf: dayAfterOpening(days + schedule.asOfDays), holds };
};

export { d };
