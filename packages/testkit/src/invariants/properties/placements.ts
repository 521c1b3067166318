import { rules } from '@fostering/core';
import { approvalHistories } from '../histories/placements-approval.js';
import { breaksHistories } from '../histories/placements-breaks.js';
import { occupancyHistories } from '../histories/placements-occupancy.js';
import { registerHistories } from '../histories/placements-register.js';
import { youngPeopleHistories } from '../histories/placements-young-people.js';
import { approvalBreaches } from '../oracles/placements-approval.js';
import { respiteBreaches, shortBreakBreaches } from '../oracles/placements-breaks.js';
import { placementFacts } from '../oracles/placements-facts.js';
import { limitBreaches } from '../oracles/placements-limit.js';
import { registerBreaches } from '../oracles/placements-register.js';
import { termsBreaches } from '../oracles/placements-terms.js';
import { bedroomBreaches, stayingPutBreaches } from '../oracles/placements-young-people.js';
import type { InvariantProperty } from '../property.js';

/**
 * The catalogue's properties of the placements rules, by rule id. Each judges what a history left in the store
 * (read back from its events by `placementFacts`, not through the core's projections), and each refusal that
 * names its rule where what was on record at the time can be told; `terms` and `staying-put` also compare the
 * compliance projection's findings with their own oracle on the judging day.
 */
export const placementsProperties: Readonly<Record<string, InvariantProperty>> = {
  [rules.limit.id]: {
    claim:
      'no household ever has more than 3 fostered children on one day unless, when the last of them was placed, all were recorded as siblings or an exemption in its terms in force on the day they came together named every one; no child is ever in two placements at once, racing starts included; a start refused naming the rule would have broken it',
    histories: () => occupancyHistories('limit'),
    check: (run) => limitBreaches(run, placementFacts(run)),
  },
  [rules.terms.id]: {
    claim:
      'every fostered placement fits the terms in force on its start date as then recorded (type, age, support package, number of children), or was sent as an emergency and is marked outside them until its 6th working day; on the judging day the projection reports exactly the emergencies neither ended nor covered by a change of terms by that day; a start refused naming the rule was outside the terms and not an emergency',
    histories: () => occupancyHistories('terms'),
    check: (run, policy) => termsBreaches(run, placementFacts(run), policy),
  },
  [rules.approvalBeforePlacement.id]: {
    claim:
      'every placement starts on a day its household holds an approval (full, or temporary and unexpired; not ended by resignation, termination or refusal) with written terms in force and a foster care agreement signed by then, all recorded before the placement; a start refused naming the rule lacked one of them',
    histories: approvalHistories,
    check: (run) => approvalBreaches(run, placementFacts(run)),
  },
  [rules.stayingPut.id]: {
    claim:
      'a young person of 18 or over is only ever placed to stay put, starting before their 21st birthday with the household they lived with on the eve of their 18th; on the judging day the projection reports exactly the arrangements not ended before the 21st birthday; a start refused naming the rule broke one of these',
    histories: youngPeopleHistories,
    check: (run, policy) => stayingPutBreaches(run, placementFacts(run), policy),
  },
  [rules.bedroom.id]: {
    claim:
      'every placed child aged 3 or more who shares a bedroom has a sharing agreement and an assessment dated on or before the start; a start refused naming the rule lacked one of them',
    histories: youngPeopleHistories,
    check: (run) => bedroomBreaches(run, placementFacts(run)),
  },
  [rules.register.id]: {
    claim:
      "every stored placement has every register field filled in (date, the household's applicants as carers' names, carers' address, child's address before, placing authority, legal basis; once ended, end date and address after), and a start or ending sent without one is refused naming the field",
    histories: registerHistories,
    check: (run) => registerBreaches(run, placementFacts(run)),
  },
  [rules.shortBreaks.id]: {
    claim:
      'no child ever has more than 75 days of short-break stays in any 12 months, across all their placements; a stay refused naming the rule would have made more',
    histories: (policy) => breaksHistories(policy),
    check: (run) => shortBreakBreaches(run, placementFacts(run)),
  },
  [rules.respite.id]: {
    claim:
      "a respite break that takes a placement year (from the start date) past the support package's entitlement in policy always carries an authorisation; a break refused naming the rule was unauthorised and would have done so",
    histories: (policy) => breaksHistories(policy),
    check: (run, policy) => respiteBreaches(run, placementFacts(run), policy),
  },
};
