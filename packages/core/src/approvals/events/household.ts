import * as t from 'io-ts';
import { LocalDateC } from '../../calendar/index.js';
import { eventType, personalData } from '../../eventsourcing/index.js';

/** Others living in the household. The carers' own children never count toward the usual fostering limit. */
export const MemberRelationship = t.keyof({
  'carers-own-child': null,
  'other-child': null,
  'other-adult': null,
});

export const HouseholdMemberJoined = eventType(
  'HouseholdMemberJoined',
  t.type({
    memberId: t.string,
    name: personalData(t.string, { subjectField: 'memberId' }),
    dateOfBirth: personalData(LocalDateC, { subjectField: 'memberId' }),
    relationship: MemberRelationship,
    joinedOn: LocalDateC,
  }),
);

export const HouseholdMemberLeft = eventType(
  'HouseholdMemberLeft',
  t.type({ memberId: t.string, leftOn: LocalDateC }),
);

export const PetRecorded = eventType(
  'PetRecorded',
  t.type({ petId: t.string, species: t.string, description: t.string, recordedOn: LocalDateC }),
);
export const PetRemoved = eventType('PetRemoved', t.type({ petId: t.string, removedOn: LocalDateC }));

/** A version of the household's safe-care plan, listing every hazard and health need it covers. */
export const SafeCarePlanRecorded = eventType(
  'SafeCarePlanRecorded',
  t.type({ recordedOn: LocalDateC, covers: t.array(t.string) }),
);

export const RiskAssessmentRecorded = eventType(
  'RiskAssessmentRecorded',
  t.intersection([
    t.type({
      assessmentId: t.string,
      kind: t.keyof({ pet: null, 'home-safety': null, other: null }),
      assessedOn: LocalDateC,
    }),
    t.partial({ petId: t.string }),
  ]),
);

export const TrainingCourse = t.keyof({
  safeguarding: null,
  'first-aid': null,
  'parent-and-child': null,
  tsds: null,
});
export type TrainingCourse = t.TypeOf<typeof TrainingCourse>;

export const TrainingCompleted = eventType(
  'TrainingCompleted',
  t.type({ adultId: t.string, course: TrainingCourse, completedOn: LocalDateC }),
);

/** A supervising social worker's visit to the household (rule `ssw` needs one unannounced a year). */
export const SupervisoryVisitRecorded = eventType(
  'SupervisoryVisitRecorded',
  t.type({ sswId: t.string, visitedOn: LocalDateC, announced: t.boolean }),
);

/** The annual check of the foster home (rule `home-check`). */
export const HomeCheckCompleted = eventType(
  'HomeCheckCompleted',
  t.type({ checkedOn: LocalDateC, checkedBy: t.string }),
);
