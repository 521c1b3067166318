/**
 * @fostering/core: the event-sourcing kernel (domain-agnostic, in `eventsourcing/`) and the working-day
 * calendar (`calendar/`). Domain areas build on both.
 */
export * from './calendar/index.js';
export * from './eventsourcing/index.js';
