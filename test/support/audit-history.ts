import { type AuditRow, computeAuditHash } from "../../storage/audit";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { fakeFiles, USERS } from "./db";

// A small real history for the audit-chain tests, and the tampering an attacker with only the
// database (no key) can do: edit rows with the triggers dropped, recompute the unkeyed hashes.

export function step(
  handle: DbHandle,
  assetId: string,
  type: string,
  userId: string,
  extra: object = {},
): void {
  applyAssetEvent(handle, {
    assetId,
    versionHash: getAsset(handle, assetId)!.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId }, ...extra },
  });
}

/**
 * Two assets through a few steps: 1 CREATE one, 2 CREATE two, 3 SUBMIT one, 4 SUBMIT two,
 * 5 FORWARD one, 6 RETURN two, 7 APPROVE one.
 */
export function auditHistory(handle: DbHandle): string[] {
  const ids: string[] = [];
  for (const label of ["one", "two"]) {
    const a = createAsset(handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.14",
      templateId: "tpl",
      formatId: "a1",
      text: "Áp dụng TCVN ISO 9001:2015 – công việc rõ quy trình, rõ trách nhiệm",
      files: fakeFiles(label),
    });
    ids.push(a.assetId);
  }
  step(handle, ids[0], "SUBMIT", USERS.drafter);
  step(handle, ids[1], "SUBMIT", USERS.drafter);
  step(handle, ids[0], "FORWARD", USERS.office);
  step(handle, ids[1], "RETURN", USERS.office, {
    reason: { code: "unit_name", text: "Sai tên Phòng Văn hóa - Xã hội" },
  });
  step(handle, ids[0], "APPROVE", USERS.approver);
  return ids;
}

export function dropAuditTriggers(handle: DbHandle): void {
  handle.conn.exec(
    handle.dialect === "postgres"
      ? "DROP TRIGGER audit_events_no_update ON audit_events; DROP TRIGGER audit_events_no_delete ON audit_events;"
      : "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;",
  );
}

export function auditRows(handle: DbHandle): AuditRow[] {
  return handle.conn.prepare("SELECT * FROM audit_events ORDER BY id").all() as AuditRow[];
}

/**
 * Applies `change` to row `id`, then recomputes its hash and the prev_hash/hash of every row after
 * it with the unkeyed SHA-256 chain, up to row `until` (default: the last): what someone with
 * write access to the database and this source code, but without the key, can do.
 */
export function rewriteUnkeyed(
  handle: DbHandle,
  id: number,
  change: Partial<AuditRow>,
  until = Number.POSITIVE_INFINITY,
): void {
  const rows = auditRows(handle);
  const update = handle.conn.prepare(
    `UPDATE audit_events SET actor_user_id = @actor_user_id, actor_role = @actor_role,
       reason_text = @reason_text, comment = @comment, prev_hash = @prev_hash, hash = @hash WHERE id = @id`,
  );
  let prev: string | null = null;
  for (const row of rows) {
    if (row.id < id) continue;
    if (row.id > until) {
      if (prev !== null) {
        handle.conn.prepare("UPDATE audit_events SET prev_hash = ? WHERE id = ?").run(prev, row.id);
      }
      break;
    }
    const next: AuditRow = { ...row, ...(row.id === id ? change : {}) };
    if (prev !== null) next.prev_hash = prev;
    const { prev_hash, hash: _old, ...fields } = next;
    next.hash = computeAuditHash(prev_hash, fields);
    update.run(next);
    prev = next.hash;
  }
}
