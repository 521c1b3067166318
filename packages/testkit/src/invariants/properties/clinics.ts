import { type AgencyPolicy, type LocalDate, rules } from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { clinicHistories } from '../histories/clinics-series.js';
import { compareFindings, describeSubject, namer, projectedFindings } from '../oracles/children-findings.js';
import {
  clinicCadenceOracle,
  clinicGapsOn,
  expectedMinutes,
  readClinicFacts,
  type SeriesFacts,
  supportedOn,
} from '../oracles/clinics-cadence.js';
import type { InvariantProperty } from '../property.js';
import type { ScriptRun } from '../run-script.js';

const ruleId = rules.clinicCadence.id;

/**
 * The projection reports every gap of a series as one finding (same rule, code and subject): what it says
 * must be a gap the records show, dates and all.
 */
const gapsNamed = (run: ScriptRun, policy: AgencyPolicy, series: ReadonlyArray<SeriesFacts>): string[] => {
  const name = namer(run);
  const { asOf } = run.script;
  return projectedFindings(run, policy, ruleId)
    .filter((f) => f.code === 'clinic-gap')
    .flatMap((f) => {
      const gaps = series
        .filter((s) => s.seriesId === f.subject.seriesId)
        .flatMap((s) => clinicGapsOn(s, asOf, policy));
      return gaps.some((g) => f.message.includes(`from ${g.from} to ${g.to}`))
        ? []
        : [
            `${describeSubject(f.subject, name)}: on ${asOf} the projection reports "${f.message}", which is no gap of the series`,
          ];
    });
};

/**
 * Lengths: every clinic stored lasts the policy's minutes for the young people supported that day; and a hold
 * of another length (the histories send those only for a new session of an open series, naming young people
 * it supports, so the length is the one thing wrong) is refused naming the rule.
 */
const lengths = (run: ScriptRun, policy: AgencyPolicy, series: ReadonlyArray<SeriesFacts>): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  const minutesOn = (s: SeriesFacts, on: LocalDate) => expectedMinutes(policy, supportedOn(s, on).length);
  for (const s of series) {
    for (const session of s.sessions.values()) {
      if (session.held === undefined) continue;
      const expected = minutesOn(s, session.held.heldOn);
      if (session.held.minutes !== expected) {
        breaches.push(
          `series ${name(s.seriesId)}: session ${session.sessionId} held on ${session.held.heldOn} is recorded as ${session.held.minutes} minutes, but ${supportedOn(s, session.held.heldOn).length} young people were supported then (${expected} minutes)`,
        );
      }
    }
  }
  for (const { step, answer } of run.outcomes) {
    const { command } = step.request;
    if (command.kind !== 'HoldSession' || E.isRight(answer)) continue;
    const s = series.find((x) => x.seriesId === step.request.id);
    if (s === undefined || command.minutes === minutesOn(s, command.heldOn)) continue;
    if (answer.left.rule?.id !== ruleId) {
      breaches.push(
        `series ${name(s.seriesId)}: a ${command.minutes}-minute clinic on ${command.heldOn} was refused as ${answer.left._tag}${
          answer.left.rule === undefined ? '' : ` under ${answer.left.rule.id}`
        }, not under ${ruleId}`,
      );
    }
  }
  return breaches;
};

/** The catalogue's properties of the clinics rules, by rule id. */
export const clinicsProperties: Readonly<Record<string, InvariantProperty>> = {
  [ruleId]: {
    claim:
      'on the day judged, each clinic series is reported exactly for a stretch without a clinic longer than cadence plus grace (naming its dates), for each planned session whose day passed with nothing recorded (its date named), and for each session whose notes were written after, or are still missing after, the policy days (the due date named); every clinic stored lasts the policy minutes for the young people supported that day (60, or 90 with two), and any other length is refused under the rule',
    histories: clinicHistories,
    check: (run, policy) => {
      const series = readClinicFacts(run.events);
      return [
        ...compareFindings(
          run,
          clinicCadenceOracle(series, run.script.asOf, policy),
          projectedFindings(run, policy, ruleId),
        ),
        ...gapsNamed(run, policy, series),
        ...lengths(run, policy, series),
      ];
    },
  },
};
