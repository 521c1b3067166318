import { approvalsRegister, type LocalDate, type RegisterEntry, type Terms } from '@fostering/core';
import type { ScriptRun } from '../run-script.js';
import { daysFrom, law, plusDays } from './approvals-calendar.js';
import {
  acceptedBefore,
  approvalHeldOn,
  citedRule,
  type Ending,
  endingsOf,
  endingsSentBefore,
  householdStreams,
  nameIn,
  ofType,
  type Sent,
  sentByHousehold,
  statusesOn,
} from './approvals-household.js';

/**
 * Rule `notice-28` (FSR 27-28). Stored: every refusal, termination and change of terms (unless the carers
 * consented in writing) takes effect 28 days or more after its notice; every resignation ends approval exactly
 * 28 days after it was received. Derived: on the notice day, the day before an ending takes effect, that day and
 * the day after, the approvals register shows the status the events imply; a single change of terms shows in
 * the register from the day it takes effect and not the day before; no child is placed with a household on or
 * after the day its approval ended. Refusals: a command refused citing the rule had short notice, and one whose
 * only fault was short notice cites it.
 */

const notice28 = 'notice-28';

const storedBreaches = (run: ScriptRun): string[] => {
  const breaches: string[] = [];
  for (const [id, events] of householdStreams(run)) {
    const name = nameIn(run, id);
    for (const e of events) {
      if (e.type === 'ApprovalRefused' || e.type === 'ApprovalTerminated' || e.type === 'TermsChanged') {
        const { noticeGivenOn, takesEffectOn } = e.data;
        const consented = e.type === 'TermsChanged' && e.data.carerConsentedInWriting;
        const n = daysFrom(noticeGivenOn, takesEffectOn);
        if (n < law.noticeDays && !consented)
          breaches.push(
            `${name}: ${e.type} with notice on ${noticeGivenOn} takes effect on ${takesEffectOn}, ${n} days later`,
          );
      }
      if (e.type === 'ResignationReceived') {
        const due = plusDays(e.data.receivedOn, law.noticeDays);
        if (e.data.approvalEndsOn !== due)
          breaches.push(
            `${name}: the resignation received on ${e.data.receivedOn} ends approval on ${e.data.approvalEndsOn}, not ${due}`,
          );
      }
    }
  }
  return breaches;
};

const describe = (ending: Ending): string =>
  ending.kind === 'resigned'
    ? `resignation received ${ending.noticeOn}, approval ending ${ending.effectiveOn}`
    : `${ending.kind === 'refused' ? 'refusal' : 'termination'} notified ${ending.noticeOn}, taking effect ${ending.effectiveOn}`;

const canonical = (terms: Terms | undefined): string =>
  terms === undefined
    ? 'none'
    : JSON.stringify({
        ...terms,
        placementTypes: [...terms.placementTypes].sort(),
        supportPackages: [...terms.supportPackages].sort(),
      });

const holding = ['approved', 'temporarily-approved', 'suspended'];

const derivedBreaches = (run: ScriptRun): string[] => {
  const registers = new Map<LocalDate, ReadonlyMap<string, RegisterEntry>>();
  const register = (day: LocalDate) => {
    const known = registers.get(day);
    if (known !== undefined) return known;
    const entries = new Map(approvalsRegister(run.records.households, day).map((e) => [e.householdId, e]));
    registers.set(day, entries);
    return entries;
  };
  const starts = run.events.filter((e) => e.type === 'PlacementStarted');
  const breaches: string[] = [];
  for (const [id, events] of householdStreams(run)) {
    const name = nameIn(run, id);
    const endings = endingsOf(events);
    for (const ending of endings) {
      const around = [
        ending.noticeOn,
        plusDays(ending.effectiveOn, -1),
        ending.effectiveOn,
        plusDays(ending.effectiveOn, 1),
      ];
      for (const day of new Set(around)) {
        const expected = statusesOn(events, day);
        const shown = register(day).get(id)?.status ?? 'none';
        if (!expected.includes(shown))
          breaches.push(
            `${name}: on ${day} the approvals register shows ${shown}, but the events (${describe(ending)}) imply ${expected.join(' or ')}`,
          );
      }
    }
    const termsEvents = events.filter(
      (e) => e.type === 'HouseholdApproved' || e.type === 'TemporarilyApproved' || e.type === 'TermsChanged',
    );
    const changes = ofType(events, 'TermsChanged');
    const last = termsEvents.at(-1);
    if (changes.length === 1 && last?.type === 'TermsChanged') {
      const { takesEffectOn, terms } = last.data;
      const previous = termsEvents.slice(0, -1).at(-1);
      const dayBefore = plusDays(takesEffectOn, -1);
      const checks: Array<[LocalDate, Terms | undefined]> = [[takesEffectOn, terms]];
      if (previous !== undefined && previous.type !== 'TermsChanged') {
        const from =
          previous.type === 'HouseholdApproved' ? previous.data.decidedOn : previous.data.approvedOn;
        if (from <= dayBefore) checks.push([dayBefore, previous.data.terms]);
      }
      for (const [day, inForce] of checks) {
        const entry = register(day).get(id);
        if (
          entry !== undefined &&
          holding.includes(entry.status) &&
          canonical(entry.terms) !== canonical(inForce)
        )
          breaches.push(
            `${name}: on ${day} the register shows terms ${canonical(entry.terms)}, but the change notified ${last.data.noticeGivenOn} takes effect on ${takesEffectOn}, so the terms in force are ${canonical(inForce)}`,
          );
      }
    }
    for (const start of starts) {
      if (start.type !== 'PlacementStarted' || start.data.householdId !== id) continue;
      for (const ending of endings) {
        if (ending.effectiveOn <= start.data.startedOn)
          breaches.push(
            `${nameIn(run, start.data.placementId)}: placed with ${name} on ${start.data.startedOn}, after its approval ended (${describe(ending)})`,
          );
      }
    }
  }
  return breaches;
};

type Noticed = Sent & {
  readonly command: {
    kind: 'Refuse' | 'Terminate' | 'ChangeTerms';
    noticeGivenOn: LocalDate;
    takesEffectOn: LocalDate;
  };
};
const isNoticed = (s: Sent): s is Noticed =>
  s.command.kind === 'Refuse' || s.command.kind === 'Terminate' || s.command.kind === 'ChangeTerms';

/** Whether everything but the notice was in order, from the commands accepted before it. */
const onlyTheNotice = (all: ReadonlyArray<Sent>, sent: Sent): boolean => {
  const c = sent.command;
  if (endingsSentBefore(all, sent) > 0) return false;
  if (c.kind === 'Terminate') return approvalHeldOn(all, sent, c.noticeGivenOn);
  if (c.kind === 'ChangeTerms')
    return (
      approvalHeldOn(all, sent, c.noticeGivenOn) &&
      c.takesEffectOn >= c.noticeGivenOn &&
      typeof c.terms.maxChildren === 'number'
    );
  if (c.kind === 'Refuse') {
    const [application] = acceptedBefore(all, sent, 'ReceiveApplication');
    return (
      application !== undefined &&
      application.command.receivedOn <= c.decidedOn &&
      acceptedBefore(all, sent, 'Approve').length === 0 &&
      c.noticeGivenOn >= c.decidedOn
    );
  }
  return false;
};

const refusalBreaches = (run: ScriptRun): string[] => {
  const breaches: string[] = [];
  for (const [id, all] of sentByHousehold(run)) {
    for (const sent of all) {
      if (sent.raced) continue;
      const where = `${nameIn(run, id)}: ${sent.command.kind} (step ${sent.index + 1})`;
      if (!isNoticed(sent)) {
        if (citedRule(sent) === notice28)
          breaches.push(`${where} was refused citing ${notice28}, which it has nothing to do with`);
        continue;
      }
      const { noticeGivenOn, takesEffectOn } = sent.command;
      const consented = sent.command.kind === 'ChangeTerms' && sent.command.carerConsentedInWriting;
      const short = !consented && daysFrom(noticeGivenOn, takesEffectOn) < law.noticeDays;
      if (citedRule(sent) === notice28 && !short)
        breaches.push(
          `${where} was refused citing ${notice28}, though notice on ${noticeGivenOn} for ${takesEffectOn} is enough`,
        );
      if (short && sent.refusal !== undefined && citedRule(sent) !== notice28 && onlyTheNotice(all, sent))
        breaches.push(
          `${where} had ${daysFrom(noticeGivenOn, takesEffectOn)} days' notice, but its refusal (${sent.refusal._tag}: ${sent.refusal.message}) does not name rule ${notice28}`,
        );
    }
  }
  return breaches;
};

export const noticeBreaches = (run: ScriptRun): string[] => [
  ...storedBreaches(run),
  ...derivedBreaches(run),
  ...refusalBreaches(run),
];
