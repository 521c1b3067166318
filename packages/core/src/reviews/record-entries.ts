import { type LocalDate, localDateOf } from '../calendar/index.js';
import { type EventEnvelope, type Personal, shownOrErased } from '../eventsourcing/index.js';
import type { AgencyEvent, AgencyRecords } from './agency-records.js';
import type { RecordEntry, RecordEntryKind } from './model.js';

/** What an entry needs beyond its event: the child and household of the pack, and the clinic sessions held. */
export interface EntryContext {
  readonly childId: string;
  readonly householdId: string;
  readonly records: AgencyRecords;
}

interface Written {
  readonly kind: RecordEntryKind;
  readonly on: LocalDate;
  readonly title: string;
  readonly text: Personal<string>;
  readonly about: ReadonlyArray<string>;
}

const list = (items: Personal<ReadonlyArray<string>>): Personal<string> =>
  Array.isArray(items) ? items.join('; ') : (items as Personal<string>);

const sessionDiscussed = (context: EntryContext, seriesId: string, sessionId: string) =>
  context.records.clinics[seriesId]?.sessions[sessionId]?.held?.youngPeopleDiscussed ?? [];

/**
 * The written record an event carries, if it is one: risk facts and analysis, safety measures, health needs,
 * disruption concerns, clinic notes and cancellation reasons. Each is fact or opinion by its field, never by
 * its wording (rule `records`, NMS 26), and names the people it is about, so that views can leave out what
 * concerns someone else.
 */
const writtenIn = (event: EventEnvelope<AgencyEvent>, context: EntryContext): ReadonlyArray<Written> => {
  const e = { type: event.type, data: event.data } as AgencyEvent;
  const child = [context.childId];
  const series = event.streamId.slice('clinic-'.length);
  switch (e.type) {
    case 'ChildRiskAssessmentRecorded':
      return [
        {
          kind: 'risk-facts',
          on: e.data.assessedOn,
          title: `Risk assessment: ${e.data.areas.join(', ')}`,
          text: e.data.facts,
          about: child,
        },
        {
          kind: 'risk-analysis',
          on: e.data.assessedOn,
          title: 'Risk assessment: analysis',
          text: e.data.analysis,
          about: child,
        },
      ];
    case 'SafetyPlanRecorded':
      return [
        {
          kind: 'safety-measures',
          on: e.data.recordedOn,
          title: 'Safety plan',
          text: list(e.data.measures),
          about: child,
        },
      ];
    case 'HealthNeedRecorded':
      return [
        {
          kind: 'health-need',
          on: e.data.recordedOn,
          title: e.data.kind === 'allergy' ? 'Allergy' : 'Medical need',
          text: e.data.description,
          about: child,
        },
      ];
    case 'DisruptionWarningRecorded':
      return [
        {
          kind: 'disruption-concern',
          on: e.data.recordedOn,
          title: 'Disruption warning',
          text: e.data.concern,
          about: [context.childId, context.householdId],
        },
      ];
    case 'SessionNotesRecorded':
      return [
        {
          kind: 'clinic-notes',
          on: e.data.writtenOn,
          title: `Clinic notes (session ${e.data.sessionId})`,
          text: e.data.notes,
          about: [context.householdId, ...sessionDiscussed(context, series, e.data.sessionId)],
        },
      ];
    case 'SessionCancelled':
      return [
        {
          kind: 'clinic-cancellation',
          on: e.data.cancelledOn,
          title: `Clinic cancelled by the ${e.data.cancelledBy}`,
          text: e.data.reason,
          about: [context.householdId],
        },
      ];
    default:
      return [];
  }
};

/** Which entries are opinion (professional judgement); the rest record facts (rule `records`). */
export const opinionKinds: ReadonlySet<RecordEntryKind> = new Set([
  'risk-analysis',
  'disruption-concern',
  'clinic-notes',
]);

/** The written record of the period, each entry dated, attributed to its author and role, fact or opinion. */
export const recordEntriesOf = (
  events: ReadonlyArray<EventEnvelope<AgencyEvent>>,
  context: EntryContext,
  period: { readonly from: LocalDate; readonly to: LocalDate },
): ReadonlyArray<RecordEntry> =>
  events
    .flatMap((event) =>
      writtenIn(event, context).map((w) => ({
        kind: w.kind,
        nature: opinionKinds.has(w.kind) ? ('opinion' as const) : ('fact' as const),
        on: w.on,
        recordedOn: localDateOf(event.recordedAt),
        author: { id: event.actor.id, role: event.actor.role },
        title: w.title,
        text: shownOrErased(w.text),
        about: [...new Set(w.about)],
      })),
    )
    .filter((entry) => entry.on >= period.from && entry.on <= period.to)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
