import { createHash } from "node:crypto";
import type { DbHandle } from "./db/connection";
import { immediate } from "./db/sync";
import { canonicalJson } from "./canonical-json";
import { ROLE_LABELS_VI, type ActorRole } from "../workflows/roles";
import { ACTION_LABELS_VI, STATE_LABELS_VI, type AuditAction } from "../workflows/labels";
import { REASON_LABELS_VI, type ReasonCode } from "../workflows/reasons";
import type { AssetState } from "../workflows/asset-machine";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditInput {
  assetId: string | null;
  versionId: string | null;
  actorUserId: string | null;
  actorRole: ActorRole;
  action: AuditAction | string;
  fromState: string | null;
  toState: string | null;
  reasonCode?: string | null;
  reasonText?: string | null;
  comment?: string | null;
  versionHash: string | null;
  /** ISO UTC; defaults to now. */
  at?: string;
}

export interface AuditRow {
  id: number;
  asset_id: string | null;
  version_id: string | null;
  actor_user_id: string | null;
  actor_role: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  reason_code: string | null;
  reason_text: string | null;
  comment: string | null;
  version_hash: string | null;
  at: string;
  prev_hash: string;
  hash: string;
}

// The id is part of what is hashed, so renumbering rows is as visible as editing them.
function hashedFields(row: Omit<AuditRow, "prev_hash" | "hash">): Record<string, unknown> {
  return {
    id: row.id,
    asset_id: row.asset_id,
    version_id: row.version_id,
    actor_user_id: row.actor_user_id,
    actor_role: row.actor_role,
    action: row.action,
    from_state: row.from_state,
    to_state: row.to_state,
    reason_code: row.reason_code,
    reason_text: row.reason_text,
    comment: row.comment,
    version_hash: row.version_hash,
    at: row.at,
  };
}

export function computeAuditHash(prevHash: string, row: Omit<AuditRow, "prev_hash" | "hash">): string {
  return createHash("sha256")
    .update(prevHash + canonicalJson(hashedFields(row)))
    .digest("hex");
}

const nfc = (s: string | null | undefined) => (s == null ? null : s.normalize("NFC"));

/**
 * Appends one event to the chain. Call it inside the caller's transaction so the event commits
 * with the change it records; on its own it opens an IMMEDIATE transaction, which also makes the
 * "read last hash, insert next" step safe against a second writer.
 */
export function appendAudit(handle: Pick<DbHandle, "sqlite">, input: AuditInput): AuditRow {
  const { sqlite } = handle;
  return immediate(sqlite, () => {
    const last = sqlite.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as
      | { id: number; hash: string }
      | undefined;
    const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as
      | { seq: number }
      | undefined;
    const id = Math.max(last?.id ?? 0, seq?.seq ?? 0) + 1;
    const base = {
      id,
      asset_id: input.assetId,
      version_id: input.versionId,
      actor_user_id: input.actorUserId,
      actor_role: input.actorRole,
      action: input.action,
      from_state: input.fromState,
      to_state: input.toState,
      reason_code: input.reasonCode ?? null,
      reason_text: nfc(input.reasonText),
      comment: nfc(input.comment),
      version_hash: input.versionHash,
      at: input.at ?? new Date().toISOString(),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const row: AuditRow = { ...base, prev_hash: prevHash, hash: computeAuditHash(prevHash, base) };
    sqlite
      .prepare(
        `INSERT INTO audit_events (id, asset_id, version_id, actor_user_id, actor_role, action, from_state,
           to_state, reason_code, reason_text, comment, version_hash, at, prev_hash, hash)
         VALUES (@id, @asset_id, @version_id, @actor_user_id, @actor_role, @action, @from_state, @to_state,
           @reason_code, @reason_text, @comment, @version_hash, @at, @prev_hash, @hash)`,
      )
      .run(row);
    return row;
  });
}

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; firstBadId: number | null; reason: string };

/**
 * Walks the chain from the start. Detects an edited row (hash mismatch), a deleted row (the next
 * row's prev_hash no longer matches), a deleted tail (AUTOINCREMENT's high-water mark is above the
 * last row) and an asset whose state the log cannot explain.
 */
export function verifyAuditChain(handle: Pick<DbHandle, "sqlite">): VerifyResult {
  const { sqlite } = handle;
  const rows = sqlite
    .prepare("SELECT * FROM audit_events ORDER BY id")
    .iterate() as IterableIterator<AuditRow>;
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (const row of rows) {
    if (row.prev_hash !== prev) {
      return {
        ok: false,
        firstBadId: row.id,
        reason: "prev_hash does not match the previous row (row missing or reordered)",
      };
    }
    const { prev_hash: _p, hash: _h, ...fields } = row;
    if (computeAuditHash(row.prev_hash, fields) !== row.hash) {
      return { ok: false, firstBadId: row.id, reason: "hash does not match the row's contents (row edited)" };
    }
    prev = row.hash;
    lastId = row.id;
    count++;
  }
  const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as
    | { seq: number }
    | undefined;
  if (seq && seq.seq > lastId) {
    return { ok: false, firstBadId: lastId + 1, reason: "rows missing at the end of the log" };
  }
  const mismatch = sqlite
    .prepare(
      `SELECT a.id AS asset_id, a.state, e.id AS event_id, e.to_state FROM assets a
       LEFT JOIN audit_events e ON e.id = (SELECT max(id) FROM audit_events WHERE asset_id = a.id)
       WHERE e.to_state IS NULL OR e.to_state <> a.state LIMIT 1`,
    )
    .get() as { asset_id: string; state: string; event_id: number | null } | undefined;
  if (mismatch) {
    return {
      ok: false,
      firstBadId: mismatch.event_id,
      reason: `asset ${mismatch.asset_id} is "${mismatch.state}" but its last audit event says otherwise`,
    };
  }
  return { ok: true, count };
}

export interface ApprovalRecordRow {
  id: number;
  at: string;
  who: string | null;
  username: string | null;
  role: string;
  roleLabel: string;
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string | null;
  toStateLabel: string | null;
  reasonCode: string | null;
  reasonLabel: string | null;
  reasonText: string | null;
  comment: string | null;
  versionN: number | null;
  versionHash: string | null;
}

export interface ApprovalRecord {
  asset: { id: string; code: string; title: string; state: string; stateLabel: string };
  rows: ApprovalRecordRow[];
  text: string;
}

/** Vietnam has no DST: UTC+7 all year. */
function formatVnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function exportApprovalRecord(
  handle: Pick<DbHandle, "sqlite">,
  assetId: string,
): ApprovalRecord | null {
  const { sqlite } = handle;
  const asset = sqlite.prepare("SELECT id, code, title, state FROM assets WHERE id = ?").get(assetId) as
    | { id: string; code: string; title: string; state: string }
    | undefined;
  if (!asset) return null;
  const raw = sqlite
    .prepare(
      `SELECT e.*, u.display_name, u.username, v.n FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_user_id
       LEFT JOIN asset_versions v ON v.id = e.version_id
       WHERE e.asset_id = ? ORDER BY e.id`,
    )
    .all(assetId) as (AuditRow & {
    display_name: string | null;
    username: string | null;
    n: number | null;
  })[];
  const rows: ApprovalRecordRow[] = raw.map((r) => ({
    id: r.id,
    at: r.at,
    who: r.display_name,
    username: r.username,
    role: r.actor_role,
    roleLabel: ROLE_LABELS_VI[r.actor_role as ActorRole] ?? r.actor_role,
    action: r.action,
    actionLabel: ACTION_LABELS_VI[r.action as AuditAction] ?? r.action,
    fromState: r.from_state,
    toState: r.to_state,
    toStateLabel: r.to_state ? (STATE_LABELS_VI[r.to_state as AssetState] ?? r.to_state) : null,
    reasonCode: r.reason_code,
    reasonLabel: r.reason_code ? (REASON_LABELS_VI[r.reason_code as ReasonCode] ?? r.reason_code) : null,
    reasonText: r.reason_text,
    comment: r.comment,
    versionN: r.n,
    versionHash: r.version_hash,
  }));
  const stateLabel = STATE_LABELS_VI[asset.state as AssetState] ?? asset.state;
  const lines = [
    "HỒ SƠ PHÊ DUYỆT ẤN PHẨM",
    `Mã ấn phẩm: ${asset.code}`,
    `Tên ấn phẩm: ${asset.title}`,
    `Trạng thái hiện tại: ${stateLabel}`,
    "",
    "Diễn biến xử lý (giờ Việt Nam):",
  ];
  rows.forEach((r, i) => {
    const who = r.who ? `${r.who} (${r.roleLabel})` : r.roleLabel;
    lines.push(`${i + 1}. ${formatVnTime(r.at)} – ${who}: ${r.actionLabel}`);
    if (r.versionN != null || r.versionHash) {
      lines.push(
        `   Phiên bản: ${r.versionN ?? "?"}; mã băm SHA-256 file in: ${r.versionHash ?? "không có"}`,
      );
    }
    if (r.toStateLabel) lines.push(`   Trạng thái sau xử lý: ${r.toStateLabel}`);
    if (r.reasonLabel) lines.push(`   Lý do: ${r.reasonLabel}${r.reasonText ? ` – ${r.reasonText}` : ""}`);
    if (r.comment) lines.push(`   Ý kiến: ${r.comment}`);
  });
  if (rows.length === 0) lines.push("(Chưa có sự kiện nào.)");
  return { asset: { ...asset, stateLabel }, rows, text: `${lines.join("\n")}\n` };
}
