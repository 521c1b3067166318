import * as E from 'fp-ts/lib/Either.js';
import { beyondTheCalendar, lastLocalDate, tryAddDays, tryAddWeeks } from '../../calendar/index.js';
import { invalidCommand, ownValue, ruleViolation } from '../../eventsourcing/index.js';
import { rules, statutoryNumbers } from '../../rules/index.js';
import type { CommandOf } from '../commands.js';
import * as ev from '../events/index.js';
import type { HouseholdState } from '../state.js';
import { currentSuspension, statusOn } from '../status.js';
import {
  type ApprovalsError,
  accept,
  type Decision,
  explicitTerms,
  firstRefusal,
  notAllowed,
  notBefore,
  noticeRespected,
  ok,
  requireApplication,
  requireApprovedOn,
  undecided,
} from './guards.js';

/** Endings exclude each other: no resignation, termination or refusal after another one is on record. */
const notEnding = (state: HouseholdState) => (): E.Either<ApprovalsError, void> =>
  state.resignation !== undefined || state.termination !== undefined || state.refusal !== undefined
    ? notAllowed('the approval is already ending or has ended')
    : ok;

export const approve = (command: CommandOf<'Approve'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      undecided(state),
      () =>
        state.recommendation === undefined ? notAllowed('there is no panel recommendation to decide on') : ok,
      notBefore(command.decidedOn, state.recommendation?.panelOn, 'decidedOn', 'the panel'),
    ),
    () =>
      E.flatMap(explicitTerms(command.terms, 'terms'), (terms) =>
        accept(ev.HouseholdApproved.create({ decidedOn: command.decidedOn, terms })),
      ),
  );

export const refuse = (command: CommandOf<'Refuse'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      undecided(state),
      notEnding(state),
      notBefore(command.decidedOn, state.applicationReceivedOn, 'decidedOn', 'the application'),
      notBefore(command.noticeGivenOn, command.decidedOn, 'noticeGivenOn', 'the decision'),
      noticeRespected(command.noticeGivenOn, command.takesEffectOn),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.ApprovalRefused.create(data));
    },
  );

export const signFosterCareAgreement = (
  command: CommandOf<'SignFosterCareAgreement'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), requireApprovedOn(state, command.signedOn, 'signedOn'), () => {
      const strangers = command.signedBy.filter((id) => ownValue(state.applicants, id) === undefined);
      return command.signedBy.length === 0 || strangers.length > 0
        ? E.left(invalidCommand('signedBy', 'must list the approved carers who signed, and only them'))
        : ok;
    }),
    () =>
      accept(ev.FosterCareAgreementSigned.create({ signedOn: command.signedOn, signedBy: command.signedBy })),
  );

export const holdAnnualReview = (command: CommandOf<'HoldAnnualReview'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      () => (state.approvedOn === undefined ? notAllowed('only a full approval is reviewed annually') : ok),
      notBefore(command.reviewedOn, state.approvedOn, 'reviewedOn', 'the full approval it reviews'),
      requireApprovedOn(state, command.reviewedOn, 'reviewedOn'),
      // The panel considers the review, so it meets on the review's day or later.
      () =>
        command.panelOn === undefined
          ? ok
          : notBefore(command.panelOn, command.reviewedOn, 'panelOn', 'the review it considers')(),
      () =>
        state.reviews.length === 0 && command.panelOn === undefined
          ? E.left(
              ruleViolation(rules.annualReview, 'the first annual review must go to panel', {
                field: 'panelOn',
              }),
            )
          : ok,
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.AnnualReviewHeld.create(data));
    },
  );

export const changeTerms = (command: CommandOf<'ChangeTerms'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      notEnding(state),
      requireApprovedOn(state, command.noticeGivenOn, 'noticeGivenOn'),
      noticeRespected(command.noticeGivenOn, command.takesEffectOn, command.carerConsentedInWriting),
      notBefore(command.takesEffectOn, command.noticeGivenOn, 'takesEffectOn', 'the notice'),
    ),
    () =>
      E.flatMap(explicitTerms(command.terms, 'terms'), (terms) =>
        accept(
          ev.TermsChanged.create({
            noticeGivenOn: command.noticeGivenOn,
            takesEffectOn: command.takesEffectOn,
            terms,
            carerConsentedInWriting: command.carerConsentedInWriting,
          }),
        ),
      ),
  );

export const receiveResignation = (
  command: CommandOf<'ReceiveResignation'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      notEnding(state),
      requireApprovedOn(state, command.receivedOn, 'receivedOn'),
    ),
    () => {
      const approvalEndsOn = tryAddDays(command.receivedOn, statutoryNumbers.noticeDays);
      return approvalEndsOn === undefined
        ? E.left(
            invalidCommand(
              'receivedOn',
              `is too late: the approval would end ${statutoryNumbers.noticeDays} days later, ${beyondTheCalendar}`,
            ),
          )
        : accept(ev.ResignationReceived.create({ receivedOn: command.receivedOn, approvalEndsOn }));
    },
  );

export const terminate = (command: CommandOf<'Terminate'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      notEnding(state),
      requireApprovedOn(state, command.noticeGivenOn, 'noticeGivenOn'),
      noticeRespected(command.noticeGivenOn, command.takesEffectOn),
    ),
    () => {
      const { kind: _kind, ...data } = command;
      return accept(ev.ApprovalTerminated.create(data));
    },
  );

export const suspend = (command: CommandOf<'Suspend'>, state: HouseholdState): Decision =>
  E.flatMap(
    firstRefusal(requireApplication(state), () => {
      const status = statusOn(state, command.suspendedOn);
      return status === 'approved' || status === 'temporarily-approved'
        ? ok
        : notAllowed(`only an approved household can be suspended; it is ${status}`);
    }),
    () => accept(ev.ApprovalSuspended.create({ suspendedOn: command.suspendedOn, reason: command.reason })),
  );

export const liftSuspension = (command: CommandOf<'LiftSuspension'>, state: HouseholdState): Decision => {
  const suspension = currentSuspension(state);
  if (suspension === undefined) return notAllowed('the approval is not suspended');
  return E.flatMap(notBefore(command.liftedOn, suspension.suspendedOn, 'liftedOn', 'the suspension')(), () =>
    accept(ev.SuspensionLifted.create({ liftedOn: command.liftedOn })),
  );
};

/**
 * Rule `temporary-approval` (CPPR 24-25): a connected person, up to 16 weeks. `expiresOn` is the first day the
 * approval no longer covers, so the default of approval date + 16 weeks is exactly 16 weeks of cover.
 */
export const approveTemporarily = (
  command: CommandOf<'ApproveTemporarily'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(
    firstRefusal(
      requireApplication(state),
      undecided(state),
      () => (state.temporary === undefined ? ok : notAllowed('a temporary approval has already been given')),
      () =>
        state.route === 'family-and-friends'
          ? ok
          : notAllowed('only a connected person (family and friends route) can be approved temporarily'),
      notBefore(command.approvedOn, state.applicationReceivedOn, 'approvedOn', 'the application'),
    ),
    () => {
      const weeks = statutoryNumbers.temporaryApprovalWeeks;
      // When 16 weeks run past the calendar, every date it holds is within them, but the default needs all 16.
      const latest = tryAddWeeks(command.approvedOn, weeks);
      const expiresOn = command.until ?? latest;
      if (expiresOn === undefined) {
        return E.left(
          invalidCommand(
            'until',
            `must be given: the default, ${weeks} weeks after ${command.approvedOn}, is ${beyondTheCalendar}`,
          ),
        );
      }
      if (expiresOn <= command.approvedOn)
        return E.left(invalidCommand('until', 'must be after the approval date'));
      if (latest !== undefined && expiresOn > latest) {
        return E.left(
          ruleViolation(
            rules.temporaryApproval,
            `a temporary approval lasts at most 16 weeks, until ${latest}`,
            {
              field: 'until',
              details: { latest, asked: expiresOn },
            },
          ),
        );
      }
      return E.flatMap(explicitTerms(command.terms, 'terms'), (terms) =>
        accept(
          ev.TemporarilyApproved.create({
            approvedOn: command.approvedOn,
            childId: command.childId,
            expiresOn,
            terms,
          }),
        ),
      );
    },
  );

/** Rule `temporary-approval`: extended once, before it lapses, by at most 8 weeks. */
export const extendTemporaryApproval = (
  command: CommandOf<'ExtendTemporaryApproval'>,
  state: HouseholdState,
): Decision => {
  const temporary = state.temporary;
  if (temporary === undefined) return notAllowed('there is no temporary approval to extend');
  if (state.approvedOn !== undefined || state.refusal !== undefined) {
    return notAllowed('full approval has been decided; the temporary approval is no longer extended');
  }
  if (state.resignation !== undefined || state.termination !== undefined) {
    return notAllowed('the temporary approval is ending or has ended');
  }
  const refuseBy = (message: string, field: string) =>
    E.left(
      ruleViolation(rules.temporaryApproval, message, { field, details: { expiresOn: temporary.expiresOn } }),
    );
  if (temporary.extended) return refuseBy('a temporary approval can be extended only once', 'extendedOn');
  if (command.extendedOn >= temporary.expiresOn) {
    return refuseBy(
      `the temporary approval lapsed on ${temporary.expiresOn}; it cannot be extended`,
      'extendedOn',
    );
  }
  const weeks = statutoryNumbers.temporaryExtensionWeeks;
  // When 8 weeks run past the calendar, every date it holds is within them, but the default needs all 8.
  const latest = tryAddWeeks(temporary.expiresOn, weeks);
  const expiresOn = command.until ?? latest;
  if (expiresOn === undefined) {
    return E.left(
      invalidCommand(
        'until',
        `must be given: the default, ${weeks} weeks after ${temporary.expiresOn}, is ${beyondTheCalendar}`,
      ),
    );
  }
  if ((latest !== undefined && expiresOn > latest) || expiresOn <= temporary.expiresOn) {
    return refuseBy(`an extension adds at most 8 weeks, until ${latest ?? lastLocalDate}`, 'until');
  }
  return accept(ev.TemporaryApprovalExtended.create({ extendedOn: command.extendedOn, expiresOn }));
};

export const allocateSupervisingSocialWorker = (
  command: CommandOf<'AllocateSupervisingSocialWorker'>,
  state: HouseholdState,
): Decision =>
  E.flatMap(requireApplication(state)(), () =>
    state.ssw?.sswId === command.sswId
      ? accept()
      : accept(
          ev.SupervisingSocialWorkerAllocated.create({
            sswId: command.sswId,
            allocatedOn: command.allocatedOn,
          }),
        ),
  );
