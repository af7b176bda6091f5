import { getAsset } from "../assets";
import { auditEventFor } from "../audit";
import type { DbHandle } from "../db/connection";
import type { PrintFileKind } from "./access";
import { type PrintSpec, specFor } from "./spec";

/** One row of the print shop's library. Times are ISO UTC; sizes in bytes; hashes SHA-256 hex. */
export interface PublishedForPrinter {
  assetId: string;
  code: string;
  title: string;
  contentItem: { code: string; title: string } | null;
  version: { id: string; n: number; contentHash: string; verifyCode: string };
  spec: PrintSpec;
  /** Published and not withdrawn, by kind: `pdf`, `pdf_scaled` (1:10, formats over 5.08 m), `png`. */
  files: { kind: PrintFileKind; size: number; sha256: string }[];
  approvedAt: string | null;
  /** Display name of the approver. */
  approvedBy: string | null;
  /** From the log's PUBLISHED event; the PDF's upload time when the log has none. */
  publishedAt: string;
  lastConfirmation: { status: "printed" | "delivered"; at: string } | null;
}

/**
 * Published assets whose print PDF has not been withdrawn, newest upload first (then by code).
 * Lists for anyone who calls it: the route checks the print role before it asks.
 */
export function listPublishedForPrinter(db: DbHandle): PublishedForPrinter[] {
  const rows = db.conn
    .prepare(
      `SELECT a.id AS asset_id, v.id AS version_id, v.n, v.content_hash, v.verify_code, ci.title AS item_title,
         o.uploaded_at
       FROM assets a
       JOIN asset_versions v ON v.id = a.current_version_id
       JOIN published_objects o ON o.version_id = v.id AND o.kind = 'pdf' AND o.withdrawn_at IS NULL
       LEFT JOIN content_items ci ON ci.id = a.content_item_id
       WHERE a.state = 'published'
       ORDER BY o.uploaded_at DESC, a.code`,
    )
    .all() as {
    asset_id: string;
    version_id: string;
    n: number;
    content_hash: string;
    verify_code: string;
    item_title: string | null;
    uploaded_at: string;
  }[];
  const filesStmt = db.conn.prepare(
    `SELECT kind, size, sha256 FROM published_objects
     WHERE version_id = ? AND kind IN ('pdf','pdf_scaled','png') AND withdrawn_at IS NULL ORDER BY kind`,
  );
  const confirmStmt = db.conn.prepare(
    "SELECT status, at FROM print_confirmations WHERE asset_id = ? AND version_id = ? ORDER BY at DESC, id LIMIT 1",
  );
  return rows.map((r) => {
    const asset = getAsset(db, r.asset_id)!;
    const approval = auditEventFor(db.conn, r.version_id, "APPROVE");
    const published = auditEventFor(db.conn, r.version_id, "PUBLISHED");
    const confirmation = confirmStmt.get(r.asset_id, r.version_id) as
      | { status: "printed" | "delivered"; at: string }
      | undefined;
    return {
      assetId: asset.id,
      code: asset.code,
      title: asset.title,
      contentItem:
        asset.contentItemCode && r.item_title ? { code: asset.contentItemCode, title: r.item_title } : null,
      version: { id: r.version_id, n: r.n, contentHash: r.content_hash, verifyCode: r.verify_code },
      spec: specFor(asset),
      files: filesStmt.all(r.version_id) as PublishedForPrinter["files"],
      approvedAt: approval?.at ?? null,
      approvedBy: approval?.displayName ?? null,
      publishedAt: published?.at ?? r.uploaded_at,
      lastConfirmation: confirmation ?? null,
    };
  });
}
