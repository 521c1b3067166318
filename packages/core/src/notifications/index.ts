export { deadlineNotifications } from './deadline-notifications.js';
export {
  type BatchResult,
  type DeliveryChannel,
  type DeliveryOutcome,
  type DispatcherConfig,
  defaultRetryPolicy,
  dispatcher,
  type RetryPolicy,
  retryDelay,
} from './dispatcher.js';
export { eventNotifications, notificationDerivation } from './event-notifications.js';
export { findingNotifications } from './finding-notifications.js';
export {
  deadlineKey,
  type NotificationIntent,
  type NotificationKind,
  notificationKey,
  notificationMessages,
  notificationTopic,
} from './intent.js';
export { outboxRelay } from './relay.js';
export { AudienceRole, audiencesFor, defaultAudiences } from './routing.js';
export { type NotificationSchedulerConfig, notificationScheduler, type TickResult } from './scheduler.js';
