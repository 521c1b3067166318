import * as t from 'io-ts';
import { LocalDateC } from '../calendar/index.js';
import { commandCodec, commandCodecWith } from '../eventsourcing/command-codec.js';
import { PlanVersion, RiskArea } from './events/care.js';
import { EducationSetting, HealthNeedKind } from './events/needs.js';
import { ChildRelationship, LegalStatus } from './events/registration.js';

const command = commandCodec;
const commandWith = commandCodecWith;

/**
 * Every command of the child stream, validated at the boundary by this codec. There are none for
 * `ChildPlaced` and `ChildPlacementEnded`: the placement process appends those.
 */
export const ChildCommand = t.union([
  command('RegisterChild', {
    childId: t.string,
    name: t.string,
    dateOfBirth: LocalDateC,
    legalStatus: LegalStatus,
    placingAuthority: t.string,
    registeredOn: LocalDateC,
  }),
  command('ChangeLegalStatus', { legalStatus: LegalStatus, changedOn: LocalDateC }),
  command('RecordRelationship', {
    otherChildId: t.string,
    relationship: ChildRelationship,
    recordedOn: LocalDateC,
  }),
  command('RecordHealthNeed', {
    needId: t.string,
    needKind: HealthNeedKind,
    description: t.string,
    recordedOn: LocalDateC,
  }),
  command('ResolveHealthNeed', { needId: t.string, resolvedOn: LocalDateC }),
  commandWith(
    'RecordIdentityNeeds',
    { recordedOn: LocalDateC },
    { ethnicity: t.string, religion: t.string, languages: t.array(t.string), culture: t.string },
  ),
  commandWith(
    'RecordEducation',
    { recordedOn: LocalDateC, setting: EducationSetting, educationHealthAndCarePlan: t.boolean },
    { schoolName: t.string },
  ),
  command('AgreeTherapeuticCarePlan', { version: PlanVersion, agreedOn: LocalDateC }),
  command('ReviewTherapeuticCarePlan', { version: PlanVersion, reviewedOn: LocalDateC }),
  command('RecordChildRiskAssessment', {
    assessmentId: t.string,
    assessedOn: LocalDateC,
    areas: t.array(RiskArea),
    facts: t.string,
    analysis: t.string,
  }),
  command('RecordSafetyPlan', {
    recordedOn: LocalDateC,
    assessmentIds: t.array(t.string),
    measures: t.array(t.string),
  }),
  commandWith('RecordSocialWorkerVisit', { visitedOn: LocalDateC }, { seenAlone: t.boolean }),
  command('HoldLookedAfterReview', { heldOn: LocalDateC }),
  command('RecordPlacementPlan', { placementId: t.string, agreedOn: LocalDateC, signedByCarer: t.boolean }),
]);
export type ChildCommand = t.TypeOf<typeof ChildCommand>;
export type ChildCommandKind = ChildCommand['kind'];
export type ChildCommandOf<K extends ChildCommandKind> = Extract<ChildCommand, { kind: K }>;
