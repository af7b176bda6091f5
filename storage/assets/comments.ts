import { randomUUID } from "node:crypto";
import { COMMENT_MAX_CHARS } from "../../domain/limits";
import { WorkflowError } from "../../domain/workflow-error";
import type { DbHandle } from "../db/connection";
import { all, exec, immediate } from "../db/sync";
import { cleanNote } from "../text";
import { getAsset } from "./records";
import { getVersion } from "./versions";

export interface CommentInput {
  assetId: string;
  /** The version commented on; null or omitted for a comment on the asset as a whole. */
  versionId?: string | null;
  authorId: string;
  body: string;
  /** Pin on the preview, as fractions of its width and height. */
  pin?: { x: number; y: number } | null;
  now?: Date;
}

export interface CommentRecord {
  id: string;
  assetId: string;
  versionId: string | null;
  authorId: string;
  /** The author's display name; null once the user row is gone. */
  authorName: string | null;
  body: string;
  pin: { x: number; y: number } | null;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * Stores a comment (body cleaned like any note, at most COMMENT_MAX_CHARS) and returns it as
 * listComments shows it. Errors: COMMENT_TOO_LONG, INVALID_INPUT (a character the cleaner refuses,
 * an empty body, or a pin outside 0..1), NOT_FOUND (no such asset, or a version not the asset's).
 */
export function addComment(handle: DbHandle, input: CommentInput): CommentRecord {
  const body = cleanNote(input.body, "Ý kiến", COMMENT_MAX_CHARS, "COMMENT_TOO_LONG");
  if (body.length === 0)
    throw new WorkflowError("INVALID_INPUT", "empty comment", {}, "Ý kiến không được để trống.");
  const pin = input.pin ?? null;
  if (pin && !(pin.x >= 0 && pin.x <= 1 && pin.y >= 0 && pin.y <= 1)) {
    throw new WorkflowError("INVALID_INPUT", "pin must be fractions between 0 and 1");
  }
  const id = randomUUID();
  const createdAt = (input.now ?? new Date()).toISOString();
  immediate(handle.conn, () => {
    if (!getAsset(handle, input.assetId)) throw new WorkflowError("NOT_FOUND", "asset not found");
    if (input.versionId) {
      const v = getVersion(handle, input.versionId);
      if (!v || v.assetId !== input.assetId) throw new WorkflowError("NOT_FOUND", "version not found");
    }
    exec(
      handle.conn,
      handle.db.insertInto("comments").values({
        id,
        asset_id: input.assetId,
        version_id: input.versionId ?? null,
        author_id: input.authorId,
        body,
        pin_x: pin?.x ?? null,
        pin_y: pin?.y ?? null,
        created_at: createdAt,
      }),
    );
  });
  return listComments(handle, input.assetId).find((c) => c.id === id)!;
}

/** The asset's comments with their authors' names, oldest first (ties by id); empty for an unknown asset. */
export function listComments(handle: DbHandle, assetId: string): CommentRecord[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("comments as c")
      .leftJoin("users as u", "u.id", "c.author_id")
      .select([
        "c.id",
        "c.asset_id",
        "c.version_id",
        "c.author_id",
        "u.display_name",
        "c.body",
        "c.pin_x",
        "c.pin_y",
        "c.created_at",
      ])
      .where("c.asset_id", "=", assetId)
      .orderBy("c.created_at")
      .orderBy("c.id"),
  ).map((r) => ({
    id: r.id,
    assetId: r.asset_id,
    versionId: r.version_id,
    authorId: r.author_id,
    authorName: r.display_name,
    body: r.body,
    pin: r.pin_x != null && r.pin_y != null ? { x: r.pin_x, y: r.pin_y } : null,
    createdAt: r.created_at,
  }));
}
