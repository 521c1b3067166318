import { type Actor, type ClinicEvent, clinicStreamId } from '@fostering/core';

/**
 * Realistic stored events for the `memory` workload: long-running clinic series (a clinician's fortnightly
 * consultations with one household), with every event type of the clinic stream in its usual proportions:
 * sessions scheduled, now and then moved or cancelled, held and written up; Team Around the Child meetings and
 * care-plan contributions; the series closed at the end. Each event's data is parsed from JSON, as a command
 * arriving over the wire would be, so no store shares strings or objects with the generator or another event.
 */
export interface HistoryEvent {
  readonly eventId: string;
  readonly type: ClinicEvent['type'];
  readonly data: Record<string, unknown>;
  readonly occurredAt: Date;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string;
}

const notes = [
  'Reflected on the week; carers using PACE well at bedtime. Agreed a visual timetable for mornings.',
  'Explored what sits beneath the rages after contact; carers to name feelings and keep the routine.',
  'Carers tired; planned short breaks and an earlier wind-down. Reviewed school liaison.',
  'Good progress with co-regulation. Discussed life story work with the support worker.',
  'Contact cancelled twice; thought about the child’s disappointment and how to repair.',
] as const;

/**
 * UUID-shaped ids (36 characters, as the UUID v7 ids of real events), from a counter: generating a million real
 * v7 ids costs seconds of crypto randomness and changes nothing in what a store keeps.
 */
const uuidOf = (n: number): string => `0193a4c2-7d1e-7000-8000-${n.toString(16).padStart(12, '0')}`;
let issued = 0;
const newId = () => uuidOf(0x1_0000_0000 + issued++);
/** As a string read from the wire is: one flat string, not the tree of pieces a template literal builds. */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** A series' stream id, computed again from its index so that nothing has to remember it. */
export const seriesStreamId = (index: number): string => flat(clinicStreamId(uuidOf(index)));

const dayOf = (base: number, offset: number): string =>
  new Date(base + offset * 86_400_000).toISOString().slice(0, 10);

/** The first `length` events of clinic series number `index`, the last of them its closing. */
export function* clinicHistory(index: number, length: number): Generator<HistoryEvent> {
  const streamId = seriesStreamId(index);
  const seriesId = streamId.slice('clinic-'.length);
  const clinicianId = newId();
  const youngPeople = index % 3 === 0 ? [newId(), newId()] : [newId()];
  const minutes = youngPeople.length === 1 ? 60 : 90;
  const base = Date.UTC(2024, 0, 1) + (index % 365) * 86_400_000;
  let produced = 0;
  const event = (type: ClinicEvent['type'], day: number, data: object): HistoryEvent => {
    produced++;
    const actor = { id: clinicianId, role: 'clinician' };
    const wire = JSON.stringify({ eventId: newId(), data, actor, correlationId: newId() });
    const input = JSON.parse(wire) as Pick<HistoryEvent, 'eventId' | 'data' | 'actor' | 'correlationId'>;
    const occurredAt = new Date(base + day * 86_400_000 + 36_000_000);
    return { ...input, type, occurredAt, causationId: input.correlationId };
  };
  if (length < 1) return;
  const open = { seriesId, clinicianId, householdId: newId(), youngPeople, openedOn: dayOf(base, 0) };
  yield event('ClinicSeriesOpened', 0, open);
  if (length === 1) return;
  for (let k = 1; ; k++) {
    const sessionId = newId();
    const mode = k % 3 === 0 ? 'in-person' : 'online';
    let day = 14 * k;
    const steps: Array<[ClinicEvent['type'], number, object]> = [
      ['SessionScheduled', day - 14, { sessionId, scheduledFor: dayOf(base, day), mode }],
    ];
    if (k % 6 === 0) {
      const rescheduledOn = dayOf(base, day - 5);
      day += 2;
      steps.push([
        'SessionRescheduled',
        day - 7,
        { sessionId, to: dayOf(base, day), reason: 'school-holidays', rescheduledOn },
      ]);
    }
    if (k % 10 === 0) {
      const cancelled = {
        sessionId,
        cancelledBy: 'carer',
        reason: 'carer unwell',
        cancelledOn: dayOf(base, day),
      };
      steps.push(['SessionCancelled', day, cancelled]);
    } else {
      const held = { sessionId, heldOn: dayOf(base, day), mode, minutes, youngPeopleDiscussed: youngPeople };
      steps.push(['SessionHeld', day, held]);
      const written = { sessionId, writtenOn: dayOf(base, day + 2), notes: notes[k % notes.length] };
      steps.push(['SessionNotesRecorded', day + 2, written]);
    }
    if (k % 8 === 0)
      steps.push([
        'TeamAroundTheChildAttended',
        day + 3,
        { childId: youngPeople[0], meetingOn: dayOf(base, day + 3), kind: 'tatc' },
      ]);
    if (k % 12 === 0)
      steps.push([
        'CarePlanContributionRecorded',
        day + 4,
        { childId: youngPeople[0], contributedOn: dayOf(base, day + 4), planVersion: k / 12 },
      ]);
    for (const [type, on, data] of steps) {
      if (produced === length - 1) {
        yield event('ClinicSeriesClosed', day + 7, { closedOn: dayOf(base, day + 7) });
        return;
      }
      yield event(type, on, data);
    }
  }
}
