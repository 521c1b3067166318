import type { LocalDate } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { law, plusMonths } from './approvals-calendar.js';
import {
  acceptedBefore,
  applicationOf,
  citedRule,
  householdStreams,
  nameIn,
  ofType,
  type Sent,
  type SentOf,
  sentByHousehold,
} from './approvals-household.js';

/**
 * Rule `referees` (FSR 26(1A)), judged on what is stored: every panel recommendation on record was preceded, in
 * its household's stream, by interviews of two different personal referees on or before the panel day, and by
 * a reference, received on or before the panel day, from every fostering service the application declared
 * whose approval of the applicant had not ended 12 months or more before the application.
 */

interface Service {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly approvalEndedOn?: LocalDate;
}

/** The previous services a reference is needed from: approval ongoing, or ended within the 12 months before. */
export const servicesNeedingReference = (
  receivedOn: LocalDate,
  services: ReadonlyArray<Service>,
): ReadonlyArray<Service> => {
  const since = plusMonths(receivedOn, -law.previousServiceMonths);
  return services.filter((s) => s.approvalEndedOn === undefined || s.approvalEndedOn >= since);
};

/** What was missing for a panel on `panelOn`, given the interviews and references before it. */
const missingFor = (
  panelOn: LocalDate,
  needed: ReadonlyArray<Service>,
  interviews: ReadonlyArray<{ refereeId: string; interviewedOn: LocalDate }>,
  references: ReadonlyArray<{ serviceId: string; receivedOn: LocalDate }>,
): string[] => {
  const referees = new Set(interviews.filter((i) => i.interviewedOn <= panelOn).map((i) => i.refereeId));
  const missing: string[] = [];
  if (referees.size < law.referees)
    missing.push(`${referees.size} of ${law.referees} personal referees interviewed`);
  for (const s of needed) {
    if (!references.some((r) => r.serviceId === s.serviceId && r.receivedOn <= panelOn))
      missing.push(`no reference from ${s.serviceName}`);
  }
  return missing;
};

const storedBreaches = (run: ScriptRun): string[] => {
  const breaches: string[] = [];
  for (const [id, events] of householdStreams(run)) {
    const application = applicationOf(events);
    events.forEach((event, position) => {
      if (event.type !== 'PanelRecommendationMade') return;
      const before = events.slice(0, position);
      const needed =
        application === undefined
          ? []
          : servicesNeedingReference(application.receivedOn, application.previousServices);
      const missing = missingFor(
        event.data.panelOn,
        needed,
        ofType(before, 'RefereeInterviewed').map((e) => e.data),
        ofType(before, 'PreviousServiceReferenceReceived').map((e) => e.data),
      );
      if (missing.length > 0)
        breaches.push(
          `${nameIn(run, id)}: the panel of ${event.data.panelOn} recommended (stored at revision ${event.streamRevision}) with ${missing.join(' and ')} by then`,
        );
    });
  }
  return breaches;
};

/** From the commands accepted before it: what the recommendation lacked under this rule. */
const missingBySent = (all: ReadonlyArray<Sent>, sent: SentOf<'RecordPanelRecommendation'>): string[] => {
  const [application] = acceptedBefore(all, sent, 'ReceiveApplication');
  const needed =
    application === undefined
      ? []
      : servicesNeedingReference(application.command.receivedOn, application.command.previousServices);
  return missingFor(
    sent.command.panelOn,
    needed,
    acceptedBefore(all, sent, 'InterviewReferee').map((s) => s.command),
    acceptedBefore(all, sent, 'ReceivePreviousServiceReference').map((s) => s.command),
  );
};

/** Whether everything else a recommendation needs was on record, so that only this rule could refuse it. */
const otherwiseRecordable = (
  all: ReadonlyArray<Sent>,
  sent: SentOf<'RecordPanelRecommendation'>,
): boolean => {
  const { panelOn, minutesFinalisedOn, recommendedTerms } = sent.command;
  const [application] = acceptedBefore(all, sent, 'ReceiveApplication');
  const schedule = acceptedBefore(all, sent, 'SchedulePanel').at(-1);
  return (
    application !== undefined &&
    application.command.receivedOn <= panelOn &&
    acceptedBefore(all, sent, 'Approve').length === 0 &&
    acceptedBefore(all, sent, 'Refuse').length === 0 &&
    acceptedBefore(all, sent, 'RecordPanelRecommendation').length === 0 &&
    acceptedBefore(all, sent, 'CompleteAssessmentReport').length > 0 &&
    schedule?.command.panelOn === panelOn &&
    minutesFinalisedOn >= panelOn &&
    (recommendedTerms === undefined || typeof recommendedTerms.maxChildren === 'number')
  );
};

const refusalBreaches = (run: ScriptRun): string[] => {
  const breaches: string[] = [];
  for (const [id, all] of sentByHousehold(run)) {
    for (const sent of all) {
      if (sent.command.kind !== 'RecordPanelRecommendation' || sent.raced) continue;
      const recommendation = sent as SentOf<'RecordPanelRecommendation'>;
      const missing = missingBySent(all, recommendation);
      const where = `${nameIn(run, id)}: the recommendation of the panel of ${recommendation.command.panelOn} (step ${sent.index + 1})`;
      if (citedRule(sent) === 'referees' && missing.length === 0)
        breaches.push(
          `${where} was refused citing referees, though both referees and every reference were on record`,
        );
      if (
        missing.length > 0 &&
        sent.refusal !== undefined &&
        citedRule(sent) !== 'referees' &&
        otherwiseRecordable(all, recommendation)
      ) {
        breaches.push(
          `${where} lacked ${missing.join(' and ')}, but its refusal (${sent.refusal._tag}: ${sent.refusal.message}) does not name rule referees`,
        );
      }
    }
  }
  return breaches;
};

export const refereesBreaches = (run: ScriptRun): string[] => [
  ...storedBreaches(run),
  ...refusalBreaches(run),
];
