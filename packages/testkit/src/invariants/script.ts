import type { Actor, LocalDate } from '@fostering/core';
import fc from 'fast-check';
import type { AgencyRequest } from './agency-handle.js';

/**
 * A generated agency history as the catalogue sends it: dated requests, in order. Ids in a script are
 * references (`ref('h1')`, written `~h1`): each run binds them to fresh ids of its own, so that many runs can
 * share one store (an embedder's database) without meeting each other's records.
 */
export interface ScriptStep {
  /** The day it happened; the command's own dates are usually this day too. */
  readonly on: LocalDate;
  readonly request: AgencyRequest;
  /** Who sends it; the catalogue's officer when absent. */
  readonly by?: Actor;
  /** Sent at the same moment as the step before it, by another actor: the two race. */
  readonly concurrent?: true;
}

export interface Script {
  readonly steps: ReadonlyArray<ScriptStep>;
  /** The day the records are judged on, for alert rules: on or after the last step. */
  readonly asOf: LocalDate;
}

const marker = '~';

/** A reference to a record of the script, bound to a fresh id on each run. */
export const ref = (name: string): string => `${marker}${name}`;

/**
 * A reference at the start of a string, or after a colon inside one: composite keys such as a safe-care plan's
 * `health:~c1:n1` name records too.
 */
const embedded = /(^|:)~/g;

/** Replaces every reference in a value (at any depth) by `prefix` + its name. */
export const bindRefs = <T>(value: T, prefix: string): T => {
  if (typeof value === 'string') return value.replace(embedded, `$1${prefix}`) as T;
  if (Array.isArray(value)) return value.map((item) => bindRefs(item, prefix)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bindRefs(v, prefix)])) as T;
  }
  return value;
};

const shown = (value: unknown): string => {
  if (typeof value === 'string') return value.replace(embedded, '$1');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return `[${value.map(shown).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${shown(v)}`)
    .join(', ')}}`;
};

const longest = 160;

/** One step as a line: `2025-03-03  placements p1  StartPlacement childId: c1, householdId: h1, …`. */
export const printStep = (step: ScriptStep): string => {
  const { kind, ...fields } = step.request.command as { kind: string } & Record<string, unknown>;
  const own = `${step.request.area.replace(/s$/, '')}Id`;
  const details = Object.entries(fields)
    .filter(([key, value]) => !(key === own && value === step.request.id))
    .map(([key, value]) => `${key}: ${shown(value)}`)
    .join(', ');
  const line = `${step.on}  ${step.concurrent ? '‖ ' : ''}${step.request.area} ${shown(step.request.id)}  ${kind} ${details}`;
  return line.length > longest ? `${line.slice(0, longest - 1)}…` : line;
};

/** The whole history, one dated command per line, then the day it was judged on. */
export const printScript = (script: Script): string =>
  [
    ...script.steps.map((step, i) => `${String(i + 1).padStart(3)}. ${printStep(step)}`),
    `     judged on ${script.asOf}`,
  ].join('\n');

/**
 * Makes a script that fast-check prints as its dated commands (in counterexamples), not as a raw object.
 * Every generator of the catalogue ends with it.
 */
export const script = (steps: ReadonlyArray<ScriptStep>, asOf?: LocalDate): Script => {
  const last = steps.reduce<LocalDate | undefined>(
    (max, s) => (max === undefined || s.on > max ? s.on : max),
    undefined,
  );
  const value: Script = { steps, asOf: asOf ?? last ?? ('2025-01-01' as LocalDate) };
  Object.defineProperty(value, fc.toStringMethod, {
    value: () => `\n${printScript(value)}`,
    enumerable: false,
  });
  return value;
};

const byDay = (a: ScriptStep, b: ScriptStep) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

/**
 * Several histories as one agency's: each one's references renamed apart (`h1` of the second becomes `s2.h1`),
 * steps merged in date order (each history's own order kept), judged on the latest of their days.
 */
export const mergeScripts = (...scripts: ReadonlyArray<Script>): Script => {
  const renamed = scripts.flatMap((s, i) => s.steps.map((step) => bindRefs(step, `${marker}s${i + 1}.`)));
  // ISO dates sort as strings.
  const asOf = scripts
    .map((s) => s.asOf)
    .sort()
    .at(-1);
  // A racing step must stay right behind the step it races with; sorting by day keeps that, being stable, unless
  // another history has a step that day, in which case the race is with that step instead: still a race.
  return script([...renamed].sort(byDay), asOf);
};
