/**
 * @fostering/notify-email: a `DeliveryChannel` that sends core's notification intents as email over SMTP
 * (nodemailer), with children's names minimised and an `X-Fostering-Id` header to de-duplicate by.
 */
export {
  type EmailChannel,
  type EmailChannelOptions,
  type EmailTimeouts,
  emailChannel,
  idempotencyHeader,
} from './channel.js';
export { decodeIntent, NotificationIntentC, SubjectC, type UndecodablePayload } from './intent.js';
export { initials, type NameLookup, type SubjectNames, shownChildName } from './minimise.js';
export { isPermanentReply, outcomeOfError, outcomeOfPartial, type SmtpFailure } from './outcome.js';
export {
  ChildNames,
  decodeEmailSettings,
  EmailAddress,
  EmailSettings,
  type InvalidSettings,
  Recipients,
  SmtpSettings,
} from './settings.js';
export {
  defaultSubjectPrefix,
  escapeHtml,
  type RenderedEmail,
  type RenderInput,
  renderEmail,
  renderHtml,
  renderSubject,
  renderText,
} from './templates.js';
