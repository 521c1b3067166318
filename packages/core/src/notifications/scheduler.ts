import * as E from 'fp-ts/lib/Either.js';
import { localDateOf, type WorkingDayCalendar } from '../calendar/index.js';
import { complianceContext } from '../compliance/context.js';
import type { EventStore, Outbox, ReadError, StoreUnavailable } from '../eventsourcing/index.js';
import { type AgencyPolicy, defaultAgencyPolicy } from '../policy/index.js';
import { projectionAtOverAll } from '../replay/as-of.js';
import { agencyRecords } from '../reviews/agency-records.js';
import { agencyFindings } from '../reviews/compliance-report.js';
import { deadlineNotifications } from './deadline-notifications.js';
import { findingNotifications } from './finding-notifications.js';
import { notificationMessages } from './intent.js';

export interface NotificationSchedulerConfig {
  readonly store: EventStore;
  readonly outbox: Outbox;
  readonly policy?: AgencyPolicy;
  readonly calendar?: WorkingDayCalendar;
}

export interface TickResult {
  /** Notifications the agency's deadlines call for today. */
  readonly raised: number;
  /** Outbox messages new this tick: raised before (by this or any earlier run) means not added again. */
  readonly added: number;
}

/**
 * Raises deadline notifications into the outbox. `tick(now)` judges every deadline of the agency on `now`'s
 * date and adds a message per notification and channel; the outbox keeps one message per key, so each is raised
 * exactly once however many ticks, processes or restarts see it. Run it daily, or more often.
 */
export const notificationScheduler = (config: NotificationSchedulerConfig) => {
  const policy = config.policy ?? defaultAgencyPolicy;
  const tick = async (now: Date): Promise<E.Either<ReadError | StoreUnavailable, TickResult>> => {
    const today = localDateOf(now);
    const records = await projectionAtOverAll(config.store, agencyRecords, {});
    if (E.isLeft(records)) return records;
    const context = complianceContext(today, {
      policy,
      ...(config.calendar === undefined ? {} : { calendar: config.calendar }),
    });
    const judged = agencyFindings(records.right.state, context);
    const intents = [
      ...deadlineNotifications(judged.deadlines, today, policy.notifications),
      ...findingNotifications(judged.findings, today, policy.notifications),
    ];
    const added = await config.outbox.add(
      intents.flatMap((intent) => notificationMessages(intent, policy.notifications.channels)),
      now,
    );
    return E.map((ids: ReadonlyArray<string>) => ({ raised: intents.length, added: ids.length }))(added);
  };
  return { tick };
};
