import {
  type AgencyEvent,
  type AgencyRecords,
  agencyEvents,
  agencyRecords,
  type CommandMetadata,
  comparePositions,
  type EventEnvelope,
  type EventStore,
  project,
  type RecordedEvent,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import type { AgencyHandle, Refusal } from './agency-handle.js';
import { streamsOf } from './agency-handle.js';
import { bindRefs, printStep, type Script, type ScriptStep } from './script.js';

/** What one step got back. A thrown exception is kept (tag `Thrown`), and fails every invariant. */
export interface StepOutcome {
  /** The step as sent: references bound to this run's ids. */
  readonly step: ScriptStep;
  readonly answer: E.Either<Refusal, unknown>;
}

/** A script as it ran on the embedder's handle and store, and the records it left there. */
export interface ScriptRun {
  readonly script: Script;
  /** The id a reference of the script was bound to in this run (`id('h1')`). */
  readonly id: (name: string) => string;
  readonly outcomes: ReadonlyArray<StepOutcome>;
  /** Every event of every stream the run wrote to, decoded, in the store's global order. */
  readonly events: ReadonlyArray<EventEnvelope<AgencyEvent>>;
  /** Those events folded into every area's records, for the compliance projections. */
  readonly records: AgencyRecords;
  /** Breaches of the catalogue's own conditions: a throw, a refusal that changed the store, an unreadable event. */
  readonly defects: ReadonlyArray<string>;
}

export const officer = { id: 'invariant-checker', role: 'fostering-team' } as const;

const metadataOf = (step: ScriptStep): CommandMetadata => ({
  actor: step.by ?? officer,
  // Midday in UTC is the same day in England all year round.
  occurredAt: new Date(`${step.on}T12:00:00.000Z`),
});

let runs = 0;
/** A prefix no other run in this process, nor (by its random part) in another process, uses. */
const freshPrefix = () => `r${(runs++).toString(36)}${Math.random().toString(36).slice(2, 7)}-`;

const thrown = (error: unknown): E.Either<Refusal, unknown> =>
  E.left({ _tag: 'Thrown', message: error instanceof Error ? error.message : String(error) });

const revisions = (store: EventStore, streams: ReadonlyArray<string>) =>
  Promise.all(streams.map(async (s) => JSON.stringify(await store.streamState(s))));

/** Steps sent together: a step and the `concurrent` ones that follow it. */
const groups = (steps: ReadonlyArray<ScriptStep>): ScriptStep[][] => {
  const out: ScriptStep[][] = [];
  for (const step of steps) {
    const last = out.at(-1);
    if (step.concurrent && last !== undefined) last.push(step);
    else out.push([step]);
  }
  return out;
};

/**
 * Sends every step of a script to the handle, in order (racing steps together), then reads back every stream it
 * wrote to. A refusal must leave its streams as they were; for racing steps that is not checked, since another
 * step may have written to the same stream.
 */
export const runScript = async (
  handle: AgencyHandle,
  store: EventStore,
  script: Script,
): Promise<ScriptRun> => {
  const prefix = freshPrefix();
  const outcomes: StepOutcome[] = [];
  const defects: string[] = [];
  const streams = new Set<string>();
  const send = async (step: ScriptStep): Promise<StepOutcome> => {
    try {
      return { step, answer: await handle(step.request, metadataOf(step)) };
    } catch (error) {
      return { step, answer: thrown(error) };
    }
  };
  for (const group of groups(script.steps)) {
    const bound = group.map((step) => bindRefs(step, prefix));
    for (const step of bound) for (const s of streamsOf(step.request)) streams.add(s);
    if (bound.length > 1) {
      outcomes.push(...(await Promise.all(bound.map(send))));
      continue;
    }
    const [step] = bound as [ScriptStep];
    const touched = streamsOf(step.request);
    const before = await revisions(store, touched);
    const outcome = await send(step);
    outcomes.push(outcome);
    if (E.isLeft(outcome.answer) && outcome.answer.left._tag !== 'Thrown') {
      const after = await revisions(store, touched);
      if (after.some((state, i) => state !== before[i])) {
        defects.push(`refused, yet the store changed: ${printStep(step)} (${outcome.answer.left._tag})`);
      }
    }
  }
  for (const outcome of outcomes) {
    if (E.isLeft(outcome.answer) && outcome.answer.left._tag === 'Thrown') {
      defects.push(`threw "${outcome.answer.left.message}": ${printStep(outcome.step)}`);
    }
  }
  const recorded: RecordedEvent[] = [];
  for (const s of streams) for await (const event of store.readStream(s)) recorded.push(event);
  recorded.sort((a, b) => comparePositions(a.globalPosition, b.globalPosition));
  const events: EventEnvelope<AgencyEvent>[] = [];
  for (const event of recorded) {
    const decoded = agencyEvents.decode(event);
    if (E.isLeft(decoded))
      defects.push(`cannot decode ${event.type} at ${event.streamId}@${event.streamRevision}`);
    else events.push(decoded.right);
  }
  return {
    script,
    id: (name) => `${prefix}${name}`,
    outcomes,
    events,
    records: project(agencyRecords)(events),
    defects,
  };
};
