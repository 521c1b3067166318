import { describe, expectTypeOf, it } from 'vitest';
import type { HouseholdCommand } from '../approvals/commands.js';
import type { HouseholdEvent } from '../approvals/events/index.js';
import type { LocalDate } from '../calendar/index.js';
import type { ChildCommand } from '../children/commands.js';
import type { ChildEvent } from '../children/events/index.js';
import type { ChildState } from '../children/state.js';
import type { Erased, Personal } from '../eventsourcing/index.js';
import type { PlacementError } from '../placements/decider.js';
import type { RegisterLine } from '../placements/projections/placements.js';
import type { ReviewPack } from '../reviews/model.js';

type DataOf<U, T> = Extract<U, { type: T }> extends { data: infer D } ? D : never;
type FieldsOf<U, K> = Extract<U, { kind: K }>;

describe('personal data types', () => {
  it('reads a personal field of an event as the value or Erased, and leaves the rest as they were', () => {
    type Registered = DataOf<ChildEvent, 'ChildRegistered'>;
    expectTypeOf<Registered['name']>().toEqualTypeOf<Personal<string>>();
    expectTypeOf<Registered['dateOfBirth']>().toEqualTypeOf<LocalDate | Erased>();
    expectTypeOf<Registered['childId']>().toEqualTypeOf<string>();
    expectTypeOf<Registered['registeredOn']>().toEqualTypeOf<LocalDate>();
    type Member = DataOf<HouseholdEvent, 'HouseholdMemberJoined'>;
    expectTypeOf<Member['name']>().toEqualTypeOf<Personal<string>>();
  });

  it('never lets a command carry Erased: commands say what is new', () => {
    expectTypeOf<FieldsOf<ChildCommand, 'RegisterChild'>['name']>().toEqualTypeOf<string>();
    expectTypeOf<FieldsOf<ChildCommand, 'RegisterChild'>['dateOfBirth']>().toEqualTypeOf<LocalDate>();
    type Applicant = FieldsOf<HouseholdCommand, 'ReceiveApplication'>['applicants'][number];
    expectTypeOf<Erased>().not.toExtend<Applicant['name']>();
  });

  it('makes folded states and registers say where a value may be erased, and reports hold text', () => {
    expectTypeOf<ChildState['dateOfBirth']>().toEqualTypeOf<Personal<LocalDate> | undefined>();
    expectTypeOf<RegisterLine['carersAddress']>().toEqualTypeOf<Personal<string>>();
    expectTypeOf<ReviewPack['child']['displayName']>().toEqualTypeOf<string>();
    expectTypeOf<Extract<PlacementError, { _tag: 'SubjectErased' }>['subjectId']>().toEqualTypeOf<string>();
  });
});
