import { WAITING_STEPS, type WaitingStep } from "../../domain/deadlines";
import type { AssetState } from "../../domain/states";
import { workingDaysBetween } from "../../domain/working-days";
import type { DbHandle } from "../../storage/db/connection";
import { enqueueReminder, getOutboxJobByDedupeKey, reminderDedupeKey } from "../../storage/outbox";
import { getSetting } from "../../storage/settings";

// Reminders (issue 12 §2): an asset that has waited more than N working days at one step (N per
// step, the admin's "reminder_days") gets one reminder for the person who must act, through the
// same notify outbox as decisions (inbox + e-mail). The stretch of waiting is named by the audit
// row that began it, so the outbox's dedupe key makes the reminder once per stretch however many
// passes or nodes run this scan; a return and a new submission start a new stretch.

export interface WaitingAsset {
  assetId: string;
  code: string;
  title: string;
  state: WaitingStep;
  createdBy: string;
  /** The audit row that put the asset into its state, and when (ISO). */
  auditId: number;
  since: string;
}

/** Every asset now waiting for a person, with the audit row that began the wait. */
export function waitingAssets(handle: Pick<DbHandle, "conn">): WaitingAsset[] {
  const steps = Object.keys(WAITING_STEPS);
  const rows = handle.conn
    .prepare(
      `SELECT a.id, a.code, a.title, a.state, a.created_by, e.id AS audit_id, e.at
         FROM assets a
         JOIN audit_events e ON e.id = (SELECT max(x.id) FROM audit_events x WHERE x.asset_id = a.id AND x.to_state = a.state)
        WHERE a.state IN (${steps.map(() => "?").join(",")})`,
    )
    .all(...steps) as {
    id: string;
    code: string;
    title: string;
    state: AssetState;
    created_by: string;
    audit_id: number;
    at: string;
  }[];
  return rows.map((r) => ({
    assetId: r.id,
    code: r.code,
    title: r.title,
    state: r.state as WaitingStep,
    createdBy: r.created_by,
    auditId: r.audit_id,
    since: r.at,
  }));
}

/**
 * Enqueues a reminder for each asset that has waited more than its step's threshold (working days,
 * holidays from settings) at `now`. Returns how many reminders were newly enqueued (an asset
 * already reminded for this stretch counts 0). A returned asset reminds its drafter; the review
 * steps remind every active holder of the role that acts there.
 */
export function enqueueDueReminders(handle: Pick<DbHandle, "conn">, now: Date = new Date()): number {
  const thresholds = getSetting(handle, "reminder_days");
  const holidays = new Set(getSetting(handle, "holidays"));
  let added = 0;
  for (const w of waitingAssets(handle)) {
    const waited = workingDaysBetween(new Date(w.since), now, holidays);
    if (waited <= thresholds[w.state]) continue;
    const role = WAITING_STEPS[w.state];
    const mine = role === "drafter";
    if (getOutboxJobByDedupeKey(handle, reminderDedupeKey(w.auditId))) continue;
    enqueueReminder(
      handle,
      {
        assetId: w.assetId,
        code: w.code,
        title: w.title,
        action: "REMINDER",
        fromState: w.state,
        toState: w.state,
        auditId: w.auditId,
        notifyRoles: mine ? [] : [role],
        notifyUserIds: mine ? [w.createdBy] : [],
        reminder: { workingDays: waited },
      },
      now,
    );
    added++;
  }
  return added;
}
