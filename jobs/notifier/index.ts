// The notifier: the outbox worker that turns `notify` / `notify_comment` jobs into in-app inbox
// entries and e-mails, and sends the daily digest. A job above workflows/. Decision 080.

export {
  type ChannelErrorCode,
  type ChannelId,
  type ChannelRecipient,
  ChannelError,
  type DigestContent,
  type DigestItem,
  type NoticeContent,
  type NotificationChannel,
  type SendReceipt,
} from "./channel";
export { NotifierConfigError, type NotifierLog } from "./context";
export { EmailChannel, type EmailChannelOptions } from "./email-channel";
export { digestEmail, noticeEmail, SUBJECT_TAG } from "./email-message";
export { DEFAULT_DIGEST_TIME, DEFAULT_TIME_ZONE, nextDigestAt } from "./local-time";
export { DEFAULT_NOTIFIER_INTERVAL_MS, type StartNotifierOptions, startNotifier, stopNotifier } from "./loop";
export {
  DEFAULT_NOTIFIER_LEASE_MS,
  type NotifierOptions,
  type NotifierRunResult,
  runNotifierOnce,
} from "./run";
export { channelsFrom, type NotifierSettings } from "./settings";
export { assetPath } from "./wording";
