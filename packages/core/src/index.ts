/**
 * @fostering/core: the event-sourcing kernel (domain-agnostic, in `eventsourcing/`), the working-day calendar
 * (`calendar/`), the rules catalogue, agency policy, and the domain areas built on them.
 */
export * from './approvals/index.js';
export * from './calendar/index.js';
export * from './children/index.js';
export * from './clinics/index.js';
export * from './compliance/index.js';
export * from './eventsourcing/index.js';
export * from './notifications/index.js';
export * from './placements/index.js';
export * from './policy/index.js';
export * from './privacy/index.js';
export * from './replay/index.js';
export * from './reviews/index.js';
export * from './rules/index.js';
export * from './supervision/index.js';
