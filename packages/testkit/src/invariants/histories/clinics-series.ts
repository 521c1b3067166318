import type { AgencyPolicy, LocalDate } from '@fostering/core';
import fc from 'fast-check';
import { approvalJourney, approvalTimeline, clinic, registration, start } from '../journeys.js';
import { plusDays } from '../oracles/children-dates.js';
import { expectedMinutes } from '../oracles/clinics-cadence.js';
import { ref, type Script, type ScriptStep, script } from '../script.js';

/**
 * A clinician's series of clinics with a household over months, for rule `clinic-cadence`: `h1` approved, one
 * or two children placed, a series opened supporting one or both of them (and sometimes changed from one to
 * two, or back), then sessions a generated number of days apart (often 20 to 22 days, around the limit of
 * cadence plus grace): held as planned, held without being planned, moved for school holidays, cancelled, or
 * left to pass; sometimes held for the wrong length (which must be refused under the rule); notes written up
 * on the day, on their due day, a day late, much later or never, one of them sometimes racing the planning of
 * the next session (sent by another user); the series sometimes closed. Judged after the last step (on the
 * last day notes or a clinic are due, or the day after), or on the day of some step, as things stood then.
 */

const applicationOn = '2024-09-02' as LocalDate;
const agreementOn = plusDays(applicationOn, approvalTimeline.agreement);
const clinician = { id: 'clinician-1', role: 'clinician' } as const;
const administrator = { id: 'clinic-admin-1', role: 'clinic-administrator' } as const;

type Fate = 'held' | 'unplanned' | 'moved' | 'moved-missed' | 'cancelled' | 'missed' | 'wrong-length';

const sessionSpec = (policy: AgencyPolicy) =>
  fc.record({
    gap: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 7, max: 16 }) },
      {
        weight: 3,
        arbitrary: fc
          .integer({ min: -1, max: 1 })
          .map((n) => policy.clinics.cadenceDays + policy.clinics.graceDays + n),
      },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 45 }) },
    ),
    fate: fc.constantFrom<Fate>(
      'held',
      'held',
      'held',
      'unplanned',
      'moved',
      'moved-missed',
      'cancelled',
      'missed',
      'wrong-length',
    ),
    notes: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(0, policy.clinics.notesDueDays) },
      { weight: 1, arbitrary: fc.constant(policy.clinics.notesDueDays + 1) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: policy.clinics.notesDueDays + 10 }) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    wrongBy: fc.constantFrom(-30, -15, 15, 30),
    /** Days after the planned day a move or a cancellation is recorded (-1: the day before). */
    recorded: fc.integer({ min: -1, max: 2 }),
    race: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  });

const later = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
const byDate = (a: ScriptStep, b: ScriptStep) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

export const clinicHistories = (policy: AgencyPolicy): fc.Arbitrary<Script> =>
  fc
    .record({
      children: fc.integer({ min: 1, max: 2 }),
      bothAtFirst: fc.boolean(),
      opensAfter: fc.integer({ min: 0, max: 60 }),
      sessions: fc.array(sessionSpec(policy), { maxLength: 10 }),
      change: fc.option(fc.record({ after: fc.nat(), onOpening: fc.boolean() }), { nil: undefined }),
      closeAfter: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      judged: fc.oneof(
        fc.record({
          after: fc.constantFrom(0, 1, policy.clinics.notesDueDays, policy.clinics.notesDueDays + 1),
        }),
        fc.record({
          after: fc
            .integer({ min: -1, max: 1 })
            .map((n) => policy.clinics.cadenceDays + policy.clinics.graceDays + n),
        }),
        fc.record({ on: fc.nat() }),
        fc.record({ mark: fc.nat() }),
        fc.record({ moved: fc.nat() }),
      ),
    })
    .map(({ children, bothAtFirst, opensAfter, sessions, change: changeSpec, closeAfter, judged }) => {
      let change = changeSpec;
      const kids = children === 2 ? ['c1', 'c2'] : ['c1'];
      const steps: ScriptStep[] = [...approvalJourney('h1', { from: applicationOn })];
      kids.forEach((c, i) => {
        const on = plusDays(agreementOn, 1 + i);
        steps.push(...registration(c, { on: plusDays(on, -30), dateOfBirth: plusDays(on, -3650 - i * 700) }));
        steps.push(start(`p${i + 1}`, { child: c, household: 'h1', on }));
      });
      const openedOn = plusDays(agreementOn, 2 + opensAfter);
      const supportedFrom = [{ from: openedOn, kids: bothAtFirst ? kids : ['c1'] }];
      const supportedAt = (on: LocalDate) => supportedFrom.filter((x) => x.from <= on).at(-1)?.kids ?? [];
      const series = (on: LocalDate, command: Parameters<typeof clinic>[2]) => clinic('cs1', on, command);
      steps.push(
        series(openedOn, {
          kind: 'OpenClinicSeries',
          seriesId: ref('cs1'),
          clinicianId: clinician.id,
          householdId: ref('h1'),
          youngPeople: supportedAt(openedOn).map(ref),
          openedOn,
        }),
      );
      const races = new Map<ScriptStep, ScriptStep>();
      let day = openedOn;
      // Days worth judging on: when sessions were planned and held, and when their notes and the next clinic fell due.
      const marks: LocalDate[] = [];
      // And the days sessions were moved or cancelled, sometimes after the day they were planned for.
      const moves: LocalDate[] = [];
      const allowed = policy.clinics.cadenceDays + policy.clinics.graceDays;
      const changeTo = (changedOn: LocalDate, next: string[]) => {
        supportedFrom.push({ from: changedOn, kids: next });
        steps.push(
          series(changedOn, { kind: 'ChangeSupportedYoungPeople', childIds: next.map(ref), changedOn }),
        );
      };
      // Two children: who is supported may change, on the opening day itself or the day after a session.
      if (kids.length < 2) change = undefined;
      if (change?.onOpening) changeTo(openedOn, bothAtFirst ? ['c1'] : kids);
      sessions.forEach((s, i) => {
        const sessionId = `s${i + 1}`;
        const previous = day;
        day = plusDays(day, Math.max(s.gap, 0));
        const supported = supportedAt(day);
        const minutes = expectedMinutes(policy, supported.length);
        const hold = (on: LocalDate, length = minutes) =>
          series(on, {
            kind: 'HoldSession',
            sessionId,
            heldOn: on,
            mode: 'in-person',
            minutes: length,
            youngPeopleDiscussed: supported.map(ref),
          });
        const plan = (scheduledFor: LocalDate) => ({
          ...series(previous, { kind: 'ScheduleSession', sessionId, scheduledFor, mode: 'online' }),
          by: administrator,
        });
        const planned =
          s.fate === 'moved' || s.fate === 'moved-missed' ? later(plusDays(day, -3), previous) : day;
        marks.push(planned, plusDays(planned, 1), day, plusDays(day, 1));
        if (['held', 'unplanned', 'moved'].includes(s.fate)) {
          const notesDue = plusDays(day, policy.clinics.notesDueDays);
          marks.push(notesDue, plusDays(notesDue, 1), plusDays(day, allowed), plusDays(day, allowed + 1));
        }
        if (!['unplanned', 'wrong-length'].includes(s.fate)) steps.push(plan(planned));
        if (s.fate === 'moved' || s.fate === 'moved-missed') {
          const on = later(plusDays(planned, s.recorded), previous);
          moves.push(on);
          steps.push(
            series(on, {
              kind: 'RescheduleSession',
              sessionId,
              to: day,
              reason: 'school-holidays',
              rescheduledOn: on,
            }),
          );
        }
        if (s.fate === 'cancelled') {
          const cancelledOn = later(plusDays(day, s.recorded), day);
          moves.push(cancelledOn);
          steps.push(
            series(cancelledOn, {
              kind: 'CancelSession',
              sessionId,
              cancelledBy: 'carer',
              reason: 'contact with family',
              cancelledOn,
            }),
          );
        }
        if (s.fate === 'wrong-length') steps.push(hold(day, minutes + s.wrongBy));
        if (['held', 'unplanned', 'moved'].includes(s.fate)) {
          steps.push(hold(day));
          if (s.notes !== undefined) {
            const writtenOn = plusDays(day, s.notes);
            const notes = {
              ...series(writtenOn, {
                kind: 'RecordSessionNotes',
                sessionId,
                writtenOn,
                notes: `clinic ${sessionId}`,
              }),
              by: clinician,
            };
            steps.push(notes);
            if (s.race)
              races.set(notes, {
                ...series(writtenOn, {
                  kind: 'ScheduleSession',
                  sessionId: `x${i + 1}`,
                  scheduledFor: plusDays(writtenOn, 14),
                  mode: 'online',
                }),
                by: administrator,
              });
          }
        }
        if (change !== undefined && !change.onOpening && change.after % sessions.length === i) {
          const changedOn = plusDays(day, 1);
          changeTo(changedOn, supported.length === 2 ? ['c1'] : kids);
        }
      });
      if (closeAfter !== undefined) {
        const closedOn = plusDays(day, closeAfter);
        steps.push(series(closedOn, { kind: 'CloseClinicSeries', closedOn }));
      }
      const sorted = [...steps].sort(byDate).flatMap((step) => {
        const race = races.get(step);
        return race === undefined ? [step] : [step, { ...race, concurrent: true as const }];
      });
      const last = sorted.at(-1)?.on ?? openedOn;
      if ('after' in judged) return script(sorted, plusDays(last, judged.after));
      const [candidates, n] =
        'on' in judged
          ? [sorted.map((s) => s.on), judged.on]
          : 'mark' in judged
            ? [marks, judged.mark]
            : [moves, judged.moved];
      const days = [...new Set(candidates)].filter((d) => d >= openedOn).sort();
      const asOf = days[n % Math.max(days.length, 1)] ?? last;
      return script(
        sorted.filter((s) => s.on <= asOf),
        asOf,
      );
    });
