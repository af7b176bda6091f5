import { canonicalJson } from "../canonical-json";
import { tableExists } from "../db/schema-introspect";
import type { Sqlite } from "./handle";
import { GENESIS_HASH, hmacHex } from "./hash";
import { lastAuditRow, nextAuditId } from "./head";
import { auditKeyCheck, resolveAuditKey } from "./key";

// Migration 005 imports this file directly, while the connection is being opened: nothing here
// may reach storage/db/connection.ts or storage/db/migrate.ts, even as a type.

/** The one row of `audit_chain` (migration 005): where keyed hashing begins, sealed with the key. */
export interface AuditCheckpoint {
  first_keyed_id: number;
  /** Hash of the last unkeyed row (GENESIS_HASH if there was none): pins the unkeyed part. */
  legacy_head_hash: string;
  /** auditKeyCheck of the key the chain is written with. */
  key_check: string;
  /** checkpointSeal of the two fields above. */
  seal: string;
  /** ISO UTC. */
  created_at: string;
}

/** HMAC-SHA256 hex over the boundary and the unkeyed part's head, so neither moves without the key. */
export function checkpointSeal(key: Buffer, firstKeyedId: number, legacyHeadHash: string): string {
  return hmacHex(
    key,
    canonicalJson({
      kind: "co-dong audit checkpoint v1",
      first_keyed_id: firstKeyedId,
      legacy_head_hash: legacyHeadHash,
    }),
  );
}

/** Whether migration 005 has run: only a database opened with `migrate: false` lacks the table. */
export function hasCheckpointTable(conn: Sqlite): boolean {
  return tableExists(conn, "audit_chain");
}

/** The checkpoint row, or undefined when it was deleted (the table refuses DELETE, but a file can be edited). */
export function readCheckpoint(conn: Sqlite): AuditCheckpoint | undefined {
  return conn
    .prepare(
      "SELECT first_keyed_id, legacy_head_hash, key_check, seal, created_at FROM audit_chain WHERE id = 1",
    )
    .get() as AuditCheckpoint | undefined;
}

/**
 * Migration 005: rows from the next id on are keyed. Records that id, the hash the unkeyed part
 * ends at, and a check of the key, all sealed with the key, so moving the boundary (to pass
 * rewritten rows off as unkeyed ones) or rewriting the unkeyed part is seen without the key.
 * Creates the key file when there is none; throws AuditChainError AUDIT_KEY_INVALID for a short
 * AUDIT_KEY. Returns the row it inserted.
 */
export function startKeyedAuditChain(conn: Sqlite, now: Date = new Date()): AuditCheckpoint {
  const { key } = resolveAuditKey(conn, { create: true });
  const last = lastAuditRow(conn);
  const firstKeyedId = nextAuditId(conn, last);
  const legacyHeadHash = last?.hash ?? GENESIS_HASH;
  const cp: AuditCheckpoint = {
    first_keyed_id: firstKeyedId,
    legacy_head_hash: legacyHeadHash,
    key_check: auditKeyCheck(key),
    seal: checkpointSeal(key, firstKeyedId, legacyHeadHash),
    created_at: now.toISOString(),
  };
  conn
    .prepare(
      `INSERT INTO audit_chain (id, first_keyed_id, legacy_head_hash, key_check, seal, created_at)
       VALUES (1, @first_keyed_id, @legacy_head_hash, @key_check, @seal, @created_at)`,
    )
    .run(cp);
  return cp;
}
