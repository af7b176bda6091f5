import { settings } from "../../config/env.server";
import { startNotifier } from "../../jobs/notifier";
import { appDb } from "./stores.server";

/**
 * The background loop that turns decisions, comments and reminders into inbox entries and e-mails
 * (decision 080), every NOTIFIER_INTERVAL_MS; e-mail only when SMTP_URL is set (the log says which).
 * Idempotent per process; NOTIFIER=0 turns it off (e.g. when a separate worker runs it). Throws
 * ConfigError (CONFIG_INVALID) for bad settings, NotifierConfigError for a From it cannot use.
 */
export function startNotifierOnce(): void {
  const s = settings();
  if (!s.notifier.enabled) return;
  startNotifier({
    db: appDb,
    intervalMs: s.notifier.intervalMs,
    smtpUrl: s.notifier.smtpUrl,
    mailFrom: s.notifier.mailFrom,
    digestTime: s.notifier.digestTime,
    publicOrigin: s.publicOrigin ?? s.fileOrigin,
  });
}
