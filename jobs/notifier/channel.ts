import { DomainError } from "../../domain/errors";
import type { DeliveryBatch } from "../../storage/db/schema";
import type { Recipient } from "../../storage/notifications";

// The seam between "someone should hear about this" and how they hear it (decision 080). E-mail
// implements it today (email-channel.ts). Zalo OA, which is what the commune actually reads, is the
// next one: a ZaloChannel with `id = "zalo"` whose `reach` reads the person's Zalo follower id,
// whose `sendNotice` posts a transactional (ZNS) message with the same fields, and whose
// `sendDigest` lists the day's items. Nothing else changes: the notifier makes one delivery row per
// entry and channel, retries with the outbox's backoff, and never sends a row twice.

/** Stored in notification_deliveries.channel. */
export type ChannelId = "email" | (string & {});

/** Everything a channel may say about one event, already in Vietnamese. */
export interface NoticeContent {
  /** The audit action ("SUBMIT", "RETURN" …) or "COMMENT". */
  kind: string;
  /** What is waiting, e.g. "Chờ phê duyệt". */
  headline: string;
  /** "<headline>: <code>", the inbox title and the e-mail subject after the "[Cổ động]" tag. */
  title: string;
  /** One paragraph for the inbox: who did what, the slogan, the reason. */
  summary: string;
  assetId: string;
  code: string;
  slogan: string | null;
  versionN: number | null;
  /** The format's catalogue label, e.g. "Băng rôn 0,8 × 5 m". */
  formatLabel: string;
  /** Who acted: display name and the label of the role they acted in; null when unknown. */
  actor: { name: string; roleLabel: string } | null;
  /** The decision's label, e.g. "Gửi duyệt", or "Góp ý". */
  actionLabel: string;
  /** The asset's state after the event, e.g. "Chờ phê duyệt"; null for a comment. */
  stateLabel: string | null;
  reason: { label: string; text: string } | null;
  /** The decision's comment, or the comment's body. */
  note: string | null;
  /** When it happened, ISO UTC. */
  at: string;
  /** Path inside the app, e.g. "/asset/<id>". */
  linkPath: string;
  /** The same, absolute: `${publicOrigin}${linkPath}`. */
  url: string;
}

/** One line of a daily digest. */
export interface DigestItem {
  title: string;
  summary: string;
  url: string;
  /** ISO UTC. */
  at: string;
}

export interface DigestContent {
  /** The local day the digest is for, YYYY-MM-DD. */
  date: string;
  items: DigestItem[];
}

/** The person as a channel addresses them. */
export interface ChannelRecipient {
  userId: string;
  displayName: string;
  /** The channel's address (an e-mail address; for Zalo, a follower id). */
  address: string;
}

export interface SendReceipt {
  /** The id the message carries (e-mail: the Message-ID header, "<…>"), kept on the delivery row. */
  messageId: string;
}

export interface NotificationChannel {
  readonly id: ChannelId;
  /**
   * Where and how this channel reaches a person, or null when it does not (no address, or they
   * turned it off): then no delivery row is made and they get the inbox entry only.
   */
  reach(person: Recipient): { address: string; batch: DeliveryBatch } | null;
  /**
   * Sends one notice. `key` is stable for the delivery (the same on every retry), so the message
   * can carry an id that lets a resend after a crash be recognised. Resolves once the provider
   * accepted it. Rejects with ChannelError: `retryable` (provider down, timeout, auth) keeps the
   * job retrying; not retryable (this recipient or message refused for good) closes the delivery.
   */
  sendNotice(to: ChannelRecipient, notice: NoticeContent, key: string): Promise<SendReceipt>;
  /** Sends one digest listing `digest.items`; same contract as `sendNotice`. */
  sendDigest(to: ChannelRecipient, digest: DigestContent, key: string): Promise<SendReceipt>;
  /** Releases connections; called when the notifier stops (or after a pass that built it). */
  close(): void;
}

export type ChannelErrorCode = "SEND_FAILED" | "REFUSED" | "CONFIG";

/** A channel's failure. Not shown to users: notices are in the inbox whatever happens here. */
export class ChannelError extends DomainError {
  override readonly fault = true;
  constructor(
    readonly code: ChannelErrorCode,
    readonly retryable: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("Gửi thông báo chưa thành công; hệ thống sẽ tự gửi lại.", message, {}, options);
    this.name = "ChannelError";
  }
}
