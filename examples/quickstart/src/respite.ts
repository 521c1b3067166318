import {
  type Decider,
  type DomainError,
  type EventOf,
  eventRegistry,
  eventType,
  invalidCommand,
  LocalDateC,
  type RuleRef,
  type RuleViolation,
  ruleViolation,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** The agency-policy rule this example enforces (domain.md, rule `respite`). */
export const respiteRule: RuleRef = {
  id: 'respite',
  citation: 'agency policy: respite entitlement by package',
};

const SupportPackage = t.keyof({ enhanced: null, intensive: null });

export const RespiteEntitlementGranted = eventType(
  'RespiteEntitlementGranted',
  t.type({ supportPackage: SupportPackage, daysPerYear: t.number, from: LocalDateC }),
);
export const RespiteTaken = eventType('RespiteTaken', t.type({ from: LocalDateC, days: t.number }));

export const respiteEvents = eventRegistry([RespiteEntitlementGranted, RespiteTaken]);
export type RespiteEvent = EventOf<typeof RespiteEntitlementGranted> | EventOf<typeof RespiteTaken>;

export const RespiteCommand = t.union([
  t.type({ kind: t.literal('GrantEntitlement'), supportPackage: SupportPackage, from: LocalDateC }),
  t.type({ kind: t.literal('TakeRespite'), from: LocalDateC, days: t.number }),
]);
export type RespiteCommand = t.TypeOf<typeof RespiteCommand>;

export interface RespiteState {
  readonly entitlement: number | undefined;
  readonly used: number;
}

/** Days a year by package: policy, so configuration with the source agency's defaults. */
export interface RespitePolicy {
  readonly daysPerYear: Readonly<Record<t.TypeOf<typeof SupportPackage>, number>>;
}
export const defaultRespitePolicy: RespitePolicy = { daysPerYear: { enhanced: 14, intensive: 21 } };

export const respiteDecider = (
  policy: RespitePolicy = defaultRespitePolicy,
): Decider<RespiteCommand, RespiteState, RespiteEvent, RuleViolation | DomainError> => ({
  initialState: { entitlement: undefined, used: 0 },
  evolve: (state, event) => {
    switch (event.type) {
      case 'RespiteEntitlementGranted':
        return { ...state, entitlement: event.data.daysPerYear };
      case 'RespiteTaken':
        return { ...state, used: state.used + event.data.days };
    }
  },
  decide: (command, state) => {
    switch (command.kind) {
      case 'GrantEntitlement':
        return E.right([
          RespiteEntitlementGranted.create({
            supportPackage: command.supportPackage,
            daysPerYear: policy.daysPerYear[command.supportPackage],
            from: command.from,
          }),
        ]);
      case 'TakeRespite': {
        if (!Number.isInteger(command.days) || command.days < 1) {
          return E.left(invalidCommand('days', 'must be a whole number of days, at least 1'));
        }
        if (state.entitlement === undefined) {
          return E.left(
            ruleViolation(respiteRule, 'no respite entitlement has been granted', { field: 'days' }),
          );
        }
        const remaining = state.entitlement - state.used;
        if (command.days > remaining) {
          return E.left(
            ruleViolation(
              respiteRule,
              `${command.days} days asked, ${remaining} of ${state.entitlement} left`,
              {
                field: 'days',
                details: { asked: command.days, remaining, entitlement: state.entitlement },
              },
            ),
          );
        }
        return E.right([RespiteTaken.create({ from: command.from, days: command.days })]);
      }
    }
  },
});
