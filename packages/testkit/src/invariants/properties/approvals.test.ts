import {
  ApprovalRefused,
  ApprovalTerminated,
  addDays,
  type EventStore,
  eventStamper,
  type HouseholdCommand,
  type HouseholdEvent,
  householdEvents,
  householdStreamId,
  inMemoryEventStore,
  PanelRecommendationMade,
  rules,
  systemClock,
  TemporarilyApproved,
  TemporaryApprovalExtended,
  TermsChanged,
  type TermsInput,
} from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { type AgencyHandle, agencyHandle } from '../agency-handle.js';
import { checkRegulatoryInvariants, RegulatoryInvariantsBroken } from '../check.js';
import { temporaryHistories } from '../histories/approvals-temporary.js';
import { temporaryBreaches } from '../oracles/approvals-temporary.js';
import { runScript } from '../run-script.js';

/**
 * Each block rule's property must catch a pipeline that lets through what the rule refuses; each property
 * must hold through the reference handle (two do not yet: core bugs, named below).
 */

const explicit = (terms: TermsInput) => ({
  maxChildren: terms.maxChildren ?? 1,
  ageRange: terms.ageRange,
  placementTypes: terms.placementTypes,
  supportPackages: terms.supportPackages ?? [],
  exemptions: terms.exemptions ?? [],
});

/**
 * The reference handle, except that a household command it refuses citing `ruleId` is recorded anyway: the
 * events `force` makes of it are appended straight to the store, as a pipeline that skipped the rule would.
 */
const forcing = (
  store: EventStore,
  ruleId: string,
  force: (command: HouseholdCommand) => ReadonlyArray<HouseholdEvent> | undefined,
): AgencyHandle => {
  const reference = agencyHandle({ store });
  return async (request, metadata) => {
    const answer = await reference(request, metadata);
    if (E.isRight(answer) || answer.left.rule?.id !== ruleId || request.area !== 'households') return answer;
    const events = force(request.command);
    if (events === undefined) return answer;
    const stamp = eventStamper(metadata, systemClock)(householdEvents);
    return store.append(householdStreamId(request.id), events.map(stamp), { expectedRevision: 'any' });
  };
};

const brokenBy = async (handle: AgencyHandle, store: EventStore, ruleId: string, numRuns = 100) => {
  const failure = await checkRegulatoryInvariants({ handle, store, rules: [ruleId], numRuns }).catch(
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(RegulatoryInvariantsBroken);
  const { message, results } = failure as RegulatoryInvariantsBroken;
  expect(results.map((r) => [r.ruleId, r.status])).toEqual([[ruleId, 'broken']]);
  return message;
};

describe('approvals properties catch a pipeline that breaks their rule', () => {
  it('referees: a recommendation recorded without two referees or a previous service’s reference', async () => {
    const store = inMemoryEventStore();
    const handle = forcing(store, rules.referees.id, (c) =>
      c.kind === 'RecordPanelRecommendation'
        ? [
            PanelRecommendationMade.create({
              panelOn: c.panelOn,
              recommendation: c.recommendation,
              minutesFinalisedOn: c.minutesFinalisedOn,
            }),
          ]
        : undefined,
    );
    const message = await brokenBy(handle, store, rules.referees.id);
    expect(message).toContain(`referees (${rules.referees.citation}) broken`);
    expect(message).toMatch(
      /the panel of \d{4}-\d\d-\d\d recommended .* with (\d of 2 personal referees|no reference)/,
    );
  });

  it('notice-28: refusals, terminations and changes of terms recorded with short notice', async () => {
    const store = inMemoryEventStore();
    const handle = forcing(store, rules.notice28.id, (c) => {
      if (c.kind === 'Terminate') return [ApprovalTerminated.create({ ...c })];
      if (c.kind === 'Refuse') return [ApprovalRefused.create({ ...c })];
      if (c.kind === 'ChangeTerms') return [TermsChanged.create({ ...c, terms: explicit(c.terms) })];
      return undefined;
    });
    const message = await brokenBy(handle, store, rules.notice28.id);
    expect(message).toMatch(
      /(ApprovalRefused|ApprovalTerminated|TermsChanged) with notice on \S+ takes effect on \S+, -?\d+ days later/,
    );
  });

  it('notice-28: a resignation recorded as ending approval after 21 days', async () => {
    const base = inMemoryEventStore();
    // A store that mangles what it is given: the resignation's end date moves a week earlier.
    const store: EventStore = {
      ...base,
      append: (streamId, events, options) =>
        base.append(
          streamId,
          events.map((e) => {
            if (e.type !== 'ResignationReceived') return e;
            const data = e.data as { receivedOn: string; approvalEndsOn: string };
            return { ...e, data: { ...data, approvalEndsOn: addDays(data.approvalEndsOn as never, -7) } };
          }),
          options,
        ),
    };
    const message = await brokenBy(agencyHandle({ store }), store, rules.notice28.id);
    expect(message).toMatch(/the resignation received on (\S+) ends approval on \S+, not \S+/);
  });

  it('temporary-approval: approvals past 16 weeks and extensions past their limits recorded anyway', async () => {
    const store = inMemoryEventStore();
    const handle = forcing(store, rules.temporaryApproval.id, (c) => {
      if (c.kind === 'ApproveTemporarily' && c.until !== undefined)
        return [TemporarilyApproved.create({ ...c, expiresOn: c.until, terms: explicit(c.terms) })];
      if (c.kind === 'ExtendTemporaryApproval')
        return [
          TemporaryApprovalExtended.create({
            extendedOn: c.extendedOn,
            expiresOn: c.until ?? addDays(c.extendedOn, 56),
          }),
        ];
      return undefined;
    });
    const message = await brokenBy(handle, store, rules.temporaryApproval.id, 200);
    expect(message).toContain(`temporary-approval (${rules.temporaryApproval.citation}) broken`);
    // While the core's lapse findings are wrong (below), any history breaks the property: judge the block half
    // of it alone, on the same histories through both pipelines.
    const overLimit =
      /temporarily approved on \S+ until \S+ \(\d+ days\)|the extension of \S+ to \S+ (is extension number 2|came after|adds \d+ days)/;
    const blockBreaches = async (pipeline: AgencyHandle) => {
      const found: string[] = [];
      for (const history of fc.sample(temporaryHistories(), { numRuns: 150, seed: 20260403 }))
        found.push(...temporaryBreaches(await runScript(pipeline, store, history)));
      return found;
    };
    expect(await blockBreaches(agencyHandle({ store }))).toEqual([]);
    expect((await blockBreaches(handle)).filter((b) => overLimit.test(b)).length).toBeGreaterThan(0);
  });
});

const holds = async (ruleId: string) => {
  const store = inMemoryEventStore();
  const results = await checkRegulatoryInvariants({
    handle: agencyHandle({ store }),
    store,
    rules: [ruleId],
  });
  expect(results.map((r) => [r.ruleId, r.status])).toEqual([[ruleId, 'held']]);
};

describe('approvals properties hold through the reference handle, in memory', () => {
  it('referees', { timeout: 120_000 }, () => holds(rules.referees.id));
  it('adm-decision', { timeout: 120_000 }, () => holds(rules.admDecision.id));
  it('notice-28', { timeout: 120_000 }, () => holds(rules.notice28.id));
  // Core bug (approvals-oracles.test.ts pins it): household-compliance.ts drops the 8-month recommendation
  // deadline for a household temporarily approved and not yet recommended, however long its assessment runs.
  it('panel-timing', { timeout: 120_000 }, () => holds(rules.panelTiming.id));
  // Core bugs (approvals-oracles.test.ts pins them): the lapse deadlines fall due the day before the approval
  // expires, not on it; a placement made after full approval is reported as outliving the temporary approval.
  it('temporary-approval', { timeout: 120_000 }, () => holds(rules.temporaryApproval.id));
});
