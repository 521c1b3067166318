import {
  type Actor,
  type ClinicCommand,
  clinicStreamId,
  newCorrelationId,
  newEventId,
  unsafeLocalDate,
} from '@fostering/core';
import type { ClinicMetadata } from './emmett-decider.js';

/**
 * The command mix of the `commands` workload: short clinic series, each opened, two sessions scheduled, held
 * and written up, then closed (eight commands, eight events). Commands are sent round by round across all
 * series (every series opened, then every first session scheduled…), so each load finds a different stream.
 */
export interface SeriesCommand {
  readonly streamId: string;
  readonly command: ClinicCommand;
  readonly metadata: ClinicMetadata;
}

export const commandsPerSeries = 8;

const notes = [
  'Reflected on the week; carers using PACE well at bedtime. Agreed a visual timetable for mornings.',
  'Explored what sits beneath the rages after contact; carers to name feelings and keep the routine.',
  'Carers tired; planned short breaks and an earlier wind-down. Reviewed school liaison.',
  'Good progress with co-regulation. Discussed life story work with the support worker.',
] as const;

const seriesCommands = (index: number): ReadonlyArray<ClinicCommand> => {
  const seriesId = newEventId();
  // Every other household has two young people on a supported package: 90-minute clinics instead of 60.
  const youngPeople = index % 2 === 0 ? [newEventId()] : [newEventId(), newEventId()];
  const minutes = youngPeople.length === 1 ? 60 : 90;
  const day = unsafeLocalDate;
  const note = (n: number) => notes[(index + n) % notes.length] ?? notes[0];
  return [
    {
      kind: 'OpenClinicSeries',
      seriesId,
      clinicianId: `clinician-${index % 12}`,
      householdId: newEventId(),
      youngPeople,
      openedOn: day('2025-01-06'),
    },
    { kind: 'ScheduleSession', sessionId: 's1', scheduledFor: day('2025-01-13'), mode: 'online' },
    {
      kind: 'HoldSession',
      sessionId: 's1',
      heldOn: day('2025-01-13'),
      mode: 'online',
      minutes,
      youngPeopleDiscussed: youngPeople,
    },
    { kind: 'RecordSessionNotes', sessionId: 's1', writtenOn: day('2025-01-14'), notes: note(0) },
    { kind: 'ScheduleSession', sessionId: 's2', scheduledFor: day('2025-01-27'), mode: 'in-person' },
    {
      kind: 'HoldSession',
      sessionId: 's2',
      heldOn: day('2025-01-27'),
      mode: 'in-person',
      minutes,
      youngPeopleDiscussed: youngPeople.slice(0, 1),
    },
    { kind: 'RecordSessionNotes', sessionId: 's2', writtenOn: day('2025-01-29'), notes: note(1) },
    { kind: 'CloseClinicSeries', closedOn: day('2025-02-03') },
  ];
};

const seriesIdOf = (command: ClinicCommand): string =>
  command.kind === 'OpenClinicSeries' ? command.seriesId : '';

/** `series` clinic series' commands in the order they are sent, with their metadata (one correlation each). */
export const clinicCommandMix = (series: number): ReadonlyArray<SeriesCommand> => {
  const all = Array.from({ length: series }, (_, i) => {
    const commands = seriesCommands(i);
    const first = commands[0] as ClinicCommand;
    const actor: Actor = { id: `clinician-${i % 12}`, role: 'clinician' };
    return { streamId: clinicStreamId(seriesIdOf(first)), commands, actor };
  });
  const rounds: SeriesCommand[] = [];
  for (let round = 0; round < commandsPerSeries; round++) {
    for (const { streamId, commands, actor } of all) {
      const command = commands[round] as ClinicCommand;
      const correlationId = newCorrelationId();
      const occurredAt = new Date('2025-01-06T10:00:00Z');
      rounds.push({
        streamId,
        command,
        metadata: { actor, occurredAt, correlationId, causationId: correlationId },
      });
    }
  }
  return rounds;
};
