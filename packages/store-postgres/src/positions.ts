/** The advisory lock that serialises position allocation (see docs/adapters/postgres.md). */
export const POSITION_LOCK = 7_468_001;

/** The NOTIFY channel appends announce themselves on, waking subscribers in every process. */
export const APPENDED_CHANNEL = 'fostering_events_appended';
