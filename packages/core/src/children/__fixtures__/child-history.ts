import { type LocalDate, unsafeLocalDate } from '../../calendar/index.js';
import type { ChildEvent } from '../events/index.js';
import * as ev from '../events/index.js';

/**
 * Typical histories of one looked-after child, for given/when/then specifications of `childDecider` and for
 * compliance tests. Dates are literal so that every expected event can be read off the page.
 */

export const d = unsafeLocalDate;

export const childId = 'child-riley';
export const otherChildId = 'child-jordan';
export const householdId = 'household-morgan';
export const placementId = 'placement-1';

export const registration = {
  childId,
  name: 'Riley Jones',
  dateOfBirth: d('2015-03-14'),
  legalStatus: 'interim-care-order' as const,
  placingAuthority: 'Leeds City Council',
  registeredOn: d('2025-01-06'),
};

export const childRegistered = () => ev.ChildRegistered.create(registration);

/** Registered as looked after, and nothing else. */
export const aRegisteredChild = (): ChildEvent[] => [childRegistered()];

export const childPlaced = (
  options: { startedOn?: LocalDate; longTerm?: boolean; placementId?: string } = {},
) =>
  ev.ChildPlaced.create({
    placementId: options.placementId ?? placementId,
    householdId,
    startedOn: options.startedOn ?? d('2025-01-13'),
    placementType: options.longTerm === true ? 'long-term' : 'short-term',
    longTerm: options.longTerm ?? false,
  });

/** Registered, then placed with the Morgans (by the placement process). */
export const aPlacedChild = (options: { startedOn?: LocalDate; longTerm?: boolean } = {}): ChildEvent[] => [
  ...aRegisteredChild(),
  childPlaced(options),
];

export const nutAllergy = {
  needId: 'nut-allergy',
  kind: 'allergy' as const,
  description: 'Severe peanut allergy; carries an adrenaline pen',
  recordedOn: d('2025-01-06'),
};

export const asthma = {
  needId: 'asthma',
  kind: 'medical' as const,
  description: 'Asthma; blue inhaler as needed',
  recordedOn: d('2025-01-20'),
};

export const riskAssessment = {
  assessmentId: 'risk-1',
  assessedOn: d('2025-01-15'),
  areas: ['going-missing' as const],
  facts: 'Missing overnight twice in December 2024, found at a friend’s house both times.',
  analysis: 'Likely to go missing again when contact with mother is cancelled.',
};
