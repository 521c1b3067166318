import {
  AnnualReviewHeld,
  type EventStore,
  eventStamper,
  householdEvents,
  householdStreamId,
  inMemoryEventStore,
  rules,
  SupervisionSessionRecorded,
  staffEvents,
  staffStreamId,
  systemClock,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type AgencyHandle, agencyHandle } from '../agency-handle.js';
import { checkRegulatoryInvariants, RegulatoryInvariantsBroken } from '../check.js';

/**
 * The supervision properties against the reference pipeline (they hold), and against pipelines that break the
 * parts of the rules a pipeline decides: warning a placement while the annual review is overdue, sending the
 * first review to panel, refusing a supervision record not signed by both. Each must be caught, naming the rule.
 */

const broken = async (handle: (store: EventStore) => AgencyHandle, rule: string) => {
  const store = inMemoryEventStore();
  const failure = await checkRegulatoryInvariants({
    handle: handle(store),
    store,
    rules: [rule],
    numRuns: 200,
  }).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(RegulatoryInvariantsBroken);
  const { message } = failure as RegulatoryInvariantsBroken;
  expect(message).toContain(`${rule} (`);
  return message;
};

describe('supervision properties catch a broken pipeline', () => {
  it('annual-review: a pipeline that starts placements without the overdue-review warning', {
    timeout: 120_000,
  }, async () => {
    const message = await broken((store) => {
      const reference = agencyHandle({ store });
      return async (request, metadata) => {
        const answer = await reference(request, metadata);
        if (request.command.kind !== 'StartPlacement' || E.isLeft(answer)) return answer;
        return E.right({ ...(answer.right as object), warnings: [] });
      };
    }, rules.annualReview.id);
    expect(message).toMatch(/started in h\d on \S+ with no warning, yet its annual review was overdue since/);
  });

  it('annual-review: a pipeline that records a first review without a panel', {
    timeout: 120_000,
  }, async () => {
    const message = await broken((store) => {
      const reference = agencyHandle({ store });
      return async (request, metadata) => {
        const answer = await reference(request, metadata);
        const { command } = request;
        if (command.kind !== 'HoldAnnualReview' || E.isRight(answer)) return answer;
        if (answer.left.rule?.id !== rules.annualReview.id) return answer;
        const { kind: _kind, ...data } = command;
        const event = eventStamper(metadata, systemClock)(householdEvents)(AnnualReviewHeld.create(data));
        return store.append(householdStreamId(request.id), [event], { expectedRevision: 'any' });
      };
    }, rules.annualReview.id);
    expect(message).toMatch(/its first annual review, on \S+, is stored without a panel to consider it/);
  });

  it('staff-supervision: a pipeline that stores a session signed by one only', {
    timeout: 120_000,
  }, async () => {
    const message = await broken((store) => {
      const reference = agencyHandle({ store });
      return async (request, metadata) => {
        const answer = await reference(request, metadata);
        const { command } = request;
        if (command.kind !== 'RecordSupervisionSession' || E.isRight(answer)) return answer;
        if (answer.left.rule?.id !== rules.staffSupervision.id) return answer;
        const { kind: _kind, supervisionKind, ...data } = command;
        const session = SupervisionSessionRecorded.create({ ...data, kind: supervisionKind });
        const event = eventStamper(metadata, systemClock)(staffEvents)(session);
        return store.append(staffStreamId(request.id), [event], { expectedRevision: 'any' });
      };
    }, rules.staffSupervision.id);
    expect(message).toMatch(/a supervision session on \S+ is stored unsigned or without its time or length/);
  });
});

describe('supervision properties through the reference pipeline', () => {
  const holds = (rule: string) => async () => {
    const store = inMemoryEventStore();
    const [result] = await checkRegulatoryInvariants({
      handle: agencyHandle({ store }),
      store,
      rules: [rule],
    });
    expect(result?.status, result?.report).toBe('held');
  };
  for (const rule of [
    rules.annualReview,
    rules.ssw,
    rules.homeCheck,
    rules.training,
    rules.staffSupervision,
  ]) {
    it(`${rule.id} holds`, { timeout: 120_000 }, holds(rule.id));
  }
  // Core bug: the tsds deadline is met by the latest TSDS record, not the first, so an adult who completed TSDS on
  // time and has it recorded again after the deadline is reported "met late" (see supervision.test.ts).
  it(`${rules.tsds.id} holds`, { timeout: 120_000 }, holds(rules.tsds.id));
});
