import type { Role } from "../../domain/roles";
import { getAsset, logDownload } from "../assets";
import type { DbHandle } from "../db/connection";
import { immediate } from "../db/sync";
import { fileNameForKind } from "../objects/keys";
import type { ObjectStore } from "../objects/types";
import { type PublishedObject, type PublishedObjectRow, toPublishedObject } from "../published-objects";
import { PRINT_FILE_KINDS, type PrintFileKind, printableObject, requirePrintRole } from "./access";
import { PrintAccessError } from "./errors";

export interface IssueDownloadLinkInput {
  db: DbHandle;
  store: ObjectStore;
  assetId: string;
  userId: string;
  /** From the session; only narrows what the database says the user holds. */
  roles: readonly Role[];
  /** `pdf_scaled`: the 1:10 print file of formats over 5.08 m, beside the true-size `pdf`. */
  kind: PrintFileKind;
  /** Default 300 s: long enough to start a download, short enough that a forwarded link dies. */
  expiresSeconds?: number;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

export interface DownloadLink {
  url: string;
  /** ISO UTC. */
  expiresAt: string;
  /** Id of the row in the download log. */
  downloadId: string;
  /** Object key in the store. */
  key: string;
  /** SHA-256 hex of the file. */
  sha256: string;
}

/**
 * A signed, short-lived link to the current print file (true-size PDF, 1:10 PDF or PNG) of a
 * published asset, logged as a download of that kind; the file name says the scale
 * (`…_ti-le-1-10.pdf`). `expiresSeconds` is floored and must be 1…3600. Throws PrintAccessError
 * INVALID_INPUT (kind, expiry), FORBIDDEN (not an active printer or admin), NOT_FOUND, REVOKED or
 * NOT_PUBLISHED; store errors from signing pass through.
 */
export async function issueDownloadLink(input: IssueDownloadLinkInput): Promise<DownloadLink> {
  const { db } = input;
  if (!PRINT_FILE_KINDS.includes(input.kind)) throw new PrintAccessError("INVALID_INPUT", "kind");
  const expiresSeconds = Math.floor(input.expiresSeconds ?? 300);
  if (!(expiresSeconds >= 1 && expiresSeconds <= 3600)) {
    throw new PrintAccessError("INVALID_INPUT", "expiresSeconds must be 1…3600");
  }
  requirePrintRole(db, input.userId, input.roles);
  const asset = getAsset(db, input.assetId);
  const obj = printableObject(db, asset, input.kind);
  const url = await input.store.presignGet(obj.key, {
    expiresSeconds,
    downloadName: fileNameForKind(`${asset!.code}-v${asset!.currentVersionN}-${asset!.formatId}`, input.kind),
  });
  const now = input.now ?? new Date();
  // Signing is async, so a revoke may have landed meanwhile: check again under the write lock, and
  // only hand out a link that is also in the log.
  const downloadId = immediate(db.conn, () => {
    const fresh = printableObject(db, getAsset(db, input.assetId), input.kind);
    return logDownload(db, {
      assetId: fresh.assetId,
      versionId: fresh.versionId,
      userId: input.userId,
      fileKind: input.kind,
      ip: input.ip ?? null,
      userAgent: input.userAgent ?? null,
      now,
    });
  });
  return {
    url,
    expiresAt: new Date(now.getTime() + expiresSeconds * 1000).toISOString(),
    downloadId,
    key: obj.key,
    sha256: obj.sha256,
  };
}

/**
 * When a download link is followed (the folder store's `/files/<token>`): the link was minted while
 * the file was printable, but a revoke since then must stop it at once, not when the link expires.
 * Throws REVOKED (withdrawn or revoked), NOT_PUBLISHED or NOT_FOUND; returns the published object.
 */
export function assertStillDownloadable(db: DbHandle, objectKey: string): PublishedObject {
  const row = db.conn.prepare("SELECT * FROM published_objects WHERE object_key = ?").get(objectKey) as
    | PublishedObjectRow
    | undefined;
  if (!row) throw new PrintAccessError("NOT_FOUND", `no published object ${objectKey}`);
  const obj = toPublishedObject(row);
  const asset = getAsset(db, obj.assetId);
  if (!asset) throw new PrintAccessError("NOT_FOUND", `asset ${obj.assetId} not found`);
  if (obj.withdrawnAt || asset.state === "revoked") {
    throw new PrintAccessError("REVOKED", `${asset.code} is revoked`);
  }
  if (asset.state !== "published")
    throw new PrintAccessError("NOT_PUBLISHED", `${asset.code} is ${asset.state}`);
  return obj;
}
