import { type Actor, isApprovedOn, type StaffCommand } from '@fostering/core';
import { addMonthsTo, type Day, dateOf, dayOf } from './days.js';
import type { Random } from './random.js';
import { actors, type Sim, type StaffMember } from './world.js';

/**
 * The agency's staff: a registered manager and team managers, supervising social workers (one to about sixteen
 * households), clinicians (one to about thirty households) and therapeutic support workers. Each has monthly
 * supervision (clinical for clinicians and support workers, as policy asks; managerial for the others), a yearly
 * appraisal, and clinicians and support workers a monthly reflective group. A few social workers leave during
 * the period and are replaced; their households move to colleagues first.
 */

export const staffCounts = (households: number) => ({
  managers: 3,
  ssw: Math.max(2, Math.ceil(households / 16)),
  clinicians: Math.max(1, Math.ceil(households / 30)),
  tsw: Math.max(1, Math.ceil(households / 36)),
});

const id = (prefix: string, n: number) => `${prefix}-${String(n).padStart(2, '0')}`;

const supervisorActor = (sim: Sim, supervisorId: string): Actor => {
  const role = sim.world.staff.get(supervisorId)?.role;
  return { id: supervisorId, role: role === undefined ? 'external-supervisor' : role };
};

/** Who is on the staff, with start dates before the period and the social workers who leave during it. */
export const planStaff = (sim: Sim): void => {
  const random = sim.random.staff;
  const { fromDay, asOfDay } = sim.shape;
  const counts = staffCounts(sim.shape.households);
  const started = () => sim.wd.onOrBefore(fromDay - random.int(45, 4 * 365));
  const add = (member: StaffMember) => sim.world.staff.set(member.id, member);
  add({
    id: 'mgr-01',
    role: 'manager',
    startedOn: sim.wd.onOrBefore(fromDay - 9 * 365),
    supervisorId: 'ext-responsible-individual',
  });
  for (let i = 2; i <= counts.managers; i++) {
    add({ id: id('mgr', i), role: 'manager', startedOn: started(), supervisorId: 'mgr-01' });
  }
  for (let i = 1; i <= counts.clinicians; i++) {
    const supervisorId = i === 1 ? 'ext-consultant-psychologist' : 'clin-01';
    add({ id: id('clin', i), role: 'clinician', startedOn: started(), supervisorId });
  }
  for (let i = 1; i <= counts.tsw; i++) {
    const supervisorId = id('clin', 1 + ((i - 1) % counts.clinicians));
    add({ id: id('tsw', i), role: 'therapeutic-support-worker', startedOn: started(), supervisorId });
  }
  // Social workers have supervised the agency's households for years: the first two since before the oldest
  // approval in the history.
  for (let i = 1; i <= counts.ssw; i++) {
    const supervisorId = id('mgr', 2 + ((i - 1) % (counts.managers - 1)));
    const startedOn =
      i <= 2
        ? sim.wd.onOrBefore(fromDay - random.int(7 * 365, 9 * 365))
        : sim.wd.onOrBefore(fromDay - random.int(45, 8 * 365));
    add({ id: id('ssw', i), role: 'supervising-social-worker', startedOn, supervisorId });
  }
  // Turnover: about one social worker in ten leaves during the period; a replacement starts a few weeks before.
  const leavers = Math.floor(counts.ssw / 10);
  const span = asOfDay - fromDay;
  for (let k = 0; k < leavers; k++) {
    const leaver = sim.world.staff.get(id('ssw', 1 + random.int(0, counts.ssw - 1)));
    if (leaver === undefined || leaver.leftOn !== undefined || span < 120) continue;
    leaver.leftOn = sim.wd.onOrAfter(fromDay + random.int(60, span - 60));
    const n = counts.ssw + k + 1;
    add({
      id: id('ssw', n),
      role: 'supervising-social-worker',
      startedOn: sim.wd.onOrBefore(leaver.leftOn - random.int(14, 42)),
      supervisorId: leaver.supervisorId,
    });
  }
};

/**
 * Dates from `start`, each `gap(previous)` days after the one before (moved back to a working day), up to
 * `until`. With gaps of at most 30 days no interval of 31 days is ever missed.
 */
const chain = (sim: Sim, start: Day, until: Day, gap: (previous: Day) => number): Day[] => {
  const days: Day[] = [];
  let day = start;
  for (;;) {
    const next = sim.wd.onOrBefore(day + gap(day));
    day = next > day ? next : sim.wd.onOrAfter(day + 1);
    if (day > until) return days;
    days.push(day);
  }
};

interface StaffPlants {
  lateSupervision: boolean;
  overdueAppraisal: boolean;
}

const startTimes = ['09:30', '10:00', '11:00', '13:30', '14:00', '15:30'] as const;

/** Schedules each member of staff's records over the whole history, planting the two staff failures. */
export const scheduleStaff = (sim: Sim): void => {
  const plants: StaffPlants = { lateSupervision: false, overdueAppraisal: false };
  for (const member of sim.world.staff.values()) scheduleMember(sim, sim.random.staff, member, plants);
};

const scheduleMember = (sim: Sim, random: Random, member: StaffMember, plants: StaffPlants): void => {
  const { fromDay, asOfDay } = sim.shape;
  const until = Math.min(asOfDay, (member.leftOn ?? Number.POSITIVE_INFINITY) - 1);
  const record = (day: Day, command: StaffCommand, actor: Actor) =>
    sim.on(day, async () => {
      await sim.ledger.staff(member.id, command, { actor, on: day });
    });
  const registeredBy = actors.manager('mgr-01');
  record(
    member.startedOn,
    {
      kind: 'RegisterStaffMember',
      staffId: member.id,
      role: member.role,
      startedOn: dateOf(member.startedOn),
    },
    registeredBy,
  );

  const clinical = member.role === 'clinician' || member.role === 'therapeutic-support-worker';
  // Planted: one support worker's supervision slips to about six weeks after the one before, so the 31-day
  // interval is met late (every interval since the start stays visible).
  const slip = clinical && member.role === 'therapeutic-support-worker' && !plants.lateSupervision;
  let slipped: Day | undefined;
  const clinicalGap = (previous: Day) => {
    if (slip && slipped === undefined && previous >= fromDay + 60 && previous <= asOfDay - 120) {
      const gap = random.int(38, 45);
      slipped = sim.wd.onOrBefore(previous + gap);
      return gap;
    }
    return random.int(21, 30);
  };
  // Clinical supervision runs from the first day; managerial supervision, which no rule times, from the start
  // of the detailed routine.
  const sessions = clinical
    ? chain(sim, member.startedOn, until, clinicalGap)
    : chain(sim, Math.max(member.startedOn, sim.routineFrom), until, () => random.int(24, 34));
  if (slipped !== undefined) {
    plants.lateSupervision = true;
    sim.world.planted.push({
      kind: 'clinical-supervision-late',
      ruleId: 'staff-supervision',
      code: 'clinical-supervision',
      staffId: member.id,
      on: dateOf(slipped),
    });
  }
  sessions.forEach((day, n) => {
    record(
      day,
      {
        kind: 'RecordSupervisionSession',
        sessionId: `${member.id}-sup-${String(n + 1).padStart(3, '0')}`,
        supervisorId: member.supervisorId,
        heldOn: dateOf(day),
        startTime: random.pick(startTimes),
        minutes: random.pick([60, 60, 90]),
        supervisionKind: clinical ? 'clinical' : 'managerial',
        signedBySupervisee: true,
        signedBySupervisor: true,
      },
      supervisorActor(sim, member.supervisorId),
    );
  });

  let appraisals = chain(sim, member.startedOn + random.int(-30, 10), until, () => random.int(320, 350));
  if (
    member.role === 'supervising-social-worker' &&
    member.leftOn === undefined &&
    !plants.overdueAppraisal &&
    addMonthsTo(member.startedOn, 12) < asOfDay - 10
  ) {
    // Planted: no appraisal in the last year or so, so the one due is overdue at the end.
    appraisals = appraisals.filter((d) => d <= asOfDay - 380);
    plants.overdueAppraisal = true;
    sim.world.planted.push({
      kind: 'appraisal-overdue',
      ruleId: 'staff-supervision',
      code: 'appraisal',
      staffId: member.id,
      on: dateOf(addMonthsTo(appraisals[appraisals.length - 1] ?? member.startedOn, 12)),
    });
  }
  for (const day of appraisals) {
    record(
      day,
      { kind: 'CompleteAppraisal', appraisedOn: dateOf(day), appraiserId: member.supervisorId },
      supervisorActor(sim, member.supervisorId),
    );
  }

  if (clinical) {
    // A monthly reflective group on the second Wednesday of the month, attended most months.
    for (let month = monthStart(sim.routineFrom); month <= until; month = addMonthsTo(month, 1)) {
      const wednesday = month + ((2 - weekday(month) + 7) % 7) + 7;
      if (wednesday <= member.startedOn || wednesday > until || !random.chance(0.85)) continue;
      record(
        wednesday,
        {
          kind: 'RecordReflectiveGroupAttendance',
          groupSessionId: `reflective-${dateOf(month).slice(0, 7)}`,
          attendedOn: dateOf(wednesday),
        },
        actors.clinician('clin-01'),
      );
    }
  }
  if (member.leftOn !== undefined && member.leftOn <= asOfDay) {
    record(member.leftOn, { kind: 'RecordStaffMemberLeaving', leftOn: dateOf(member.leftOn) }, registeredBy);
  }
};

/** Monday is 0: 1970-01-01 was a Thursday. */
const weekday = (day: Day) => (((day + 3) % 7) + 7) % 7;
const monthStart = (day: Day) => dayOf(`${dateOf(day).slice(0, 7)}-01`);

/** Supervising social workers employed on `day` and not leaving within a month, fewest households first. */
export const allocateSsw = (sim: Sim, day: Day): string => {
  const load = new Map<string, number>();
  for (const member of sim.world.staff.values()) {
    if (member.role !== 'supervising-social-worker' || member.startedOn > day) continue;
    if (member.leftOn !== undefined && member.leftOn <= day + 30) continue;
    load.set(member.id, 0);
  }
  for (const household of sim.world.households.values()) {
    if (household.sswId === undefined || !load.has(household.sswId)) continue;
    const state = sim.ledger.households.state(`household-${household.id}`);
    if (isApprovedOn(state, dateOf(day))) {
      load.set(household.sswId, (load.get(household.sswId) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [sswId, n] of load) {
    if (best === undefined || n < (load.get(best) ?? 0)) best = sswId;
  }
  if (best === undefined) throw new Error(`no supervising social worker is employed on ${dateOf(day)}`);
  return best;
};
