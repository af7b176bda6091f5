import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
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

/**
 * The unkeyed hash: how every row was chained before migration 005, and how the rows written
 * before it (below the checkpoint's `first_keyed_id`) are still checked. Anyone can recompute it.
 */
export function computeAuditHash(prevHash: string, row: Omit<AuditRow, "prev_hash" | "hash">): string {
  return createHash("sha256")
    .update(prevHash + canonicalJson(hashedFields(row)))
    .digest("hex");
}

/** The keyed hash of rows from the checkpoint on: HMAC-SHA256 under the audit key (decision 061). */
export function computeKeyedAuditHash(
  key: Buffer,
  prevHash: string,
  row: Omit<AuditRow, "prev_hash" | "hash">,
): string {
  return createHmac("sha256", key)
    .update(prevHash + canonicalJson(hashedFields(row)))
    .digest("hex");
}

// ---------------------------------------------------------------------------------------------
// The audit key: a secret kept outside the database (decision 061). AUDIT_KEY, else a file written
// once beside the SQLite file (mode 0600), the way the folder store keeps OBJECT_LINK_SECRET.

type Sqlite = BetterSqlite3.Database;
type Env = Record<string, string | undefined>;

export const AUDIT_KEY_FILE = ".audit-key";
export const AUDIT_KEY_MIN_LENGTH = 32;

export type AuditChainErrorCode =
  | "AUDIT_KEY_INVALID"
  | "AUDIT_KEY_MISSING"
  | "AUDIT_KEY_MISMATCH"
  | "AUDIT_CHECKPOINT_MISSING";

/** The chain cannot be written or checked: no key, a wrong key, or its checkpoint is gone. */
export class AuditChainError extends Error {
  readonly name = "AuditChainError";
  constructor(
    readonly code: AuditChainErrorCode,
    readonly messageVi: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AuditKey {
  key: Buffer;
  /** Where it came from, for messages: "AUDIT_KEY", the key file's path, or "memory". */
  source: string;
}

/** The key file of a database: beside the SQLite file; null for an in-memory database. */
export function auditKeyFilePath(sqlite: Sqlite): string | null {
  if (sqlite.memory || !sqlite.name || sqlite.name === ":memory:") return null;
  return join(dirname(resolve(sqlite.name)), AUDIT_KEY_FILE);
}

let memoryKey: Buffer | undefined;

function createKeyFile(file: string): void {
  // Written whole under a temporary name, then linked into place: link() fails if the file exists,
  // so a second process never overwrites the key, and nobody ever reads a half-written one.
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  try {
    linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * The audit key of this database. `create` (only migration 005 passes it) writes the key file when
 * there is none; otherwise a missing file is an error, never a fresh key, so a lost key shows as
 * "key missing" instead of silently starting a chain nobody can check against the old one.
 */
export function resolveAuditKey(sqlite: Sqlite, options: { create?: boolean; env?: Env } = {}): AuditKey {
  const env = options.env ?? process.env;
  const fromEnv = env.AUDIT_KEY?.trim();
  if (fromEnv) {
    if (fromEnv.length < AUDIT_KEY_MIN_LENGTH) {
      throw new AuditChainError(
        "AUDIT_KEY_INVALID",
        `AUDIT_KEY phải dài ít nhất ${AUDIT_KEY_MIN_LENGTH} ký tự (ví dụ: openssl rand -hex 32).`,
        `AUDIT_KEY must be at least ${AUDIT_KEY_MIN_LENGTH} characters`,
      );
    }
    return { key: Buffer.from(fromEnv, "utf8"), source: "AUDIT_KEY" };
  }
  const file = auditKeyFilePath(sqlite);
  if (!file) {
    memoryKey ??= randomBytes(32);
    return { key: memoryKey, source: "memory" };
  }
  if (options.create) createKeyFile(file);
  let text: string;
  try {
    text = readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    throw new AuditChainError(
      "AUDIT_KEY_MISSING",
      `Không tìm thấy khóa nhật ký kiểm toán (${file}, hoặc biến AUDIT_KEY): hãy khôi phục tệp khóa từ bản sao lưu.`,
      `audit key missing: ${file} does not exist and AUDIT_KEY is not set`,
    );
  }
  if (text.length < AUDIT_KEY_MIN_LENGTH) {
    throw new AuditChainError(
      "AUDIT_KEY_INVALID",
      `Tệp khóa nhật ký kiểm toán ${file} rỗng hoặc bị cắt cụt.`,
      `${file} is empty or truncated`,
    );
  }
  return { key: Buffer.from(text, "utf8"), source: file };
}

const toKey = (k: Buffer | string): Buffer => (typeof k === "string" ? Buffer.from(k, "utf8") : k);

const hmacHex = (key: Buffer, text: string) => createHmac("sha256", key).update(text).digest("hex");

/** Lets a check tell "wrong key" from "edited row" without revealing anything about the key. */
export function auditKeyCheck(key: Buffer): string {
  return hmacHex(key, "co-dong audit key check v1");
}

function checkpointSeal(key: Buffer, firstKeyedId: number, legacyHeadHash: string): string {
  return hmacHex(
    key,
    canonicalJson({
      kind: "co-dong audit checkpoint v1",
      first_keyed_id: firstKeyedId,
      legacy_head_hash: legacyHeadHash,
    }),
  );
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The one row of `audit_chain` (migration 005): where keyed hashing begins, sealed with the key. */
export interface AuditCheckpoint {
  first_keyed_id: number;
  /** Hash of the last unkeyed row (GENESIS_HASH if there was none): pins the unkeyed part. */
  legacy_head_hash: string;
  key_check: string;
  seal: string;
  created_at: string;
}

function hasCheckpointTable(sqlite: Sqlite): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_chain'").get();
}

function readCheckpoint(sqlite: Sqlite): AuditCheckpoint | undefined {
  return sqlite
    .prepare(
      "SELECT first_keyed_id, legacy_head_hash, key_check, seal, created_at FROM audit_chain WHERE id = 1",
    )
    .get() as AuditCheckpoint | undefined;
}

function lastAuditRow(sqlite: Sqlite): { id: number; hash: string } | undefined {
  return sqlite.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").get() as
    | { id: number; hash: string }
    | undefined;
}

function auditSeq(sqlite: Sqlite): number {
  const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'").get() as
    | { seq: number }
    | undefined;
  return seq?.seq ?? 0;
}

/**
 * Migration 005: rows from the next id on are keyed. Records that id, the hash the unkeyed part
 * ends at, and a check of the key, all sealed with the key, so moving the boundary (to pass
 * rewritten rows off as unkeyed ones) or rewriting the unkeyed part is seen without the key.
 */
export function startKeyedAuditChain(sqlite: Sqlite, now: Date = new Date()): AuditCheckpoint {
  const { key } = resolveAuditKey(sqlite, { create: true });
  const last = lastAuditRow(sqlite);
  const firstKeyedId = Math.max(last?.id ?? 0, auditSeq(sqlite)) + 1;
  const legacyHeadHash = last?.hash ?? GENESIS_HASH;
  const cp: AuditCheckpoint = {
    first_keyed_id: firstKeyedId,
    legacy_head_hash: legacyHeadHash,
    key_check: auditKeyCheck(key),
    seal: checkpointSeal(key, firstKeyedId, legacyHeadHash),
    created_at: now.toISOString(),
  };
  sqlite
    .prepare(
      `INSERT INTO audit_chain (id, first_keyed_id, legacy_head_hash, key_check, seal, created_at)
       VALUES (1, @first_keyed_id, @legacy_head_hash, @key_check, @seal, @created_at)`,
    )
    .run(cp);
  return cp;
}

/** The key appends are hashed with; refuses a key the checkpoint was not made with. */
function appendKey(sqlite: Sqlite, cp: AuditCheckpoint): Buffer {
  const { key, source } = resolveAuditKey(sqlite);
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
 * Appends one event to the chain. Call it inside the caller's transaction so the event commits
 * with the change it records; on its own it opens an IMMEDIATE transaction, which also makes the
 * "read last hash, insert next" step safe against a second writer.
 */
export function appendAudit(handle: Pick<DbHandle, "sqlite">, input: AuditInput): AuditRow {
  const { sqlite } = handle;
  return immediate(sqlite, () => {
    const last = lastAuditRow(sqlite);
    const id = Math.max(last?.id ?? 0, auditSeq(sqlite)) + 1;
    // Before migration 005 (only a database opened with `migrate: false` is there) rows are
    // chained as they always were; from its checkpoint on, with the key.
    let key: Buffer | null = null;
    if (hasCheckpointTable(sqlite)) {
      const cp = readCheckpoint(sqlite);
      if (!cp) {
        throw new AuditChainError(
          "AUDIT_CHECKPOINT_MISSING",
          "Mốc bắt đầu ký khóa của nhật ký kiểm toán đã bị xóa: không ghi thêm sự kiện.",
          "the audit chain's checkpoint row is missing; refusing to append",
        );
      }
      if (id >= cp.first_keyed_id) key = appendKey(sqlite, cp);
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

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; firstBadId: number | null; reason: string; code: AuditFailureCode };

export interface VerifyOptions {
  /** Check with this key instead of AUDIT_KEY / the key file (tests, an operator's spare copy). */
  key?: Buffer | string;
  env?: Env;
}

/**
 * Walks the chain from the start. Rows below the checkpoint's `first_keyed_id` are checked with
 * the unkeyed hash and must end at the hash the checkpoint sealed; rows from it on with the
 * HMAC, which nobody without the key can recompute. Detects an edited row (hash mismatch, even
 * with its hash and every later one recomputed), a deleted row (the next row's prev_hash no
 * longer matches), a deleted tail (AUTOINCREMENT's high-water mark is above the last row), a
 * moved or missing checkpoint, a wrong or missing key, and an asset whose state the log cannot
 * explain.
 */
export function verifyAuditChain(
  handle: Pick<DbHandle, "sqlite">,
  options: VerifyOptions = {},
): VerifyResult {
  const { sqlite } = handle;
  const fail = (code: AuditFailureCode, firstBadId: number | null, reason: string): VerifyResult => ({
    ok: false,
    firstBadId,
    reason,
    code,
  });
  const cp = hasCheckpointTable(sqlite) ? readCheckpoint(sqlite) : undefined;
  const firstId = (sqlite.prepare("SELECT min(id) AS id FROM audit_events").get() as { id: number | null })
    .id;
  if (!cp) {
    return fail(
      "checkpoint_missing",
      firstId,
      "the keyed-chain checkpoint (audit_chain, migration 005) is missing",
    );
  }
  const firstKeyedRow = (
    sqlite.prepare("SELECT min(id) AS id FROM audit_events WHERE id >= ?").get(cp.first_keyed_id) as {
      id: number | null;
    }
  ).id;
  let key: Buffer;
  let source = "the given key";
  if (options.key !== undefined) key = toKey(options.key);
  else {
    try {
      ({ key, source } = resolveAuditKey(sqlite, { env: options.env }));
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

  const rows = sqlite
    .prepare("SELECT * FROM audit_events ORDER BY id")
    .iterate() as IterableIterator<AuditRow>;
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
  if (auditSeq(sqlite) > lastId) {
    return fail("tail", lastId + 1, "rows missing at the end of the log");
  }
  const mismatch = sqlite
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

/** What a person needs to find a row: its id, action and the code of its asset. */
export interface AuditRowSummary {
  id: number;
  action: string;
  actionLabel: string;
  assetId: string | null;
  assetCode: string | null;
  at: string;
}

/** The row a failed check names, or null when it no longer exists (a deleted tail). */
export function describeAuditRow(
  handle: Pick<DbHandle, "sqlite">,
  id: number | null,
): AuditRowSummary | null {
  if (id == null) return null;
  const r = handle.sqlite
    .prepare(
      `SELECT e.id, e.action, e.asset_id, e.at, a.code FROM audit_events e
       LEFT JOIN assets a ON a.id = e.asset_id WHERE e.id = ?`,
    )
    .get(id) as
    | { id: number; action: string; asset_id: string | null; at: string; code: string | null }
    | undefined;
  if (!r) return null;
  return {
    id: r.id,
    action: r.action,
    actionLabel: ACTION_LABELS_VI[r.action as AuditAction] ?? r.action,
    assetId: r.asset_id,
    assetCode: r.code,
    at: r.at,
  };
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

// Reads of the log by version, for the publisher and print access: who took a decision and when
// is recorded nowhere else.

export interface AuditEventInfo {
  at: string;
  userId: string | null;
  displayName: string | null;
}

/** The latest decision of `action` on a version, from the audit log. */
export function auditEventFor(
  sqlite: BetterSqlite3.Database,
  versionId: string,
  action: "APPROVE" | "PUBLISHED" | "REVOKE",
): AuditEventInfo | null {
  const r = sqlite
    .prepare(
      `SELECT e.at, e.actor_user_id, u.display_name FROM audit_events e
       LEFT JOIN users u ON u.id = e.actor_user_id
       WHERE e.version_id = ? AND e.action = ? ORDER BY e.id DESC LIMIT 1`,
    )
    .get(versionId, action) as
    | { at: string; actor_user_id: string | null; display_name: string | null }
    | undefined;
  return r ? { at: r.at, userId: r.actor_user_id, displayName: r.display_name } : null;
}
