import {
  AUDIT_FAILURE_LABELS_VI,
  type AuditFailureCode,
  describeAuditRow,
  verifyAuditChain,
} from "../../storage/audit";
import type { DbHandle } from "../../storage/db";
import { settings } from "../../config/env.server";
import { appDb } from "./stores.server";

// The audit chain is checked when the server starts and every hour after (decision 061): a
// break is logged as one clear line each time it is seen, and the last result is what the admin
// page shows. The check reads the whole log (one HMAC per row), well under a second for the
// commune's volume, so it runs in the server process.

export const AUDIT_CHECK_INTERVAL_MS = 60 * 60 * 1000;

export type AuditCheckStatus =
  | { ok: true; count: number; checkedAt: string }
  | {
      ok: false;
      checkedAt: string;
      /** First row the chain cannot vouch for; null when no row can be named (e.g. no key). */
      firstBadId: number | null;
      code: AuditFailureCode | "error";
      reason: string;
      /** Vietnamese explanation for the admin page. */
      reasonVi: string;
      action: string | null;
      actionLabel: string | null;
      assetCode: string | null;
    };

type Log = (level: "info" | "error", message: string) => void;

const consoleLog: Log = (level, message) =>
  level === "error" ? console.error(`[audit-check] ${message}`) : console.info(`[audit-check] ${message}`);

interface Holder {
  timer: ReturnType<typeof setInterval> | null;
  last: AuditCheckStatus | null;
}

const GLOBAL_KEY = "__coDongAuditCheck";
const holder = (): Holder => {
  const g = globalThis as typeof globalThis & { [GLOBAL_KEY]?: Holder };
  g[GLOBAL_KEY] ??= { timer: null, last: null };
  return g[GLOBAL_KEY];
};

/** One line an operator can act on: which row, what it records, why. */
export function describeAuditFailure(s: Exclude<AuditCheckStatus, { ok: true }>): string {
  const row =
    s.firstBadId == null
      ? "no row named"
      : `row #${s.firstBadId}${s.action ? ` (${s.action}${s.assetCode ? `, ${s.assetCode}` : ""})` : ""}`;
  return `AUDIT CHAIN BROKEN at ${row}: ${s.reason}`;
}

/**
 * Runs the check now on `handle` (default the app's database) with the configured AUDIT_KEY, else
 * the key file; remembers the result for the admin page and logs a break. Never throws: an
 * unreadable database or bad settings come back as `{ ok: false, code: "error" }`.
 */
export function checkAuditChain(handle?: DbHandle, log: Log = consoleLog): AuditCheckStatus {
  const checkedAt = new Date().toISOString();
  let status: AuditCheckStatus;
  try {
    const h = handle ?? appDb();
    const r = verifyAuditChain(h, { env: { AUDIT_KEY: settings().auditKey } });
    if (r.ok) status = { ok: true, count: r.count, checkedAt };
    else {
      const row = describeAuditRow(h, r.firstBadId);
      status = {
        ok: false,
        checkedAt,
        firstBadId: r.firstBadId,
        code: r.code,
        reason: r.reason,
        reasonVi: AUDIT_FAILURE_LABELS_VI[r.code],
        action: row?.action ?? null,
        actionLabel: row?.actionLabel ?? null,
        assetCode: row?.assetCode ?? null,
      };
    }
  } catch (err) {
    // An unreadable database is not an intact log either.
    status = {
      ok: false,
      checkedAt,
      firstBadId: null,
      code: "error",
      reason: `the check could not run: ${(err as Error)?.message ?? String(err)}`,
      reasonVi: "không kiểm tra được nhật ký (lỗi đọc cơ sở dữ liệu)",
      action: null,
      actionLabel: null,
      assetCode: null,
    };
  }
  const h = holder();
  const first = h.last === null;
  h.last = status;
  if (!status.ok) log("error", describeAuditFailure(status));
  else if (first) log("info", `audit chain intact: ${status.count} rows`);
  return status;
}

/** The last result, or a fresh check when none has run in this process yet. */
export function auditCheckStatus(handle?: DbHandle): AuditCheckStatus {
  return holder().last ?? checkAuditChain(handle);
}

/** Checks once right after start-up, then every hour; idempotent per process. */
export function startAuditCheckOnce(intervalMs: number = AUDIT_CHECK_INTERVAL_MS): void {
  const h = holder();
  if (h.timer) return;
  const tick = () => {
    checkAuditChain();
  };
  h.timer = setInterval(tick, intervalMs);
  // The web server keeps the process alive; this timer alone must not.
  h.timer.unref?.();
  setImmediate(tick);
}

/** For tests: stops the schedule and forgets the last result. */
export function resetAuditCheckForTests(): void {
  const h = holder();
  if (h.timer) clearInterval(h.timer);
  h.timer = null;
  h.last = null;
}
