import * as E from 'fp-ts/lib/Either.js';
import { ownValue } from '../../eventsourcing/index.js';
import type { ChildCommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { ChildState } from '../state.js';
import {
  accept,
  type Decision,
  firstRefusal,
  notAllowed,
  notBefore,
  ok,
  requireRegistered,
  requireThat,
} from './guards.js';

const currentPlan = (state: ChildState) => state.carePlans[state.carePlans.length - 1];

export const agreeTherapeuticCarePlan = (
  command: ChildCommandOf<'AgreeTherapeuticCarePlan'>,
  state: ChildState,
): Decision => {
  const next = state.carePlans.length + 1;
  return E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(command.version === next, 'version', `must be ${next}, the next version`),
      notBefore(command.agreedOn, currentPlan(state)?.agreedOn, 'agreedOn', 'the version it replaces'),
    ),
    () =>
      accept(ev.TherapeuticCarePlanAgreed.create({ version: command.version, agreedOn: command.agreedOn })),
  );
};

export const reviewTherapeuticCarePlan = (
  command: ChildCommandOf<'ReviewTherapeuticCarePlan'>,
  state: ChildState,
): Decision => {
  const plan = currentPlan(state);
  return E.flatMap(
    firstRefusal(
      requireRegistered(state),
      () => (plan === undefined ? notAllowed('no therapeutic care plan has been agreed') : ok),
      requireThat(
        command.version === plan?.version,
        'version',
        `must be the current version (${plan?.version})`,
      ),
      notBefore(command.reviewedOn, plan?.agreedOn, 'reviewedOn', 'the day this version was agreed'),
    ),
    () =>
      accept(
        ev.TherapeuticCarePlanReviewed.create({ version: command.version, reviewedOn: command.reviewedOn }),
      ),
  );
};

export const recordChildRiskAssessment = (
  command: ChildCommandOf<'RecordChildRiskAssessment'>,
  state: ChildState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      () =>
        ownValue(state.riskAssessments, command.assessmentId) === undefined
          ? ok
          : notAllowed('this risk assessment is already recorded', 'assessmentId'),
      requireThat(command.areas.length > 0, 'areas', 'must name at least one risk area'),
      // Fact and judgement apart (rule `records`): neither may be left for the other to carry.
      requireThat(command.facts.trim() !== '', 'facts', 'must state the facts the assessment rests on'),
      requireThat(command.analysis.trim() !== '', 'analysis', 'must state the professional analysis'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.ChildRiskAssessmentRecorded.create(data));
    },
  );

export const recordSafetyPlan = (command: ChildCommandOf<'RecordSafetyPlan'>, state: ChildState): Decision =>
  E.flatMap(
    firstRefusal(
      requireRegistered(state),
      requireThat(
        command.assessmentIds.length > 0 &&
          command.assessmentIds.every((id) => ownValue(state.riskAssessments, id) !== undefined),
        'assessmentIds',
        'must name the recorded risk assessments the plan answers',
      ),
      requireThat(command.measures.length > 0, 'measures', 'must list at least one measure'),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.SafetyPlanRecorded.create(data));
    },
  );
