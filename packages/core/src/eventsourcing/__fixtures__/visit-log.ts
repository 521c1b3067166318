import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Decider } from '../decider.js';
import { type RuleRef, type RuleViolation, ruleViolation } from '../errors.js';
import { eventRegistry } from '../event-registry.js';
import { type EventOf, eventType } from '../event-type.js';

/** A small test domain: visits to a household are booked, then held or cancelled, never both. */
export const visitRule: RuleRef = { id: 'test-visit', citation: 'kernel test fixture' };

export const VisitBooked = eventType('VisitBooked', t.type({ visitId: t.string, on: t.string }));
export const VisitHeld = eventType('VisitHeld', t.type({ visitId: t.string }));
export const VisitCancelled = eventType('VisitCancelled', t.type({ visitId: t.string, reason: t.string }));
export const visitEvents = eventRegistry([VisitBooked, VisitHeld, VisitCancelled]);
export type VisitEvent =
  | EventOf<typeof VisitBooked>
  | EventOf<typeof VisitHeld>
  | EventOf<typeof VisitCancelled>;

export const VisitCommand = t.union([
  t.type({ kind: t.literal('Book'), visitId: t.string, on: t.string }),
  t.type({ kind: t.literal('Hold'), visitId: t.string }),
  t.type({ kind: t.literal('Cancel'), visitId: t.string, reason: t.string }),
]);
export type VisitCommand = t.TypeOf<typeof VisitCommand>;

export type VisitStatus = 'booked' | 'held' | 'cancelled';
export interface VisitLog {
  readonly visits: Readonly<Record<string, VisitStatus>>;
  readonly held: number;
}

const refuse = (message: string): E.Either<RuleViolation, never> =>
  E.left(ruleViolation(visitRule, message, { field: 'visitId' }));

export const visitDecider: Decider<VisitCommand, VisitLog, VisitEvent, RuleViolation> = {
  initialState: { visits: {}, held: 0 },
  evolve: (state, event) => {
    switch (event.type) {
      case 'VisitBooked':
        return { ...state, visits: { ...state.visits, [event.data.visitId]: 'booked' } };
      case 'VisitHeld':
        return { visits: { ...state.visits, [event.data.visitId]: 'held' }, held: state.held + 1 };
      case 'VisitCancelled':
        return { ...state, visits: { ...state.visits, [event.data.visitId]: 'cancelled' } };
    }
  },
  decide: (command, state) => {
    const status = state.visits[command.visitId];
    switch (command.kind) {
      case 'Book':
        return status === undefined
          ? E.right([VisitBooked.create({ visitId: command.visitId, on: command.on })])
          : refuse(`visit ${command.visitId} is already booked`);
      case 'Hold':
        if (status === 'held') return E.right([]);
        return status === 'booked'
          ? E.right([VisitHeld.create({ visitId: command.visitId })])
          : refuse(`visit ${command.visitId} is ${status ?? 'not booked'}`);
      case 'Cancel':
        return status === 'booked'
          ? E.right([VisitCancelled.create({ visitId: command.visitId, reason: command.reason })])
          : refuse(`visit ${command.visitId} is ${status ?? 'not booked'}`);
    }
  },
};

export const actor = { id: 'ssw-1', role: 'supervising-social-worker' };
