/** The catalogue's history generators, for embedders' own properties: each yields `Script`s (see script.ts). */
export { agencyHistories } from './agency.js';
export { assessmentHistories } from './approvals-assessment.js';
export { endingHistories } from './approvals-endings.js';
export { temporaryHistories } from './approvals-temporary.js';
export { type ChildFocus, childrenLives } from './children-lives.js';
export { riskHistories } from './children-risk.js';
export { clinicHistories } from './clinics-series.js';
export { approvalHistories } from './placements-approval.js';
export { breaksHistories } from './placements-breaks.js';
export { occupancyHistories } from './placements-occupancy.js';
export { registerHistories } from './placements-register.js';
export { youngPeopleHistories } from './placements-young-people.js';
export { smallAgencyHistories } from './small-agency.js';
export { supervisionHouseholdHistories } from './supervision-households.js';
export { supervisionStaffHistories } from './supervision-staff.js';
