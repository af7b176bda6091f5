import { randomUUID } from "node:crypto";
import { isDomainError } from "../../domain/errors";
import type { Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { exec, first, immediate } from "../db/sync";
import type { ObjectStore } from "../objects/types";
import { requireMediaEditor } from "./access";
import { MediaError } from "./errors";
import { mediaKey } from "./keys";
import { MEDIA_FILES_PER_UPLOAD_MAX } from "./limits";
import { type MediaKind, type PreparedMedia, prepareMedia } from "./prepare";
import { addTags, checkTags, cleanMediaText } from "./records";

/** One file as it came from a form: the bytes and the name the sender gave it (for messages only). */
export interface UploadedFile {
  bytes: Buffer;
  name?: string;
}

export interface IngestInput {
  db: DbHandle;
  store: ObjectStore;
  userId: string;
  /** The session's roles; they only narrow what the database says the user holds. */
  roles?: readonly Role[];
  files: readonly UploadedFile[];
  /** What the form says the files are; an SVG is a logo whatever is asked. */
  kind: MediaKind;
  /** Content item ids every file is tagged with. */
  contentItemIds?: readonly string[];
  caption?: string;
  credit?: string;
  now?: Date;
}

/** What became of one file: stored (new, or the row the same bytes already had), or refused. */
export type IngestOutcome =
  | {
      ok: true;
      file: string;
      id: string;
      kind: MediaKind;
      /** The same bytes were in the library already: that row, with the new tags added. */
      duplicate: boolean;
      /** That row had been hidden and is shown again. */
      restored: boolean;
      /** Editor metadata dropped from an SVG (elements and attributes). */
      dropped: number;
    }
  | { ok: false; file: string; code: string; messageVi: string };

const fileName = (f: UploadedFile, i: number) => f.name?.slice(0, 120) || `tệp ${i + 1}`;

/**
 * Stores one prepared file: the object first (its key is its hash, so a repeat put is the same
 * object), then, in one transaction, the row, or, when a row already has these bytes, that row
 * with the tags added, an empty caption or credit filled and the row shown again if it was hidden.
 * A failed write leaves at most an object no row names, never a row without its object.
 */
async function store(
  input: IngestInput,
  p: PreparedMedia,
  meta: { tags: string[]; caption: string; credit: string },
): Promise<Omit<Extract<IngestOutcome, { ok: true }>, "file" | "ok">> {
  const { db } = input;
  const bySha = () =>
    first(
      db.conn,
      db.db.selectFrom("media").select(["id", "kind", "retired_at"]).where("sha256", "=", p.sha256),
    );
  const key = mediaKey(p.sha256, p.ext);
  if (!bySha()) {
    await input.store.put(key, p.bytes, {
      contentType: p.contentType,
      metadata: { "media-kind": p.kind, "source-type": p.sourceType, "uploaded-by": input.userId },
    });
  }
  const at = (input.now ?? new Date()).toISOString();
  return immediate(db.conn, () => {
    // Another post may have stored the same bytes while this one was uploading.
    const existing = bySha();
    if (existing) {
      const fill = (column: "caption" | "credit", value: string) => {
        if (!value) return;
        exec(
          db.conn,
          db.db
            .updateTable("media")
            .set({ [column]: value })
            .where("id", "=", existing.id)
            .where(column, "=", ""),
        );
      };
      fill("caption", meta.caption);
      fill("credit", meta.credit);
      addTags(db, existing.id, meta.tags);
      if (existing.retired_at) {
        exec(
          db.conn,
          db.db.updateTable("media").set({ retired_at: null, updated_at: at }).where("id", "=", existing.id),
        );
      }
      return {
        id: existing.id,
        kind: existing.kind,
        duplicate: true,
        restored: existing.retired_at !== null,
        dropped: p.dropped,
      };
    }
    const id = randomUUID();
    exec(
      db.conn,
      db.db.insertInto("media").values({
        id,
        sha256: p.sha256,
        kind: p.kind,
        content_type: p.contentType,
        source_type: p.sourceType,
        object_key: key,
        size: p.size,
        width: p.width,
        height: p.height,
        caption: meta.caption,
        credit: meta.credit,
        focus_x: p.focus.x,
        focus_y: p.focus.y,
        focus_source: "auto",
        uploaded_by: input.userId,
        uploaded_at: at,
        updated_at: at,
        retired_at: null,
      }),
    );
    addTags(db, id, meta.tags);
    return { id, kind: p.kind, duplicate: false, restored: false, dropped: p.dropped };
  });
}

/**
 * Uploads files to the library, one after the other (one decode in memory at a time). Who:
 * drafter, office, admin (MediaError MEDIA_FORBIDDEN otherwise, before any file is read). The
 * caption, credit and tags are checked first (MEDIA_INVALID_INPUT, as is no file or more than
 * MEDIA_FILES_PER_UPLOAD_MAX). Then each file is prepared (prepareMedia) and stored on its own: a
 * refused file (a MediaError, or the object store down: its Vietnamese message) is reported in
 * its outcome and the others go on. Faults of the store are also logged for the operator.
 * Throws only for the checks above and for errors that are not domain errors.
 */
export async function ingestMedia(input: IngestInput): Promise<IngestOutcome[]> {
  requireMediaEditor(input.db, input.userId, input.roles);
  const meta = {
    caption: cleanMediaText(input.caption, "caption"),
    credit: cleanMediaText(input.credit, "credit"),
    tags: checkTags(input.db, input.contentItemIds ?? []),
  };
  if (input.files.length === 0) {
    throw new MediaError("MEDIA_INVALID_INPUT", "no file", "Hãy chọn ít nhất một tệp ảnh hoặc logo.");
  }
  if (input.files.length > MEDIA_FILES_PER_UPLOAD_MAX) {
    throw new MediaError(
      "MEDIA_INVALID_INPUT",
      `${input.files.length} files > ${MEDIA_FILES_PER_UPLOAD_MAX}`,
      `Mỗi lần tải lên tối đa ${MEDIA_FILES_PER_UPLOAD_MAX} tệp.`,
    );
  }
  const outcomes: IngestOutcome[] = [];
  for (const [i, f] of input.files.entries()) {
    const file = fileName(f, i);
    try {
      const stored = await store(input, await prepareMedia(f.bytes, input.kind), meta);
      outcomes.push({ ok: true, file, ...stored });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.fault) console.error(`[media] ${file}: ${e.name} ${e.code}: ${e.message}`);
      outcomes.push({ file, ok: false, code: e.code, messageVi: e.messageVi });
    }
  }
  return outcomes;
}
