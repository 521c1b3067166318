import * as t from 'io-ts';
import { LocalDateC } from '../calendar/index.js';
import { commandCodec, commandCodecWith } from '../eventsourcing/command-codec.js';
import { NonBlankString } from '../eventsourcing/non-blank-string.js';
import { ApprovalRoute, CheckKind, PreviousService } from './events/assessment.js';
import { MemberRelationship, TrainingCourse } from './events/household.js';
import { TermsInput } from './terms.js';

/**
 * An applicant as an application names them: the name goes on the placements register as a carer's name
 * (FSR 22, Schedule 2), so a blank one is refused naming the field (`applicants.0.name`). The event keeps
 * `t.string`, so that applications recorded before this check still read back.
 */
const ApplicantInput = t.type({
  adultId: t.string,
  name: NonBlankString,
});

const command = commandCodec;
const commandWith = commandCodecWith;

/** Every command of the household stream, validated at the boundary by this codec. */
export const HouseholdCommand = t.union([
  command('ReceiveApplication', {
    householdId: t.string,
    receivedOn: LocalDateC,
    route: ApprovalRoute,
    applicants: t.array(ApplicantInput),
    previousServices: t.array(PreviousService),
  }),
  command('StartAssessment', { stage: t.union([t.literal(1), t.literal(2)]), startedOn: LocalDateC }),
  command('InterviewReferee', {
    refereeId: t.string,
    name: t.string,
    relationship: t.string,
    interviewedOn: LocalDateC,
  }),
  commandWith('CompleteCheck', { check: CheckKind, completedOn: LocalDateC }, { adultId: t.string }),
  command('ReceivePreviousServiceReference', { serviceId: t.string, receivedOn: LocalDateC }),
  command('CompleteTherapeuticCourse', { adultId: t.string, completedOn: LocalDateC }),
  command('CompleteAssessmentReport', { completedOn: LocalDateC, proposedTerms: TermsInput }),
  command('SchedulePanel', { panelOn: LocalDateC, papersSentOn: LocalDateC }),
  commandWith(
    'RecordPanelRecommendation',
    {
      panelOn: LocalDateC,
      recommendation: t.keyof({ approve: null, refuse: null }),
      minutesFinalisedOn: LocalDateC,
    },
    { recommendedTerms: TermsInput },
  ),
  command('Approve', { decidedOn: LocalDateC, terms: TermsInput }),
  command('Refuse', {
    decidedOn: LocalDateC,
    noticeGivenOn: LocalDateC,
    takesEffectOn: LocalDateC,
    reason: t.string,
  }),
  command('SignFosterCareAgreement', { signedOn: LocalDateC, signedBy: t.array(t.string) }),
  commandWith(
    'HoldAnnualReview',
    {
      reviewedOn: LocalDateC,
      outcome: t.keyof({ continue: null, 'change-terms': null, 'terminate-proposed': null }),
    },
    { panelOn: LocalDateC },
  ),
  command('ChangeTerms', {
    noticeGivenOn: LocalDateC,
    takesEffectOn: LocalDateC,
    terms: TermsInput,
    carerConsentedInWriting: t.boolean,
  }),
  command('ReceiveResignation', { receivedOn: LocalDateC }),
  command('Terminate', { noticeGivenOn: LocalDateC, takesEffectOn: LocalDateC, reason: t.string }),
  command('Suspend', { suspendedOn: LocalDateC, reason: t.string }),
  command('LiftSuspension', { liftedOn: LocalDateC }),
  commandWith(
    'ApproveTemporarily',
    { approvedOn: LocalDateC, childId: t.string, terms: TermsInput },
    { until: LocalDateC },
  ),
  commandWith('ExtendTemporaryApproval', { extendedOn: LocalDateC }, { until: LocalDateC }),
  command('AllocateSupervisingSocialWorker', { sswId: t.string, allocatedOn: LocalDateC }),
  command('AddHouseholdMember', {
    memberId: t.string,
    name: t.string,
    dateOfBirth: LocalDateC,
    relationship: MemberRelationship,
    joinedOn: LocalDateC,
  }),
  command('RecordMemberLeaving', { memberId: t.string, leftOn: LocalDateC }),
  command('RecordPet', { petId: t.string, species: t.string, description: t.string, recordedOn: LocalDateC }),
  command('RemovePet', { petId: t.string, removedOn: LocalDateC }),
  command('RecordSafeCarePlan', { recordedOn: LocalDateC, covers: t.array(t.string) }),
  commandWith(
    'RecordRiskAssessment',
    {
      assessmentId: t.string,
      assessmentKind: t.keyof({ pet: null, 'home-safety': null, other: null }),
      assessedOn: LocalDateC,
    },
    { petId: t.string },
  ),
  command('RecordTraining', { adultId: t.string, course: TrainingCourse, completedOn: LocalDateC }),
  command('RecordSupervisoryVisit', { sswId: t.string, visitedOn: LocalDateC, announced: t.boolean }),
  command('RecordHomeCheck', { checkedOn: LocalDateC, checkedBy: t.string }),
]);
export type HouseholdCommand = t.TypeOf<typeof HouseholdCommand>;
export type HouseholdCommandKind = HouseholdCommand['kind'];
export type CommandOf<K extends HouseholdCommandKind> = Extract<HouseholdCommand, { kind: K }>;
