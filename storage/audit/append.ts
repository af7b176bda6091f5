import { immediate } from "../db/sync";
import { type AuditCheckpoint, hasCheckpointTable, readCheckpoint } from "./checkpoint";
import type { Sqlite, SqliteHandle } from "./handle";
import {
  type AuditInput,
  type AuditRow,
  computeAuditHash,
  computeKeyedAuditHash,
  GENESIS_HASH,
  sameHex,
} from "./hash";
import { lastAuditRow, nextAuditId } from "./head";
import { AuditChainError, auditKeyCheck, resolveAuditKey } from "./key";

/** The key appends are hashed with; refuses a key the checkpoint was not made with. */
function appendKey(conn: Sqlite, cp: AuditCheckpoint): Buffer {
  const { key, source } = resolveAuditKey(conn);
  if (!sameHex(auditKeyCheck(key), cp.key_check)) {
    throw new AuditChainError(
      "AUDIT_KEY_MISMATCH",
      `Khóa nhật ký kiểm toán (${source}) không phải khóa đã dùng để ghi nhật ký: không ghi thêm sự kiện.`,
      `the audit key (${source}) is not the key the chain was written with; refusing to append`,
    );
  }
  return key;
}

const nfc = (s: string | null | undefined) => (s == null ? null : s.normalize("NFC"));

/**
 * Appends one event to the chain and returns the row as stored (reason text and comment in NFC,
 * `at` ISO UTC). Call it inside the caller's transaction so the event commits with the change it
 * records; on its own it opens an IMMEDIATE transaction, which also makes the "read last hash,
 * insert next" step safe against a second writer. Throws AuditChainError
 * AUDIT_CHECKPOINT_MISSING, AUDIT_KEY_MISSING, AUDIT_KEY_INVALID or AUDIT_KEY_MISMATCH rather
 * than write a row nobody could check.
 */
export function appendAudit(handle: SqliteHandle, input: AuditInput): AuditRow {
  const { conn } = handle;
  return immediate(conn, () => {
    const last = lastAuditRow(conn);
    const id = nextAuditId(conn, last);
    // Before migration 005 (only a database opened with `migrate: false` is there) rows are
    // chained as they always were; from its checkpoint on, with the key.
    let key: Buffer | null = null;
    if (hasCheckpointTable(conn)) {
      const cp = readCheckpoint(conn);
      if (!cp) {
        throw new AuditChainError(
          "AUDIT_CHECKPOINT_MISSING",
          "Mốc bắt đầu ký khóa của nhật ký kiểm toán đã bị xóa: không ghi thêm sự kiện.",
          "the audit chain's checkpoint row is missing; refusing to append",
        );
      }
      if (id >= cp.first_keyed_id) key = appendKey(conn, cp);
    }
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
    const hash = key ? computeKeyedAuditHash(key, prevHash, base) : computeAuditHash(prevHash, base);
    const row: AuditRow = { ...base, prev_hash: prevHash, hash };
    conn
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
