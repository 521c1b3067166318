import { clinicSessionMinutes, clinicStreamId, supportedYoungPeopleOn } from '@fostering/core';
import { type Day, dateOf } from './days.js';
import * as names from './names.js';
import { actors, type ClinicSeries, type Household, type Sim } from './world.js';

/**
 * Clinics: every household caring for a child on a supported package (enhanced or intensive) has a clinician's
 * fortnightly consultation, 60 minutes, or 90 with two or more supported young people (rule `clinic-cadence`).
 * Sessions are booked a fortnight ahead, held, and written up within a few days; some move around school
 * holidays or are cancelled and made up within the week; the clinician also goes to Team Around the Child
 * meetings and contributes to care plans. A series opens when the first supported child arrives and closes at
 * the next clinic after the last one leaves. Clinic records start with the detailed routine (`routineFrom`).
 */

const seriesStream = (seriesId: string) => clinicStreamId(seriesId);

/** The children placed in the household on `day` on a supported package, by the generator's notes. */
const supportedChildren = (sim: Sim, householdId: string, day: Day): string[] =>
  [...sim.world.placements.values()]
    .filter(
      (p) =>
        p.householdId === householdId &&
        p.startedOn <= day &&
        (p.endedOn === undefined || p.endedOn > day) &&
        p.type !== 'staying-put' &&
        p.supportPackage !== 'standard',
    )
    .map((p) => p.childId)
    .sort();

const same = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Keeps the household's clinic series in step with who is placed there: open, change, or let it close. */
export const clinicsChanged = async (sim: Sim, householdId: string, day: Day): Promise<void> => {
  if (day < sim.routineFrom) return;
  const h = sim.world.households.get(householdId);
  if (h === undefined) return;
  const supported = supportedChildren(sim, householdId, day);
  const series = h.seriesId === undefined ? undefined : sim.world.series.get(h.seriesId);
  if (series !== undefined && !series.closed) {
    // No one left to support: the series closes at its next clinic day.
    if (supported.length === 0) return;
    const state = sim.ledger.clinics.state(seriesStream(series.id));
    if (same(supportedYoungPeopleOn(state, dateOf(day)), supported)) return;
    await sim.ledger.clinic(
      series.id,
      { kind: 'ChangeSupportedYoungPeople', childIds: supported, changedOn: dateOf(day) },
      { actor: actors.clinician(series.clinicianId), on: day },
    );
    return;
  }
  if (supported.length === 0 || h.seriesId === 'opening') return;
  const openOn = sim.wd.onOrAfter(day + sim.random.clinics.int(3, 10));
  if (openOn > sim.shape.asOfDay) return;
  h.seriesId = 'opening';
  sim.on(openOn, () => open(sim, h, openOn));
};

/** At the start of the detailed routine, every household already caring for supported children gets its series. */
export const openSeriesAtRoutineStart = (sim: Sim): void => {
  sim.on(
    sim.routineFrom,
    async () => {
      for (const h of sim.world.households.values()) await clinicsChanged(sim, h.id, sim.routineFrom);
    },
    450,
  );
};

const clinicianFor = (sim: Sim, day: Day): string => {
  const load = new Map<string, number>();
  for (const member of sim.world.staff.values()) {
    if (
      member.role === 'clinician' &&
      member.startedOn <= day &&
      (member.leftOn === undefined || member.leftOn > day)
    )
      load.set(member.id, 0);
  }
  for (const series of sim.world.series.values()) {
    if (!series.closed && load.has(series.clinicianId))
      load.set(series.clinicianId, (load.get(series.clinicianId) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [id, n] of load) if (best === undefined || n < (load.get(best) ?? 0)) best = id;
  return best ?? 'clin-01';
};

const open = async (sim: Sim, h: Household, day: Day): Promise<void> => {
  h.seriesId = undefined;
  const supported = supportedChildren(sim, h.id, day);
  if (supported.length === 0) return;
  const id = `cs-${String(++sim.world.nextSeries).padStart(4, '0')}`;
  const clinicianId = clinicianFor(sim, day);
  const ok = await sim.ledger.clinic(
    id,
    {
      kind: 'OpenClinicSeries',
      seriesId: id,
      clinicianId,
      householdId: h.id,
      youngPeople: supported,
      openedOn: dateOf(day),
    },
    { actor: actors.clinician(clinicianId), on: day },
  );
  if (!ok) return;
  const series: ClinicSeries = {
    id,
    householdId: h.id,
    clinicianId,
    openedOn: day,
    sessions: 0,
    closed: false,
    nextNotesLate: false,
    nextMissed: false,
  };
  sim.world.series.set(id, series);
  h.seriesId = id;
  await book(sim, series, day, sim.wd.onOrAfter(day + sim.random.clinics.int(5, 12)));
};

/** Christmas and New Year: sessions falling then move to just before. */
const inHolidays = (day: Day) => {
  const md = dateOf(day).slice(5);
  return md >= '12-24' || md <= '01-01';
};

type Fate = 'held' | 'moved' | 'cancelled' | 'missed';

/**
 * Books the next session on `lastHeld`'s day for `date`, and decides now how it will go, so that a move or a
 * cancellation is recorded days before the session as it would be. Every path holds a clinic within 21 days
 * of the last one (the cadence plus the policy's grace), so no gap opens unless a failure is planted.
 */
const book = async (sim: Sim, series: ClinicSeries, lastHeld: Day, date: Day): Promise<void> => {
  const random = sim.random.clinics;
  const { asOfDay } = sim.shape;
  const sessionId = `${series.id}-s${String(++series.sessions).padStart(3, '0')}`;
  const actor = actors.clinician(series.clinicianId);
  const mode = random.chance(0.55) ? 'online' : 'in-person';
  await sim.ledger.clinic(
    series.id,
    { kind: 'ScheduleSession', sessionId, scheduledFor: dateOf(date), mode },
    { actor, on: lastHeld },
  );
  const latest = lastHeld + 21;
  const makeUp = () => Math.min(latest, sim.wd.onOrAfter(date + random.int(2, 5)));
  let fate: Fate = random.weighted<Fate>([
    ['held', 90],
    ['moved', 6],
    ['cancelled', 4],
  ]);
  if (inHolidays(date)) fate = 'moved';
  // A missed session is a finding only once its day has passed.
  if ((series.nextMissed || random.chance(sim.quotas.clinicSessionMissedShare)) && date < asOfDay) {
    fate = 'missed';
    series.nextMissed = false;
  }
  if (date > asOfDay) return;
  switch (fate) {
    case 'held':
      sim.on(date, () => hold(sim, series, sessionId, date, mode));
      return;
    case 'moved': {
      const to = inHolidays(date)
        ? sim.wd.onOrBefore(Math.max(lastHeld + 7, dayBeforeHolidays(date)))
        : Math.min(latest, sim.wd.onOrAfter(date + random.int(2, 6)));
      const earlier = Math.max(lastHeld, Math.min(date, to) - random.int(1, 5));
      const movedOn = earlier < to ? earlier : lastHeld;
      if (to === date || to <= lastHeld) {
        sim.on(date, () => hold(sim, series, sessionId, date, mode));
        return;
      }
      sim.on(movedOn, async () => {
        if (series.closed) return;
        await sim.ledger.clinic(
          series.id,
          {
            kind: 'RescheduleSession',
            sessionId,
            to: dateOf(to),
            reason: inHolidays(date)
              ? 'school-holidays'
              : random.pick(['contact', 'event', 'other', 'school-holidays'] as const),
            rescheduledOn: dateOf(movedOn),
          },
          { actor, on: movedOn },
        );
      });
      sim.on(to, () => hold(sim, series, sessionId, to, mode));
      return;
    }
    case 'cancelled': {
      const cancelledOn = Math.max(lastHeld, date - random.int(0, 2));
      sim.on(cancelledOn, async () => {
        if (series.closed) return;
        await sim.ledger.clinic(
          series.id,
          {
            kind: 'CancelSession',
            sessionId,
            cancelledBy: 'carer',
            reason: random.pick(names.cancellationReasons),
            cancelledOn: dateOf(cancelledOn),
          },
          { actor, on: cancelledOn },
        );
      });
      const extra = makeUp();
      sim.on(extra, () => hold(sim, series, `${sessionId}x`, extra, mode));
      return;
    }
    case 'missed': {
      // Planted: the carers did not come and nobody recorded it; the clinician made it up within the week.
      sim.world.planted.push({
        kind: 'clinic-session-missed',
        ruleId: 'clinic-cadence',
        code: 'clinic-session-missed',
        householdId: series.householdId,
        seriesId: series.id,
        on: dateOf(date),
      });
      const extra = makeUp();
      sim.on(extra, () => hold(sim, series, `${sessionId}x`, extra, mode));
      return;
    }
  }
};

const dayBeforeHolidays = (day: Day) => {
  const date = dateOf(day);
  const year = Number(date.slice(0, 4)) - (date.slice(5) <= '01-01' ? 1 : 0);
  return Math.round(Date.parse(`${year}-12-23T00:00:00Z`) / 86_400_000);
};

const hold = async (
  sim: Sim,
  series: ClinicSeries,
  sessionId: string,
  day: Day,
  mode: 'online' | 'in-person',
): Promise<void> => {
  if (series.closed) return;
  const random = sim.random.clinics;
  const actor = actors.clinician(series.clinicianId);
  const state = sim.ledger.clinics.state(seriesStream(series.id));
  const scheduled = state.sessions[sessionId]?.scheduledFor !== undefined;
  const supported = supportedChildren(sim, series.householdId, day);
  if (supported.length === 0) {
    // The last supported child has gone: the planned clinic is cancelled and the series closes.
    if (scheduled) {
      await sim.ledger.clinic(
        series.id,
        {
          kind: 'CancelSession',
          sessionId,
          cancelledBy: 'agency',
          reason: 'no young person on a supported package in the household now',
          cancelledOn: dateOf(day),
        },
        { actor, on: day },
      );
    }
    await sim.ledger.clinic(
      series.id,
      { kind: 'CloseClinicSeries', closedOn: dateOf(day) },
      { actor, on: day },
    );
    series.closed = true;
    const h = sim.world.households.get(series.householdId);
    if (h !== undefined && h.seriesId === series.id) h.seriesId = undefined;
    await clinicsChanged(sim, series.householdId, day);
    return;
  }
  const onRecord = supportedYoungPeopleOn(state, dateOf(day));
  const discussed = onRecord.filter(() => random.chance(0.85));
  const ok = await sim.ledger.clinic(
    series.id,
    {
      kind: 'HoldSession',
      sessionId,
      heldOn: dateOf(day),
      mode,
      minutes: clinicSessionMinutes(sim.policy, onRecord.length),
      youngPeopleDiscussed: discussed.length > 0 ? discussed : onRecord.slice(0, 1),
    },
    { actor, on: day, minute: 600 },
  );
  if (!ok) return;
  // Notes the same day or within three; a planted share a week or more after the session, beyond the policy's
  // five days (planted only where the deadline passes within the history, so that it is a finding at the end).
  const dueDays = sim.policy.clinics.notesDueDays;
  const late =
    (series.nextNotesLate || random.chance(sim.quotas.clinicNotesLateShare)) &&
    day + dueDays < sim.shape.asOfDay;
  if (late) series.nextNotesLate = false;
  const writtenOn = day + (late ? random.int(dueDays + 2, dueDays + 7) : random.int(0, 3));
  if (late) {
    sim.world.planted.push({
      kind: 'clinic-notes-late',
      ruleId: 'clinic-cadence',
      code: 'clinic-notes',
      householdId: series.householdId,
      seriesId: series.id,
      on: dateOf(day),
    });
  }
  if (writtenOn <= sim.shape.asOfDay) {
    sim.on(writtenOn, async () => {
      await sim.ledger.clinic(
        series.id,
        {
          kind: 'RecordSessionNotes',
          sessionId,
          writtenOn: dateOf(writtenOn),
          notes: random.pick(names.sessionNotes),
        },
        { actor, on: writtenOn },
      );
    });
  }
  // Now and then the clinician joins a Team Around the Child meeting for one of the young people.
  if (random.chance(0.15)) {
    const childId = random.pick(onRecord);
    await sim.ledger.clinic(
      series.id,
      {
        kind: 'RecordTeamAroundTheChildAttendance',
        childId,
        meetingOn: dateOf(day),
        meetingKind: random.chance(0.7) ? 'tatc' : 'professionals',
      },
      { actor, on: day },
    );
  }
  await book(sim, series, day, sim.wd.onOrAfter(day + 14));
};

/** Planted at checkpoints when chance alone has not yet produced one of each clinic failure. */
export const plantClinicFailures = (sim: Sim): void => {
  const open = sim.random.clinics.shuffle([...sim.world.series.values()].filter((s) => !s.closed));
  const planted = sim.world.planted;
  const first = open[0];
  const second = open[1] ?? first;
  if (first !== undefined && !planted.some((p) => p.kind === 'clinic-notes-late')) first.nextNotesLate = true;
  if (second !== undefined && !planted.some((p) => p.kind === 'clinic-session-missed'))
    second.nextMissed = true;
};
