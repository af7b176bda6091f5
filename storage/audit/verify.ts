import { checkpointSeal, hasCheckpointTable, readCheckpoint } from "./checkpoint";
import type { SqliteHandle } from "./handle";
import { type AuditRow, computeAuditHash, computeKeyedAuditHash, GENESIS_HASH, sameHex } from "./hash";
import { auditSeq } from "./head";
import { AuditChainError, auditKeyCheck, type Env, resolveAuditKey } from "./key";

/** Why a check failed; the Vietnamese wording for each is AUDIT_FAILURE_LABELS_VI. */
export type AuditFailureCode =
  | "link"
  | "edited"
  | "legacy_rewritten"
  | "tail"
  | "state"
  | "checkpoint_missing"
  | "checkpoint_altered"
  | "key_missing"
  | "key_mismatch";

export const AUDIT_FAILURE_LABELS_VI: Record<AuditFailureCode, string> = {
  link: "mắt xích với bản ghi trước bị đứt (bản ghi bị xóa hoặc đảo thứ tự)",
  edited: "nội dung bản ghi không khớp mã băm có khóa (bản ghi bị sửa)",
  legacy_rewritten: "phần nhật ký ghi trước khi dùng khóa đã bị viết lại hoặc xóa",
  tail: "thiếu các bản ghi cuối nhật ký",
  state: "trạng thái ấn phẩm không khớp sự kiện cuối cùng trong nhật ký",
  checkpoint_missing: "mất mốc bắt đầu ký khóa của nhật ký",
  checkpoint_altered: "mốc bắt đầu ký khóa đã bị sửa",
  key_missing: "không có khóa nhật ký (AUDIT_KEY hoặc tệp khóa)",
  key_mismatch: "khóa nhật ký không phải khóa đã dùng để ghi (AUDIT_KEY sai, hoặc mốc bị sửa)",
};

/**
 * A check's answer: the number of rows when the whole log holds; otherwise the first row that
 * cannot be trusted (null when the log is empty), an English reason and the failure code.
 */
export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; firstBadId: number | null; reason: string; code: AuditFailureCode };

export interface VerifyOptions {
  /** Check with this key instead of AUDIT_KEY / the key file (tests, an operator's spare copy); a string is taken as UTF-8. */
  key?: Buffer | string;
  env?: Env;
}

const toKey = (k: Buffer | string): Buffer => (typeof k === "string" ? Buffer.from(k, "utf8") : k);

/**
 * Walks the chain from the start. Rows below the checkpoint's `first_keyed_id` are checked with
 * the unkeyed hash and must end at the hash the checkpoint sealed; rows from it on with the
 * HMAC, which nobody without the key can recompute. Detects an edited row (hash mismatch, even
 * with its hash and every later one recomputed), a deleted row (the next row's prev_hash no
 * longer matches), a deleted tail (AUTOINCREMENT's high-water mark is above the last row), a
 * moved or missing checkpoint, a wrong or missing key, and an asset whose state the log cannot
 * explain. Never throws for a broken log: every finding is a VerifyResult with its code.
 */
export function verifyAuditChain(handle: SqliteHandle, options: VerifyOptions = {}): VerifyResult {
  const { conn } = handle;
  const fail = (code: AuditFailureCode, firstBadId: number | null, reason: string): VerifyResult => ({
    ok: false,
    firstBadId,
    reason,
    code,
  });
  const cp = hasCheckpointTable(conn) ? readCheckpoint(conn) : undefined;
  const firstId = (conn.prepare("SELECT min(id) AS id FROM audit_events").get() as { id: number | null }).id;
  if (!cp) {
    return fail(
      "checkpoint_missing",
      firstId,
      "the keyed-chain checkpoint (audit_chain, migration 005) is missing",
    );
  }
  const firstKeyedRow = (
    conn.prepare("SELECT min(id) AS id FROM audit_events WHERE id >= ?").get(cp.first_keyed_id) as {
      id: number | null;
    }
  ).id;
  let key: Buffer;
  let source = "the given key";
  if (options.key !== undefined) key = toKey(options.key);
  else {
    try {
      ({ key, source } = resolveAuditKey(conn, { env: options.env }));
    } catch (err) {
      if (!(err instanceof AuditChainError)) throw err;
      return fail("key_missing", firstKeyedRow, err.message);
    }
  }
  if (!sameHex(auditKeyCheck(key), cp.key_check)) {
    return fail(
      "key_mismatch",
      firstKeyedRow,
      `the audit key (${source}) is not the key the chain was written with, or the checkpoint was altered`,
    );
  }
  if (!sameHex(checkpointSeal(key, cp.first_keyed_id, cp.legacy_head_hash), cp.seal)) {
    // Its boundary cannot be trusted, so neither can any row: name the first.
    return fail("checkpoint_altered", firstId, "the checkpoint's boundary or sealed head was altered");
  }

  const rows = conn.prepare("SELECT * FROM audit_events ORDER BY id").iterate() as IterableIterator<AuditRow>;
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  let crossed = false;
  // The unkeyed part must end exactly where the checkpoint sealed it: otherwise it was rewritten
  // (its hashes can be recomputed by anyone) or cut. Which of its rows changed cannot be known.
  const legacyIntact = () => prev === cp.legacy_head_hash;
  const legacyFailure = () =>
    fail(
      "legacy_rewritten",
      firstId,
      `rows before #${cp.first_keyed_id} (hashed without a key) no longer end at the hash sealed when keyed hashing began (rewritten or removed)`,
    );
  for (const row of rows) {
    const keyed = row.id >= cp.first_keyed_id;
    if (keyed && !crossed) {
      crossed = true;
      if (!legacyIntact()) {
        return legacyFailure();
      }
    }
    if (row.prev_hash !== prev) {
      return fail("link", row.id, "prev_hash does not match the previous row (row missing or reordered)");
    }
    const { prev_hash: _p, hash: _h, ...fields } = row;
    const expected = keyed
      ? computeKeyedAuditHash(key, row.prev_hash, fields)
      : computeAuditHash(row.prev_hash, fields);
    if (!sameHex(expected, row.hash)) {
      return fail(
        "edited",
        row.id,
        keyed
          ? "hash does not match the row's contents under the audit key (row edited, or its hash recomputed without the key)"
          : "hash does not match the row's contents (row edited)",
      );
    }
    prev = row.hash;
    lastId = row.id;
    count++;
  }
  if (!crossed && !legacyIntact()) return legacyFailure();
  if (auditSeq(conn) > lastId) {
    return fail("tail", lastId + 1, "rows missing at the end of the log");
  }
  const mismatch = conn
    .prepare(
      `SELECT a.id AS asset_id, a.state, e.id AS event_id, e.to_state FROM assets a
       LEFT JOIN audit_events e ON e.id = (SELECT max(id) FROM audit_events WHERE asset_id = a.id)
       WHERE e.to_state IS NULL OR e.to_state <> a.state LIMIT 1`,
    )
    .get() as { asset_id: string; state: string; event_id: number | null } | undefined;
  if (mismatch) {
    return fail(
      "state",
      mismatch.event_id,
      `asset ${mismatch.asset_id} is "${mismatch.state}" but its last audit event says otherwise`,
    );
  }
  return { ok: true, count };
}
