import type { AgencyEvent, EventEnvelope, HouseholdCommand, LocalDate } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type { AgencyRequest, Refusal } from '../agency-handle.js';
import type { ScriptRun } from '../run-script.js';
import { earliest, law, plusDays } from './approvals-calendar.js';

/**
 * What the approvals oracles read: each household's stored events, in the order its stream holds them, and
 * each household's commands as sent with the answer they got. Nothing here asks the core what the events mean.
 */

type Envelope = EventEnvelope<AgencyEvent>;
export type Of<T extends AgencyEvent['type']> = Extract<Envelope, { type: T }>;

export const ofType = <T extends AgencyEvent['type']>(events: ReadonlyArray<Envelope>, type: T): Of<T>[] =>
  events.filter((e): e is Of<T> => e.type === type);

const householdPrefix = 'household-';

/** Every household's events by household id, in stream order. */
export const householdStreams = (run: ScriptRun): ReadonlyMap<string, ReadonlyArray<Envelope>> => {
  const streams = new Map<string, Envelope[]>();
  for (const event of run.events) {
    if (!event.streamId.startsWith(householdPrefix)) continue;
    const id = event.streamId.slice(householdPrefix.length);
    streams.set(id, [...(streams.get(id) ?? []), event]);
  }
  return streams;
};

/** A record's id as the script named it (`h1`), for breach sentences. */
export const nameIn = (run: ScriptRun, id: string): string => {
  const prefix = run.id('');
  return id.startsWith(prefix) ? id.slice(prefix.length) : id;
};

export type EndingKind = 'refused' | 'resigned' | 'terminated';
export interface Ending {
  readonly kind: EndingKind;
  readonly noticeOn: LocalDate;
  /** The first day the household no longer holds the approval (for a resignation: received + 28 days). */
  readonly effectiveOn: LocalDate;
  /** Its place in the household's stream. */
  readonly position: number;
}

export const endingsOf = (events: ReadonlyArray<Envelope>): ReadonlyArray<Ending> =>
  events.flatMap((e, position): Ending[] => {
    if (e.type === 'ApprovalRefused')
      return [
        { kind: 'refused', noticeOn: e.data.noticeGivenOn, effectiveOn: e.data.takesEffectOn, position },
      ];
    if (e.type === 'ApprovalTerminated')
      return [
        { kind: 'terminated', noticeOn: e.data.noticeGivenOn, effectiveOn: e.data.takesEffectOn, position },
      ];
    if (e.type === 'ResignationReceived') {
      const { receivedOn } = e.data;
      return [
        {
          kind: 'resigned',
          noticeOn: receivedOn,
          effectiveOn: plusDays(receivedOn, law.noticeDays),
          position,
        },
      ];
    }
    return [];
  });

export interface Temporary {
  readonly approvedOn: LocalDate;
  readonly childId: string;
  /** The first day it no longer covers, after any extension. */
  readonly expiresOn: LocalDate;
}

/** The household's first temporary approval, as its extensions leave it. */
export const temporaryOf = (events: ReadonlyArray<Envelope>): Temporary | undefined => {
  const [granted] = ofType(events, 'TemporarilyApproved');
  if (granted === undefined) return undefined;
  const extended = ofType(events, 'TemporaryApprovalExtended').at(-1);
  return {
    approvedOn: granted.data.approvedOn,
    childId: granted.data.childId,
    expiresOn: extended?.data.expiresOn ?? granted.data.expiresOn,
  };
};

export const fullApprovalOf = (events: ReadonlyArray<Envelope>): LocalDate | undefined =>
  ofType(events, 'HouseholdApproved')[0]?.data.decidedOn;

export const applicationOf = (events: ReadonlyArray<Envelope>) =>
  ofType(events, 'ApplicationReceived')[0]?.data;

/**
 * The statuses the approvals register may show for the household on a day, from its events: absent before
 * the application; once an ending has taken effect, that ending; approved (or suspended) from a full approval;
 * temporarily approved until the day its temporary approval expires, lapsed from then; an applicant otherwise.
 */
export const statusesOn = (events: ReadonlyArray<Envelope>, day: LocalDate): ReadonlyArray<string> => {
  const application = applicationOf(events);
  if (application === undefined || application.receivedOn > day) return ['none'];
  const ended = endingsOf(events).filter((e) => e.effectiveOn <= day);
  const first = earliest(ended.map((e) => e.effectiveOn));
  if (first !== undefined) return ended.filter((e) => e.effectiveOn === first).map((e) => e.kind);
  const approvedOn = fullApprovalOf(events);
  if (approvedOn !== undefined && approvedOn <= day) return ['approved', 'suspended'];
  const temporary = temporaryOf(events);
  if (temporary !== undefined && temporary.approvedOn <= day) {
    return day < temporary.expiresOn ? ['temporarily-approved', 'suspended'] : ['temporary-approval-lapsed'];
  }
  return ['applicant'];
};

/** One household command as sent, and what came back. */
export interface Sent {
  readonly index: number;
  readonly on: LocalDate;
  readonly command: HouseholdCommand;
  readonly refusal?: Refusal;
  /** Sent in a race with another step: what was on record when it was decided is not known. */
  readonly raced: boolean;
}

const raced = (run: ScriptRun, index: number): boolean =>
  run.outcomes[index]?.step.concurrent === true || run.outcomes[index + 1]?.step.concurrent === true;

/** Each household's commands in the order sent, by household id. */
export const sentByHousehold = (run: ScriptRun): ReadonlyMap<string, ReadonlyArray<Sent>> => {
  const byHousehold = new Map<string, Sent[]>();
  run.outcomes.forEach(({ step, answer }, index) => {
    const request: AgencyRequest = step.request;
    if (request.area !== 'households') return;
    const sent: Sent = {
      index,
      on: step.on,
      command: request.command,
      raced: raced(run, index),
      ...(E.isLeft(answer) ? { refusal: answer.left } : {}),
    };
    byHousehold.set(request.id, [...(byHousehold.get(request.id) ?? []), sent]);
  });
  return byHousehold;
};

export type SentOf<K extends HouseholdCommand['kind']> = Sent & {
  readonly command: Extract<HouseholdCommand, { kind: K }>;
};

export const kindOf =
  <K extends HouseholdCommand['kind']>(kind: K) =>
  (sent: Sent): sent is SentOf<K> =>
    sent.command.kind === kind;

/** The accepted commands sent before `sent`, of one kind. */
export const acceptedBefore = <K extends HouseholdCommand['kind']>(
  all: ReadonlyArray<Sent>,
  sent: Sent,
  kind: K,
): ReadonlyArray<SentOf<K>> =>
  all.filter((s) => s.index < sent.index && s.refusal === undefined).filter(kindOf(kind));

export const citedRule = (sent: { readonly refusal?: Refusal }): string | undefined => sent.refusal?.rule?.id;

/** The temporary approval the accepted commands before `sent` gave, as their extensions left it. */
export const acceptedTemporary = (all: ReadonlyArray<Sent>, sent: Sent) => {
  const [granted] = acceptedBefore(all, sent, 'ApproveTemporarily');
  if (granted === undefined) return undefined;
  const { approvedOn, childId, until } = granted.command;
  const extensions = acceptedBefore(all, sent, 'ExtendTemporaryApproval');
  const expiresOn = extensions.reduce(
    (expiry, e) => e.command.until ?? plusDays(expiry, law.extensionWeeks * 7),
    until ?? plusDays(approvedOn, law.temporaryWeeks * 7),
  );
  return { approvedOn, childId, expiresOn, extensions: extensions.length };
};

/** Whether the accepted commands before `sent` leave an approval (full, or temporary and not lapsed) on `day`. */
export const approvalHeldOn = (all: ReadonlyArray<Sent>, sent: Sent, day: LocalDate): boolean => {
  const temporary = acceptedTemporary(all, sent);
  return (
    acceptedBefore(all, sent, 'Approve').some((a) => a.command.decidedOn <= day) ||
    (temporary !== undefined && temporary.approvedOn <= day && day < temporary.expiresOn)
  );
};

/** Refusals, terminations and resignations accepted before `sent`. */
export const endingsSentBefore = (all: ReadonlyArray<Sent>, sent: Sent): number =>
  acceptedBefore(all, sent, 'Refuse').length +
  acceptedBefore(all, sent, 'Terminate').length +
  acceptedBefore(all, sent, 'ReceiveResignation').length;
