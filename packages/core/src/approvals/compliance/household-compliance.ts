import { type LocalDate, maxDate } from '../../calendar/index.js';
import {
  type Collector,
  type ComplianceContext,
  collector,
  shiftWithinCalendar,
} from '../../compliance/context.js';
import {
  type Deadline,
  type Finding,
  findingOfDeadline,
  judgeDeadline,
  type Subject,
} from '../../compliance/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { HouseholdState } from '../state.js';
import { type HouseholdStatus, statusOn } from '../status.js';
import { approvedHouseholdChecks } from './approved-household.js';

export interface HouseholdCompliance {
  readonly householdId: string;
  readonly status: HouseholdStatus;
  readonly deadlines: ReadonlyArray<Deadline>;
  readonly findings: ReadonlyArray<Finding>;
}

/** Rules `panel-timing` and `adm-decision` (NMS 14): the assessment's own deadlines. */
const assessmentChecks = (state: HouseholdState, subject: Subject, collect: Collector): void => {
  const receivedOn = state.applicationReceivedOn as LocalDate;
  const decidedOn = state.approvedOn ?? state.refusal?.decidedOn;
  if (state.panel !== undefined) {
    const papersDue = collect.workingDays(
      state.panel.panelOn,
      -statutoryNumbers.panelPapersWorkingDays,
      rules.panelTiming,
      subject,
    );
    if (papersDue !== undefined) {
      collect.deadline({
        rule: rules.panelTiming,
        code: 'panel-papers',
        subject,
        description: `panel papers sent 5 working days before panel on ${state.panel.panelOn}`,
        dueOn: papersDue,
        metOn: state.panel.papersSentOn,
      });
    }
  }
  // Temporarily approved connected people too (domain.md makes no exception): their assessment must still
  // reach panel within 8 months of the application.
  collect.deadline({
    rule: rules.panelTiming,
    code: 'panel-recommendation',
    subject,
    description: 'panel recommendation within 8 months of the application',
    dueOn: shiftWithinCalendar(receivedOn, statutoryNumbers.recommendationWithinMonths, 'months'),
    // An application that ends without a recommendation (refused, or a connected person's temporary approval
    // terminated or resigned) has nothing left to take to panel.
    metOn:
      state.recommendation?.panelOn ??
      [state.refusal?.decidedOn, state.termination?.noticeGivenOn, state.resignation?.receivedOn]
        .filter((d): d is LocalDate => d !== undefined)
        .sort()[0],
  });
  if (state.recommendation !== undefined) {
    const from = maxDate(state.recommendation.panelOn, state.recommendation.minutesFinalisedOn);
    const due = collect.workingDays(
      from,
      statutoryNumbers.admDecisionWorkingDays,
      rules.admDecision,
      subject,
    );
    if (due !== undefined) {
      collect.deadline({
        rule: rules.admDecision,
        code: 'adm-decision',
        subject,
        description: 'agency decision within 7 working days of the recommendation and final minutes',
        dueOn: due,
        metOn: decidedOn,
      });
    }
  }
};

/** Rule `temporary-approval` (CPPR 24-25): a lapsed temporary approval means the placement must end. */
const temporaryChecks = (state: HouseholdState, subject: Subject, collect: Collector): void => {
  if (state.temporary === undefined) return;
  collect.deadline({
    rule: rules.temporaryApproval,
    code: 'temporary-approval-expiry',
    subject: { ...subject, childId: state.temporary.childId },
    description: `full approval before the temporary approval expires on ${state.temporary.expiresOn}${
      state.temporary.extended ? ' (already extended)' : ''
    }`,
    // `expiresOn` is the first day it no longer covers: full approval taking effect that day leaves no gap.
    dueOn: state.temporary.expiresOn,
    metOn: state.approvedOn,
  });
};

/**
 * Every deadline and finding of one household on `context.asOf`: assessment timing while it is assessed,
 * the approved household's recurring obligations while it is approved. Pure: the same record and date always
 * give the same answer, which is what as-of replay for reviews relies on.
 */
export const householdCompliance = (
  state: HouseholdState,
  context: ComplianceContext,
): HouseholdCompliance => {
  const householdId = state.householdId ?? '';
  const subject: Subject = { householdId };
  const status = statusOn(state, context.asOf);
  const { collect, deadlines, findings } = collector(context);
  if (status !== 'none') {
    assessmentChecks(state, subject, collect);
    temporaryChecks(state, subject, collect);
  }
  if (status === 'approved' || status === 'suspended' || status === 'temporarily-approved') {
    approvedHouseholdChecks(state, subject, context, collect);
  }
  const judged = deadlines.map((d) => judgeDeadline(d, context.asOf, context.policy.approvals.dueSoonDays));
  const late = judged.map(findingOfDeadline).filter((f): f is Finding => f !== undefined);
  return { householdId, status, deadlines: judged, findings: [...findings, ...late] };
};
