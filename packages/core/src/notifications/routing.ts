import * as t from 'io-ts';

/** Who a notification is for: roles, which each agency maps to people or mailboxes in its delivery settings. */
export const AudienceRole = t.keyof({
  'supervising-social-worker': null,
  clinician: null,
  'registered-manager': null,
});
export type AudienceRole = t.TypeOf<typeof AudienceRole>;

const ssw = 'supervising-social-worker' as const;
const manager = 'registered-manager' as const;
const clinician = 'clinician' as const;

/**
 * Default audiences by rule id (every rule of the catalogue, so that a misspelt rule in an agency's settings is
 * refused as an unknown setting rather than silently ignored): the worker who can act, and the registered
 * manager where the rule is the agency's to answer for at inspection.
 */
export const defaultAudiences: Readonly<Record<string, ReadonlyArray<AudienceRole>>> = {
  limit: [ssw, manager],
  terms: [ssw, manager],
  'approval-before-placement': [ssw, manager],
  referees: [manager],
  'panel-timing': [manager],
  'adm-decision': [manager],
  'notice-28': [manager],
  'annual-review': [ssw, manager],
  'temporary-approval': [ssw, manager],
  'placement-plan': [ssw],
  'child-visits': [ssw],
  'lac-reviews': [ssw],
  'short-breaks': [ssw],
  'staying-put': [ssw],
  ssw: [ssw, manager],
  'home-check': [ssw],
  bedroom: [ssw],
  tsds: [ssw],
  training: [ssw],
  'risk-complete': [ssw, manager],
  'staff-supervision': [manager],
  retention: [manager],
  register: [manager],
  records: [manager],
  'clinic-cadence': [clinician],
  'care-plan-review': [clinician],
  respite: [ssw],
};

/** The audiences for a rule under an agency's routing. */
export const audiencesFor = (
  routing: { readonly audiences: Readonly<Record<string, ReadonlyArray<AudienceRole>>> },
  ruleId: string,
): ReadonlyArray<AudienceRole> => routing.audiences[ruleId] ?? [manager];
