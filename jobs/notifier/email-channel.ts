import nodemailer, { type Transporter } from "nodemailer";
import { normalizeEmail } from "../../domain/email";
import type { Recipient } from "../../storage/notifications";
import {
  type ChannelRecipient,
  ChannelError,
  type DigestContent,
  type NoticeContent,
  type NotificationChannel,
  type SendReceipt,
} from "./channel";
import { errorText } from "../worker";
import { NotifierConfigError } from "./context";
import { digestEmail, type EmailMessage, noticeEmail } from "./email-message";
import { DEFAULT_TIME_ZONE } from "./local-time";

// E-mail through SMTP with nodemailer (decision 080). One transport per channel; nodemailer opens a
// connection per message, which is plenty for a commune's few dozen notices a day and leaves no
// idle connection for a server to drop.

export interface EmailChannelOptions {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  smtpUrl: string;
  /** From header, e.g. `"Cổ động" <co-dong@lacphuong.gov.vn>`. Default: "Cổ động" <no-reply@host of publicOrigin>. */
  mailFrom?: string | null;
  /** Used only for the default From address. */
  publicOrigin?: string | null;
  timeZone?: string;
  /** Connection and greeting timeout, ms (default 10 000): a dead server must fail the pass fast. */
  connectTimeoutMs?: number;
  /** Idle socket timeout, ms (default 30 000). */
  socketTimeoutMs?: number;
}

/** The domain part of the From address: Message-IDs are made under the sender's own domain. */
function fromDomain(from: string): string {
  const m = /<([^<>]+)>\s*$/.exec(from);
  let address: string | null;
  try {
    address = normalizeEmail(m ? m[1] : from);
  } catch {
    address = null;
  }
  if (!address) throw new NotifierConfigError(`MAIL_FROM is not an e-mail address: ${JSON.stringify(from)}`);
  return address.slice(address.lastIndexOf("@") + 1);
}

function defaultFrom(publicOrigin: string | null | undefined): string {
  let host = "";
  try {
    host = publicOrigin ? new URL(publicOrigin).hostname : "";
  } catch {
    // Reported below as "no host name".
  }
  if (!host.includes(".")) {
    throw new NotifierConfigError("MAIL_FROM is not set and PUBLIC_ORIGIN has no host name to send from");
  }
  return `"Cổ động" <no-reply@${host}>`;
}

/**
 * A refusal for good is a 5xx answer to the envelope or the message (unknown mailbox, message too
 * large): trying again sends nothing. Everything else (no connection, timeout, 4xx, bad
 * credentials) is the server's or the configuration's, and the job keeps retrying until fixed.
 */
function channelError(err: unknown): ChannelError {
  const e = err as { code?: unknown; responseCode?: unknown } | null;
  const refused =
    typeof e?.responseCode === "number" &&
    e.responseCode >= 500 &&
    (e.code === "EENVELOPE" || e.code === "EMESSAGE");
  return new ChannelError(refused ? "REFUSED" : "SEND_FAILED", !refused, errorText(err), { cause: err });
}

const safeKey = (key: string) => key.replace(/[^A-Za-z0-9._-]/g, "-");

export class EmailChannel implements NotificationChannel {
  readonly id = "email";
  readonly from: string;
  private readonly domain: string;
  private readonly timeZone: string;
  private readonly transport: Transporter;

  /** Throws NotifierConfigError for a URL that is not smtp:/smtps: or a From that is no address. */
  constructor(options: EmailChannelOptions) {
    let url: URL;
    try {
      url = new URL(options.smtpUrl);
    } catch {
      throw new NotifierConfigError("SMTP_URL is not a URL");
    }
    if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
      throw new NotifierConfigError(`SMTP_URL must start with smtp:// or smtps://, got ${url.protocol}//`);
    }
    this.from = options.mailFrom?.trim() || defaultFrom(options.publicOrigin);
    this.domain = fromDomain(this.from);
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.transport = nodemailer.createTransport({
      url: options.smtpUrl,
      connectionTimeout: options.connectTimeoutMs ?? 10_000,
      greetingTimeout: options.connectTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
    });
  }

  reach(person: Recipient): { address: string; batch: "instant" | "digest" } | null {
    if (!person.email || person.emailNotify === "off") return null;
    return { address: person.email, batch: person.emailNotify === "digest" ? "digest" : "instant" };
  }

  /** The Message-ID for a delivery key: the same key always gives the same id. */
  messageIdFor(key: string): string {
    return `<${safeKey(key)}@${this.domain}>`;
  }

  sendNotice(to: ChannelRecipient, notice: NoticeContent, key: string): Promise<SendReceipt> {
    return this.send(to, noticeEmail(to.displayName, notice, this.timeZone), key);
  }

  sendDigest(to: ChannelRecipient, digest: DigestContent, key: string): Promise<SendReceipt> {
    return this.send(to, digestEmail(to.displayName, digest, this.timeZone), key);
  }

  private async send(to: ChannelRecipient, mail: EmailMessage, key: string): Promise<SendReceipt> {
    const messageId = this.messageIdFor(key);
    try {
      await this.transport.sendMail({
        from: this.from,
        to: { name: to.displayName, address: to.address },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
      });
    } catch (err) {
      throw channelError(err);
    }
    return { messageId };
  }

  close(): void {
    this.transport.close();
  }
}
