import type { AuditAction } from "../../domain/decisions";
import type { ActorRole } from "../../domain/roles";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { canonicalJson } from "../canonical-json";

/** The `prev_hash` of the first row: 64 zeros, the width of a SHA-256 hex digest. */
export const GENESIS_HASH = "0".repeat(64);

/** One event as its writer states it; appendAudit adds the id, time and hashes. */
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

/** A row of `audit_events` as stored; `prev_hash` and `hash` are 64-character lowercase hex. */
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

/** A row before it is chained: everything the hash covers. */
export type AuditRowFields = Omit<AuditRow, "prev_hash" | "hash">;

// The id is part of what is hashed, so renumbering rows is as visible as editing them.
function hashedFields(row: AuditRowFields): Record<string, unknown> {
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

/** HMAC-SHA256 of UTF-8 `text` under `key`, as 64-character lowercase hex. */
export function hmacHex(key: Buffer, text: string): string {
  return createHmac("sha256", key).update(text).digest("hex");
}

/** Equality of two hex digests in constant time, so a check leaks nothing about the expected one. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The unkeyed hash (SHA-256 hex of `prevHash` + the row's canonical JSON): how every row was
 * chained before migration 005, and how the rows written before it (below the checkpoint's
 * `first_keyed_id`) are still checked. Anyone can recompute it.
 */
export function computeAuditHash(prevHash: string, row: AuditRowFields): string {
  return createHash("sha256")
    .update(prevHash + canonicalJson(hashedFields(row)))
    .digest("hex");
}

/** The keyed hash of rows from the checkpoint on: HMAC-SHA256 hex under the audit key (decision 061). */
export function computeKeyedAuditHash(key: Buffer, prevHash: string, row: AuditRowFields): string {
  return hmacHex(key, prevHash + canonicalJson(hashedFields(row)));
}
