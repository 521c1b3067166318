import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';
import { Terms } from '../terms.js';

export const HouseholdApproved = eventType(
  'HouseholdApproved',
  t.type({ decidedOn: LocalDateC, terms: Terms }),
);

/** The agency decision maker refused; it takes effect no earlier than 28 days after notice (rule `notice-28`). */
export const ApprovalRefused = eventType(
  'ApprovalRefused',
  t.type({
    decidedOn: LocalDateC,
    noticeGivenOn: LocalDateC,
    takesEffectOn: LocalDateC,
    reason: personalData(t.string),
  }),
);

export const FosterCareAgreementSigned = eventType(
  'FosterCareAgreementSigned',
  t.type({ signedOn: LocalDateC, signedBy: t.array(t.string) }),
);

export const AnnualReviewHeld = eventType(
  'AnnualReviewHeld',
  t.intersection([
    t.type({
      reviewedOn: LocalDateC,
      outcome: t.keyof({ continue: null, 'change-terms': null, 'terminate-proposed': null }),
    }),
    t.partial({ panelOn: LocalDateC }),
  ]),
);

/** New terms; without the carer's written consent they take effect 28 days after notice at the earliest. */
export const TermsChanged = eventType(
  'TermsChanged',
  t.type({
    noticeGivenOn: LocalDateC,
    takesEffectOn: LocalDateC,
    terms: Terms,
    carerConsentedInWriting: t.boolean,
  }),
);

/** Resignation: approval ends exactly 28 days after the notice was received (rule `notice-28`). */
export const ResignationReceived = eventType(
  'ResignationReceived',
  t.type({ receivedOn: LocalDateC, approvalEndsOn: LocalDateC }),
);

export const ApprovalTerminated = eventType(
  'ApprovalTerminated',
  t.type({ noticeGivenOn: LocalDateC, takesEffectOn: LocalDateC, reason: personalData(t.string) }),
);

export const ApprovalSuspended = eventType(
  'ApprovalSuspended',
  t.type({ suspendedOn: LocalDateC, reason: personalData(t.string) }),
);
export const SuspensionLifted = eventType('SuspensionLifted', t.type({ liftedOn: LocalDateC }));

/** A connected person (family or friend) approved temporarily for one named child (rule `temporary-approval`). */
export const TemporarilyApproved = eventType(
  'TemporarilyApproved',
  t.type({ approvedOn: LocalDateC, childId: t.string, expiresOn: LocalDateC, terms: Terms }),
);

export const TemporaryApprovalExtended = eventType(
  'TemporaryApprovalExtended',
  t.type({ extendedOn: LocalDateC, expiresOn: LocalDateC }),
);

export const SupervisingSocialWorkerAllocated = eventType(
  'SupervisingSocialWorkerAllocated',
  t.type({ sswId: t.string, allocatedOn: LocalDateC }),
);
