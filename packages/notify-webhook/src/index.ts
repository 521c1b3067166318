/**
 * @fostering/notify-webhook: a `DeliveryChannel` that POSTs notifications as signed JSON, and `verifyWebhook`
 * for receivers.
 */
export {
  type WebhookBody,
  type WebhookChannelOptions,
  webhookChannel,
  webhookChannelName,
} from './channel.js';
export {
  decodeWebhookSettings,
  defaultTimeoutMs,
  type InvalidSettings,
  maximumTimeoutMs,
  minimumSecretBytes,
  type WebhookSettings,
} from './settings.js';
export {
  defaultToleranceSeconds,
  type ReceivedHeaders,
  signatureHeaderValue,
  signatureScheme,
  type VerificationFailure,
  type VerificationFailureReason,
  type VerifiedWebhook,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookSecret,
  webhookHeaders,
} from './signature.js';
