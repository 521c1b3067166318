import type { AudienceRole, NotificationIntent, NotificationKind, Subject } from '@fostering/core';
import type * as t from 'io-ts';
import { describe, expectTypeOf, it } from 'vitest';
import type { NotificationIntentC, SubjectC } from './intent.js';
import type { Recipients } from './settings.js';

// Checked by `tsc -b`, which compiles every test file: when core adds an audience role, a notification kind or a
// subject field, this package must follow, or a payload core writes would be refused at delivery.
describe('agreement with core', () => {
  it('has a recipients entry for exactly the audience roles', () => {
    expectTypeOf<keyof Recipients>().toEqualTypeOf<AudienceRole>();
  });

  it('decodes exactly core’s notification kinds and subject fields', () => {
    expectTypeOf<t.TypeOf<typeof NotificationIntentC>['kind']>().toEqualTypeOf<NotificationKind>();
    expectTypeOf<keyof t.TypeOf<typeof SubjectC>>().toEqualTypeOf<keyof Subject>();
    expectTypeOf<t.TypeOf<typeof NotificationIntentC>>().toExtend<NotificationIntent>();
  });
});
