import * as E from 'fp-ts/lib/Either.js';
import { firstLocalDate, type LocalDate, tryAddMonths } from '../../calendar/index.js';
import { invalidCommand, ownValue, ruleViolation } from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { CommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { HouseholdState } from '../state.js';
import {
  type ApprovalsError,
  accept,
  type Decision,
  explicitTerms,
  firstRefusal,
  notAllowed,
  notBefore,
  ok,
  requireApplication,
  undecided,
} from './guards.js';

const assessing = (state: HouseholdState, date: LocalDate, field: string): E.Either<ApprovalsError, void> =>
  firstRefusal(
    requireApplication(state),
    undecided(state),
    notBefore(date, state.applicationReceivedOn, field, 'the application'),
  );

export const receiveApplication = (
  command: CommandOf<'ReceiveApplication'>,
  state: HouseholdState,
): Decision => {
  if (state.applicationReceivedOn !== undefined)
    return notAllowed('this household already has an application');
  if (command.applicants.length < 1 || command.applicants.length > 2) {
    return E.left(invalidCommand('applicants', 'must name one or two applicants'));
  }
  const { kind: _kind, ...data } = command;
  return accept(ev.ApplicationReceived.create(data));
};

export const startAssessment = (command: CommandOf<'StartAssessment'>, state: HouseholdState): Decision =>
  E.flatMap(assessing(state, command.startedOn, 'startedOn'), () =>
    state.assessmentStages.includes(command.stage)
      ? notAllowed(`stage ${command.stage} has already started`, 'stage')
      : command.stage === 2 && !state.assessmentStages.includes(1)
        ? notAllowed('stage two cannot start before stage one', 'stage')
        : accept(ev.AssessmentStarted.create({ stage: command.stage, startedOn: command.startedOn })),
  );

export const interviewReferee = (command: CommandOf<'InterviewReferee'>, state: HouseholdState): Decision =>
  E.flatMap(assessing(state, command.interviewedOn, 'interviewedOn'), () => {
    const { kind: _kind, ...data } = command;
    return accept(ev.RefereeInterviewed.create(data));
  });

export const completeCheck = (command: CommandOf<'CompleteCheck'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      notBefore(command.completedOn, state.applicationReceivedOn, 'completedOn', 'the application'),
      () =>
        command.adultId === undefined || ownValue(state.applicants, command.adultId) !== undefined
          ? ok
          : E.left(invalidCommand('adultId', 'must be one of the applicants')),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.CheckCompleted.create(data));
    },
  );

export const receivePreviousServiceReference = (
  command: CommandOf<'ReceivePreviousServiceReference'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(assessing(state, command.receivedOn, 'receivedOn'), () =>
    state.previousServices.some((s) => s.serviceId === command.serviceId)
      ? accept(
          ev.PreviousServiceReferenceReceived.create({
            serviceId: command.serviceId,
            receivedOn: command.receivedOn,
          }),
        )
      : E.left(
          invalidCommand('serviceId', 'must be a previous fostering service declared in the application'),
        ),
  );

export const completeTherapeuticCourse = (
  command: CommandOf<'CompleteTherapeuticCourse'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(assessing(state, command.completedOn, 'completedOn'), () =>
    ownValue(state.applicants, command.adultId) === undefined
      ? E.left(invalidCommand('adultId', 'must be one of the applicants'))
      : accept(
          ev.TherapeuticCourseCompleted.create({
            adultId: command.adultId,
            completedOn: command.completedOn,
          }),
        ),
  );

export const completeAssessmentReport = (
  command: CommandOf<'CompleteAssessmentReport'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(assessing(state, command.completedOn, 'completedOn'), () =>
    E.flatMap(explicitTerms(command.proposedTerms, 'proposedTerms'), (proposedTerms) =>
      accept(ev.AssessmentReportCompleted.create({ completedOn: command.completedOn, proposedTerms })),
    ),
  );

export const schedulePanel = (command: CommandOf<'SchedulePanel'>, state: HouseholdState): Decision =>
  E.flatMap(assessing(state, command.papersSentOn, 'papersSentOn'), () =>
    command.papersSentOn > command.panelOn
      ? E.left(invalidCommand('papersSentOn', 'must not be after the panel date'))
      : accept(ev.PanelScheduled.create({ panelOn: command.panelOn, papersSentOn: command.papersSentOn })),
  );

/**
 * Rule `referees` (FSR 26(1A)): before panel, two personal referees interviewed, and a reference from every
 * fostering service that approved an applicant in the 12 months before the application.
 */
export const refereesBeforePanel = (
  state: HouseholdState,
  panelOn: LocalDate,
): E.Either<ApprovalsError, void> => {
  // Referees, not interviews: one referee interviewed twice is still one referee.
  const interviewed = new Set(
    state.referees.filter((r) => r.interviewedOn <= panelOn).map((r) => r.refereeId),
  ).size;
  const needed = statutoryNumbers.personalRefereesBeforePanel;
  if (interviewed < needed) {
    return E.left(
      ruleViolation(
        rules.referees,
        `${interviewed} of ${needed} personal referees interviewed before panel on ${panelOn}`,
        {
          field: 'panelOn',
          details: { interviewed, needed },
        },
      ),
    );
  }
  // Before the calendar's first day there is nothing to look back to: every service on record is in the window.
  const since =
    tryAddMonths(state.applicationReceivedOn ?? panelOn, -statutoryNumbers.previousServiceLookbackMonths) ??
    firstLocalDate;
  const missing = state.previousServices.filter(
    (s) =>
      (s.approvalEndedOn === undefined || s.approvalEndedOn >= since) &&
      !((ownValue(state.previousServiceReferences, s.serviceId) ?? '9999-12-31') <= panelOn),
  );
  if (missing.length > 0) {
    return E.left(
      ruleViolation(
        rules.referees,
        `no reference before panel from ${missing.map((s) => s.serviceName).join(', ')}`,
        {
          field: 'panelOn',
          details: { services: missing.map((s) => s.serviceId) },
        },
      ),
    );
  }
  return ok;
};

export const recordPanelRecommendation = (
  command: CommandOf<'RecordPanelRecommendation'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(
      () => assessing(state, command.panelOn, 'panelOn'),
      () =>
        state.proposedTerms === undefined ? notAllowed('the assessment report has not been completed') : ok,
      () =>
        state.recommendation === undefined ? ok : notAllowed('the panel has already made its recommendation'),
      () =>
        state.panel?.panelOn === command.panelOn
          ? ok
          : notAllowed(`no panel is scheduled on ${command.panelOn}`, 'panelOn'),
      notBefore(command.minutesFinalisedOn, command.panelOn, 'minutesFinalisedOn', 'the panel'),
      () => refereesBeforePanel(state, command.panelOn),
    ),
    () => {
      const { kind: _kind, recommendedTerms, ...data } = command;
      if (recommendedTerms === undefined) return accept(ev.PanelRecommendationMade.create(data));
      return E.flatMap(explicitTerms(recommendedTerms, 'recommendedTerms'), (terms) =>
        accept(ev.PanelRecommendationMade.create({ ...data, recommendedTerms: terms })),
      );
    },
  );
