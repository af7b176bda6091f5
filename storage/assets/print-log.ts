import { randomUUID } from "node:crypto";
import { COMMENT_MAX_CHARS } from "../../domain/limits";
import type { DbHandle } from "../db/connection";
import type { FileKind } from "../db/schema";
import { all, exec } from "../db/sync";
import { cleanNote } from "../text";

/**
 * Records that a user fetched one of a version's files; returns the row id. The user agent is
 * cut to 500 characters, since it is the client's to make arbitrarily long.
 */
export function logDownload(
  handle: DbHandle,
  input: {
    assetId: string;
    versionId: string;
    userId: string;
    fileKind: FileKind;
    ip?: string | null;
    userAgent?: string | null;
    now?: Date;
  },
): string {
  const id = randomUUID();
  exec(
    handle.conn,
    handle.db.insertInto("downloads").values({
      id,
      asset_id: input.assetId,
      version_id: input.versionId,
      user_id: input.userId,
      file_kind: input.fileKind,
      at: (input.now ?? new Date()).toISOString(),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    }),
  );
  return id;
}

/**
 * Records that a printer printed or delivered a version (`quantity` in copies, optional); returns
 * the row id. The note is cleaned like any note: INVALID_INPUT for a control or bidi character,
 * or past COMMENT_MAX_CHARS; an empty note is stored as NULL.
 */
export function confirmPrint(
  handle: DbHandle,
  input: {
    assetId: string;
    versionId: string;
    userId: string;
    status: "printed" | "delivered";
    quantity?: number | null;
    note?: string | null;
    now?: Date;
  },
): string {
  const id = randomUUID();
  exec(
    handle.conn,
    handle.db.insertInto("print_confirmations").values({
      id,
      asset_id: input.assetId,
      version_id: input.versionId,
      user_id: input.userId,
      status: input.status,
      quantity: input.quantity ?? null,
      note: input.note ? cleanNote(input.note, "Ghi chú", COMMENT_MAX_CHARS) || null : null,
      at: (input.now ?? new Date()).toISOString(),
    }),
  );
  return id;
}

/** The asset's downloads with the downloader's display name, oldest first: {id, version_id, user_id, display_name, file_kind, at}[]. */
export function listDownloads(handle: DbHandle, assetId: string) {
  return all(
    handle.conn,
    handle.db
      .selectFrom("downloads as d")
      .leftJoin("users as u", "u.id", "d.user_id")
      .select(["d.id", "d.version_id", "d.user_id", "u.display_name", "d.file_kind", "d.at"])
      .where("d.asset_id", "=", assetId)
      .orderBy("d.at")
      .orderBy("d.id"),
  );
}

/**
 * The asset's print confirmations with the printer's display name, oldest first:
 * {id, version_id, user_id, display_name, status, quantity, note, at}[].
 */
export function listPrintConfirmations(handle: DbHandle, assetId: string) {
  return all(
    handle.conn,
    handle.db
      .selectFrom("print_confirmations as p")
      .leftJoin("users as u", "u.id", "p.user_id")
      .select([
        "p.id",
        "p.version_id",
        "p.user_id",
        "u.display_name",
        "p.status",
        "p.quantity",
        "p.note",
        "p.at",
      ])
      .where("p.asset_id", "=", assetId)
      .orderBy("p.at")
      .orderBy("p.id"),
  );
}
