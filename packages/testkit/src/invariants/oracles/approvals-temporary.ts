import type { LocalDate } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type { ScriptRun } from '../run-script.js';
import { daysFrom, earliest, law, plusDays } from './approvals-calendar.js';
import type { ExpectedFinding } from './approvals-findings.js';
import { lateOn } from './approvals-findings.js';
import {
  acceptedBefore,
  acceptedTemporary,
  applicationOf,
  citedRule,
  endingsOf,
  endingsSentBefore,
  fullApprovalOf,
  householdStreams,
  nameIn,
  ofType,
  type Sent,
  sentByHousehold,
  temporaryOf,
} from './approvals-household.js';

/**
 * Rule `temporary-approval` (CPPR 24-25). `expiresOn` is the first day a temporary approval no longer covers
 * (so 16 weeks of cover is approval day + 112 days), as the core documents it.
 *
 * Stored: a household is temporarily approved at most once, only on the family-and-friends route, for at most
 * 16 weeks; it is extended at most once, by at most 8 weeks, before it lapses, never once full approval was
 * decided or an ending had taken effect; while temporarily approved only the child it names is placed there,
 * and no child is placed once it has lapsed without full approval.
 */

const storedBreaches = (run: ScriptRun): string[] => {
  const breaches: string[] = [];
  const starts = run.events.filter((e) => e.type === 'PlacementStarted');
  for (const [id, events] of householdStreams(run)) {
    const name = nameIn(run, id);
    const granted = ofType(events, 'TemporarilyApproved');
    if (granted.length > 1) breaches.push(`${name}: temporarily approved ${granted.length} times`);
    const route = applicationOf(events)?.route;
    for (const { data } of granted) {
      if (route !== 'family-and-friends')
        breaches.push(
          `${name}: temporarily approved on ${data.approvedOn} on the ${route ?? 'unknown'} route`,
        );
      const length = daysFrom(data.approvedOn, data.expiresOn);
      if (length < 1 || length > law.temporaryWeeks * 7)
        breaches.push(
          `${name}: temporarily approved on ${data.approvedOn} until ${data.expiresOn} (${length} days)`,
        );
    }
    let expiresOn: LocalDate | undefined;
    let extensions = 0;
    events.forEach((e, position) => {
      if (e.type === 'TemporarilyApproved') expiresOn ??= e.data.expiresOn;
      if (e.type !== 'TemporaryApprovalExtended') return;
      const { extendedOn } = e.data;
      const where = `${name}: the extension of ${extendedOn} to ${e.data.expiresOn}`;
      extensions += 1;
      if (expiresOn === undefined) {
        breaches.push(`${where} extends no temporary approval`);
        return;
      }
      if (extensions > 1) breaches.push(`${where} is extension number ${extensions}`);
      if (extendedOn >= expiresOn) breaches.push(`${where} came after the approval lapsed on ${expiresOn}`);
      const added = daysFrom(expiresOn, e.data.expiresOn);
      if (added < 1 || added > law.extensionWeeks * 7)
        breaches.push(`${where} adds ${added} days to ${expiresOn}`);
      if (events.slice(0, position).some((b) => b.type === 'HouseholdApproved'))
        breaches.push(`${where} came after full approval was decided`);
      for (const ending of endingsOf(events.slice(0, position)))
        if (ending.effectiveOn <= extendedOn)
          breaches.push(`${where} came after the approval ended (${ending.kind} from ${ending.effectiveOn})`);
      expiresOn = e.data.expiresOn;
    });
    const temporary = temporaryOf(events);
    const fullOn = fullApprovalOf(events);
    for (const s of starts) {
      if (s.type !== 'PlacementStarted' || s.data.householdId !== id || temporary === undefined) continue;
      const { startedOn, childId, placementId } = s.data;
      if ((fullOn !== undefined && fullOn <= startedOn) || startedOn < temporary.approvedOn) continue;
      const where = `${nameIn(run, placementId)}: placed with ${name} on ${startedOn}`;
      if (startedOn >= temporary.expiresOn)
        breaches.push(`${where}, after its temporary approval lapsed on ${temporary.expiresOn}`);
      else if (childId !== temporary.childId)
        breaches.push(
          `${where}, a child the temporary approval (for ${nameIn(run, temporary.childId)}) does not cover`,
        );
    }
  }
  return breaches;
};

/**
 * What about `sent` breaks the rule's limits, from the commands accepted before it: `must` when only the
 * limits are at stake (16 weeks, one extension, before the lapse, 8 weeks), not when an extension would add
 * nothing (a malformed command, which may be refused either way).
 */
const overTheLimit = (
  all: ReadonlyArray<Sent>,
  sent: Sent,
): { reason: string; must: boolean } | undefined => {
  const c = sent.command;
  if (c.kind === 'ApproveTemporarily') {
    const latest = plusDays(c.approvedOn, law.temporaryWeeks * 7);
    return c.until !== undefined && c.until > latest
      ? { reason: `until ${c.until}, past ${latest}`, must: true }
      : undefined;
  }
  if (c.kind !== 'ExtendTemporaryApproval') return undefined;
  const temporary = acceptedTemporary(all, sent);
  if (temporary === undefined) return undefined;
  if (temporary.extensions > 0) return { reason: 'a second extension', must: true };
  if (c.extendedOn >= temporary.expiresOn)
    return { reason: `made on ${c.extendedOn}, once it lapsed on ${temporary.expiresOn}`, must: true };
  const latest = plusDays(temporary.expiresOn, law.extensionWeeks * 7);
  if (c.until !== undefined && c.until > latest)
    return { reason: `until ${c.until}, past ${latest}`, must: true };
  if (c.until !== undefined && c.until <= temporary.expiresOn)
    return { reason: `until ${c.until}, not after ${temporary.expiresOn}`, must: false };
  return undefined;
};

/** Everything but the limits was in order, so only the rule could refuse it. */
const otherwiseAllowed = (all: ReadonlyArray<Sent>, sent: Sent): boolean => {
  const c = sent.command;
  const decided = acceptedBefore(all, sent, 'Approve').length + endingsSentBefore(all, sent) > 0;
  if (c.kind === 'ExtendTemporaryApproval') return !decided && acceptedTemporary(all, sent) !== undefined;
  if (c.kind !== 'ApproveTemporarily') return false;
  const [application] = acceptedBefore(all, sent, 'ReceiveApplication');
  return (
    !decided &&
    application?.command.route === 'family-and-friends' &&
    application.command.receivedOn <= c.approvedOn &&
    acceptedTemporary(all, sent) === undefined &&
    typeof c.terms.maxChildren === 'number'
  );
};

/** A placement refused citing the rule was of a child the household's temporary approval did not cover. */
const placementRefusals = (run: ScriptRun, streams: ReturnType<typeof householdStreams>): string[] =>
  run.outcomes.flatMap(({ step, answer }, index) => {
    const { request } = step;
    if (request.area !== 'placements' || request.command.kind !== 'StartPlacement') return [];
    if (!E.isLeft(answer) || answer.left.rule?.id !== 'temporary-approval') return [];
    const { householdId, childId, startedOn } = request.command;
    const events = streams.get(householdId) ?? [];
    const temporary = temporaryOf(events);
    const fullOn = fullApprovalOf(events);
    const covered =
      temporary === undefined ||
      startedOn < temporary.approvedOn ||
      startedOn >= temporary.expiresOn ||
      (fullOn !== undefined && fullOn <= startedOn) ||
      childId === temporary.childId;
    return covered
      ? [
          `${nameIn(run, request.id)} (step ${index + 1}): refused citing temporary-approval, though no temporary approval of ${nameIn(run, householdId)} excluded ${nameIn(run, childId)} on ${startedOn}`,
        ]
      : [];
  });

const refusalBreaches = (run: ScriptRun): string[] => {
  const breaches: string[] = placementRefusals(run, householdStreams(run));
  for (const [id, all] of sentByHousehold(run)) {
    for (const sent of all) {
      if (sent.raced) continue;
      const over = overTheLimit(all, sent);
      const where = `${nameIn(run, id)}: ${sent.command.kind} (step ${sent.index + 1})`;
      if (citedRule(sent) === 'temporary-approval' && over === undefined)
        breaches.push(`${where} was refused citing temporary-approval, though within its limits`);
      if (
        over?.must &&
        sent.refusal !== undefined &&
        citedRule(sent) !== 'temporary-approval' &&
        otherwiseAllowed(all, sent)
      )
        breaches.push(
          `${where} (${over.reason}) was refused as ${sent.refusal._tag}, not citing temporary-approval`,
        );
    }
  }
  return breaches;
};

export const temporaryBreaches = (run: ScriptRun): string[] => [
  ...storedBreaches(run),
  ...refusalBreaches(run),
];

/**
 * The lapse findings expected on the day judged, due on the day the temporary approval expires (the first day
 * it no longer covers): a placement that ends that day, or a full approval decided that day, leaves no day on
 * which the child lives there without an approval (the core's own conventions: a placement's `endedOn` is the
 * first day the child is gone, and status is `approved` from the day full approval is decided). Per placement
 * of the named child made before full approval: reported once that day has passed without the placement
 * ending or full approval. Per household: reported once it has passed without full approval; households
 * whose approval ended otherwise by then are left out (`skip`), either answer is right for them.
 */
export const temporaryExpected = (run: ScriptRun) => {
  const { asOf } = run.script;
  const placements: ExpectedFinding[] = [];
  const households: ExpectedFinding[] = [];
  const skip = new Set<string>();
  const ended = new Map(
    run.events.flatMap((e) =>
      e.type === 'PlacementEnded' ? [[e.streamId.slice('placement-'.length), e.data.endedOn]] : [],
    ),
  );
  for (const [id, events] of householdStreams(run)) {
    const temporary = temporaryOf(events);
    if (temporary === undefined) continue;
    const fullOn = fullApprovalOf(events);
    const dueOn = temporary.expiresOn;
    if (endingsOf(events).some((e) => e.effectiveOn <= temporary.expiresOn)) skip.add(id);
    else if (lateOn(asOf, dueOn, fullOn))
      households.push({
        subject: id,
        dueOn,
        why: `its temporary approval expired on ${temporary.expiresOn} without full approval by then`,
      });
    for (const s of run.events) {
      if (s.type !== 'PlacementStarted' || s.data.householdId !== id || s.data.childId !== temporary.childId)
        continue;
      const { placementId, startedOn } = s.data;
      if (startedOn > asOf || (fullOn !== undefined && fullOn <= startedOn)) continue;
      const metOn = earliest([ended.get(placementId), fullOn]);
      if (lateOn(asOf, dueOn, metOn))
        placements.push({
          subject: placementId,
          dueOn,
          why: `placed on ${startedOn} under a temporary approval that expired on ${temporary.expiresOn}, and ${metOn === undefined || metOn > asOf ? 'neither ended nor fully approved' : `ended or fully approved only on ${metOn}`}`,
        });
    }
  }
  return { placements, households, skip };
};
