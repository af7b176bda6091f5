import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DomainError } from "../../domain/errors";
import { dialectOf } from "../db/sql-connection";
import type { Sqlite } from "./handle";
import { hmacHex } from "./hash";

// The audit key: a secret kept outside the database (decision 061). AUDIT_KEY, else a file written
// once beside the SQLite file (mode 0600), the way the folder store keeps OBJECT_LINK_SECRET. On
// PostgreSQL only AUDIT_KEY: there is no database file to keep a key beside, and the app nodes
// sharing the database must all hash with one key, which a key made by one process is not.

/** Environment variables, as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

/** Name of the key file, in the folder of the SQLite file. */
export const AUDIT_KEY_FILE = ".audit-key";
/** Shortest key accepted, in characters (the file holds 64 hex characters). */
export const AUDIT_KEY_MIN_LENGTH = 32;

export type AuditChainErrorCode =
  | "AUDIT_KEY_INVALID"
  | "AUDIT_KEY_MISSING"
  | "AUDIT_KEY_MISMATCH"
  | "AUDIT_CHECKPOINT_MISSING";

/** The chain cannot be written or checked: no key, a wrong key, or its checkpoint is gone. */
export class AuditChainError extends DomainError {
  readonly name = "AuditChainError";
  override readonly fault = true;
  constructor(
    readonly code: AuditChainErrorCode,
    messageVi: string,
    message: string,
  ) {
    super(messageVi, message);
  }
}

export interface AuditKey {
  key: Buffer;
  /** Where it came from, for messages: "AUDIT_KEY", the key file's path, or "memory". */
  source: string;
}

/** The key file of a database: beside the SQLite file; null for an in-memory database or PostgreSQL. */
export function auditKeyFilePath(conn: Sqlite): string | null {
  if (dialectOf(conn) === "postgres") return null;
  if (conn.memory || !conn.name || conn.name === ":memory:") return null;
  return join(dirname(resolve(conn.name)), AUDIT_KEY_FILE);
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
 * The audit key of this database: AUDIT_KEY (UTF-8 bytes), else the key file, else (in-memory
 * database) one random 32-byte key per process. `create` (only migration 005 passes it) writes
 * the key file when there is none; otherwise a missing file is an error, never a fresh key, so a
 * lost key shows as "key missing" instead of silently starting a chain nobody can check against
 * the old one. On PostgreSQL AUDIT_KEY is the only source. Throws AuditChainError
 * AUDIT_KEY_INVALID (shorter than AUDIT_KEY_MIN_LENGTH) or AUDIT_KEY_MISSING (no key file, or
 * PostgreSQL without AUDIT_KEY); other file-system errors pass through.
 */
export function resolveAuditKey(conn: Sqlite, options: { create?: boolean; env?: Env } = {}): AuditKey {
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
  if (dialectOf(conn) === "postgres") {
    throw new AuditChainError(
      "AUDIT_KEY_MISSING",
      "Chưa đặt biến AUDIT_KEY: với PostgreSQL, khóa nhật ký kiểm toán phải đặt qua AUDIT_KEY (ít nhất 32 ký tự, ví dụ: openssl rand -hex 32), cùng một giá trị trên mọi máy chủ ứng dụng.",
      "AUDIT_KEY is not set: on PostgreSQL the audit key must be given as AUDIT_KEY (at least 32 characters, e.g. openssl rand -hex 32), the same value on every app node",
    );
  }
  const file = auditKeyFilePath(conn);
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

/**
 * A fingerprint of the key (HMAC-SHA256 hex of a fixed text), stored in the checkpoint: lets a
 * check tell "wrong key" from "edited row" without revealing anything about the key.
 */
export function auditKeyCheck(key: Buffer): string {
  return hmacHex(key, "co-dong audit key check v1");
}
