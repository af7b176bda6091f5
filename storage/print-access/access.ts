import type { Role } from "../../domain/roles";
import type { AssetRecord } from "../assets";
import type { DbHandle } from "../db/connection";
import { getPublishedObject, type PublishedObject } from "../published-objects";
import { effectiveRoles } from "../users";
import { PrintAccessError } from "./errors";

// Every permission is decided here from the database, whatever the caller passes: the roles a
// session claims can only narrow them.

const PRINT_ROLES: readonly Role[] = ["printer", "admin"];

/** Roles the user really holds (active account), narrowed to those the session claims. */

/** Throws PrintAccessError FORBIDDEN unless the user is an active printer or admin (and claims it). */
export function requirePrintRole(db: DbHandle, userId: string, claimed?: readonly Role[]): void {
  if (!effectiveRoles(db, userId, claimed).some((r) => PRINT_ROLES.includes(r))) {
    throw new PrintAccessError("FORBIDDEN", `user ${userId} is not a printer`);
  }
}

/** The files a print shop may download: the print PDF, the 1:10 print PDF, the PNG. */
export type PrintFileKind = "pdf" | "pdf_scaled" | "png";
export const PRINT_FILE_KINDS: readonly PrintFileKind[] = ["pdf", "pdf_scaled", "png"];

/**
 * The asset's current print file of `kind`, if print shops may have it. Otherwise throws
 * PrintAccessError: NOT_FOUND (no asset, version or file), REVOKED (asset revoked or file
 * withdrawn) or NOT_PUBLISHED.
 */
export function printableObject(
  db: DbHandle,
  asset: AssetRecord | null,
  kind: PrintFileKind,
): PublishedObject {
  if (!asset?.currentVersionId) throw new PrintAccessError("NOT_FOUND", "asset not found");
  if (asset.state === "revoked") throw new PrintAccessError("REVOKED", `${asset.code} is revoked`);
  if (asset.state !== "published")
    throw new PrintAccessError("NOT_PUBLISHED", `${asset.code} is ${asset.state}`);
  const obj = getPublishedObject(db.conn, asset.currentVersionId, kind);
  if (!obj) throw new PrintAccessError("NOT_FOUND", `${asset.code} has no published ${kind}`);
  if (obj.withdrawnAt) throw new PrintAccessError("REVOKED", `${asset.code} ${kind} withdrawn`);
  return obj;
}
