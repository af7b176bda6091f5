import type { SqlConnection } from "./db/sql-connection";
import type { FileKind } from "./db/schema";

// The files the publisher (jobs/publisher/) has put in the object store, one row per version and
// kind; print access (storage/print-access/) reads them. Raw SQL: the table has no Kysely
// interface in storage/db/schema.ts yet. Migration: storage/migrations/002_publisher.ts.

export interface PublishedObjectRow {
  version_id: string;
  kind: FileKind;
  asset_id: string;
  object_key: string;
  sha256: string;
  size: number;
  etag: string;
  retained_until: string | null;
  uploaded_at: string;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
}

export interface PublishedObject {
  versionId: string;
  kind: FileKind;
  assetId: string;
  key: string;
  sha256: string;
  size: number;
  etag: string;
  retainedUntil: string | null;
  uploadedAt: string;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
}

export function toPublishedObject(r: PublishedObjectRow): PublishedObject {
  return {
    versionId: r.version_id,
    kind: r.kind,
    assetId: r.asset_id,
    key: r.object_key,
    sha256: r.sha256,
    size: r.size,
    etag: r.etag,
    retainedUntil: r.retained_until,
    uploadedAt: r.uploaded_at,
    withdrawnAt: r.withdrawn_at,
    withdrawnReason: r.withdrawn_reason,
  };
}

/**
 * Upsert keyed by (version, kind): a job resumed after a crash records the same key again, and
 * must not clear a withdrawal that a revoke wrote in between.
 */
export function recordPublishedObject(
  conn: SqlConnection,
  o: Omit<PublishedObject, "withdrawnAt" | "withdrawnReason"> & {
    withdrawnAt?: string | null;
    withdrawnReason?: string | null;
  },
): void {
  conn
    .prepare(
      `INSERT INTO published_objects (version_id, kind, asset_id, object_key, sha256, size, etag, retained_until,
         uploaded_at, withdrawn_at, withdrawn_reason)
       VALUES (@versionId, @kind, @assetId, @key, @sha256, @size, @etag, @retainedUntil, @uploadedAt,
         @withdrawnAt, @withdrawnReason)
       ON CONFLICT (version_id, kind) DO UPDATE SET
         object_key = excluded.object_key, sha256 = excluded.sha256, size = excluded.size, etag = excluded.etag,
         retained_until = excluded.retained_until,
         withdrawn_at = coalesce(published_objects.withdrawn_at, excluded.withdrawn_at),
         withdrawn_reason = coalesce(published_objects.withdrawn_reason, excluded.withdrawn_reason)`,
    )
    .run({ ...o, withdrawnAt: o.withdrawnAt ?? null, withdrawnReason: o.withdrawnReason ?? null });
}

export function listPublishedObjects(
  conn: SqlConnection,
  filter: { assetId?: string; versionId?: string },
): PublishedObject[] {
  const rows = conn
    .prepare(
      `SELECT * FROM published_objects WHERE (? IS NULL OR asset_id = ?) AND (? IS NULL OR version_id = ?)
       ORDER BY uploaded_at, version_id, kind`,
    )
    .all(
      filter.assetId ?? null,
      filter.assetId ?? null,
      filter.versionId ?? null,
      filter.versionId ?? null,
    ) as PublishedObjectRow[];
  return rows.map(toPublishedObject);
}

export function getPublishedObject(
  conn: SqlConnection,
  versionId: string,
  kind: FileKind,
): PublishedObject | null {
  const r = conn
    .prepare("SELECT * FROM published_objects WHERE version_id = ? AND kind = ?")
    .get(versionId, kind) as PublishedObjectRow | undefined;
  return r ? toPublishedObject(r) : null;
}

/** Returns how many rows were newly withdrawn (already withdrawn rows keep their first date). */
export function withdrawPublishedObjects(
  conn: SqlConnection,
  assetId: string,
  at: string,
  reason: string,
): number {
  return conn
    .prepare(
      `UPDATE published_objects SET withdrawn_at = ?, withdrawn_reason = ?
       WHERE asset_id = ? AND withdrawn_at IS NULL`,
    )
    .run(at, reason, assetId).changes;
}
