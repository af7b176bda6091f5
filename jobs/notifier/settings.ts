import type { NotificationChannel } from "./channel";
import { NotifierConfigError, type NotifierLog } from "./context";
import { EmailChannel } from "./email-channel";
import { DEFAULT_DIGEST_TIME, DEFAULT_TIME_ZONE, nextDigestAt } from "./local-time";

// The notifier's settings come from its caller (the app reads SMTP_URL, MAIL_FROM, PUBLIC_ORIGIN
// in config/), never from process.env here: one place validates the environment.

export interface NotifierSettings {
  /** `smtp://user:pass@host:587` or `smtps://…`; unset or "" → e-mail off, in-app inbox only. */
  smtpUrl?: string | null;
  /** The From header, e.g. `"Cổ động" <co-dong@lacphuong.gov.vn>`; default no-reply@<public host>. */
  mailFrom?: string | null;
  /** `https://host[:port]`: links in messages are `${publicOrigin}/asset/<id>`. Needed when e-mail is on. */
  publicOrigin?: string | null;
  /** Local time of the daily digest, "HH:MM" (default "07:00"). */
  digestTime?: string;
  /** IANA zone for the digest time and the times in messages (default "Asia/Ho_Chi_Minh"). */
  timeZone?: string;
}

/** The origin without path or trailing slash; "" when unset. Throws NotifierConfigError when malformed. */
export function normalizeOrigin(origin: string | null | undefined): string {
  const raw = origin?.trim();
  if (!raw) return "";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NotifierConfigError(`PUBLIC_ORIGIN is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new NotifierConfigError(`PUBLIC_ORIGIN must be http(s), got ${url.protocol}`);
  }
  return url.origin;
}

export interface ResolvedSettings {
  publicOrigin: string;
  digestTime: string;
  timeZone: string;
}

/** Checks the settings that do not depend on SMTP. Throws NotifierConfigError. */
export function resolveSettings(s: NotifierSettings): ResolvedSettings {
  const r = {
    publicOrigin: normalizeOrigin(s.publicOrigin),
    digestTime: s.digestTime?.trim() || DEFAULT_DIGEST_TIME,
    timeZone: s.timeZone?.trim() || DEFAULT_TIME_ZONE,
  };
  nextDigestAt(new Date(), r.digestTime, r.timeZone);
  return r;
}

/**
 * The channels the settings turn on: e-mail when `smtpUrl` is set, else none (and a log line
 * saying e-mail is off). Throws NotifierConfigError for a malformed URL, From or origin.
 */
export function channelsFrom(s: NotifierSettings, log: NotifierLog): NotificationChannel[] {
  const r = resolveSettings(s);
  const smtpUrl = s.smtpUrl?.trim();
  if (!smtpUrl) {
    log("info", "e-mail is off (SMTP_URL is not set): notices go to the in-app inbox only");
    return [];
  }
  if (!r.publicOrigin)
    throw new NotifierConfigError("SMTP_URL is set but PUBLIC_ORIGIN is not: e-mails need links");
  const email = new EmailChannel({
    smtpUrl,
    mailFrom: s.mailFrom,
    publicOrigin: r.publicOrigin,
    timeZone: r.timeZone,
  });
  const url = new URL(smtpUrl);
  log(
    "info",
    `e-mail is on: ${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ""} from ${email.from}; ` +
      `digest at ${r.digestTime} ${r.timeZone}`,
  );
  return [email];
}
