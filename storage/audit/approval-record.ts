import { ACTION_LABELS_VI, type AuditAction } from "../../domain/decisions";
import { REASON_LABELS_VI, type ReasonCode } from "../../domain/reasons";
import { type ActorRole, ROLE_LABELS_VI } from "../../domain/roles";
import { type AssetState, STATE_LABELS_VI } from "../../domain/states";
import type { SqliteHandle } from "./handle";
import type { AuditRow } from "./hash";

/** One event of an asset's history, with the Vietnamese labels a reader needs. */
export interface ApprovalRecordRow {
  id: number;
  /** ISO UTC. */
  at: string;
  /** Display name of the actor; null when unknown. */
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
  /** Version number (1, 2, …) the event was about. */
  versionN: number | null;
  /** SHA-256 hex of that version's print file. */
  versionHash: string | null;
}

export interface ApprovalRecord {
  asset: { id: string; code: string; title: string; state: string; stateLabel: string };
  rows: ApprovalRecordRow[];
  /** The whole record as plain Vietnamese text, one event per numbered line, ending in "\n". */
  text: string;
}

/** "HH:MM ngày DD/MM/YYYY" in Vietnam time: no DST, UTC+7 all year. */
function formatVnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/**
 * The approval record of an asset: every audit event on it, oldest first, with actor names,
 * labels and version numbers, plus the same as text to print or file. Null when the asset does
 * not exist. Labels fall back to the raw code for values the catalogues do not know.
 */
export function exportApprovalRecord(handle: SqliteHandle, assetId: string): ApprovalRecord | null {
  const { conn } = handle;
  const asset = conn.prepare("SELECT id, code, title, state FROM assets WHERE id = ?").get(assetId) as
    | { id: string; code: string; title: string; state: string }
    | undefined;
  if (!asset) return null;
  const raw = conn
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
