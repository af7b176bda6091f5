import type { DbHandle } from "../db/connection";
import type { FileKind } from "../db/schema";
import { all, exec, first } from "../db/sync";
import { sha256Hex } from "./hash";

/**
 * A print format's version is its print PDF; a screen format's (social, LED) is its PNG. Formats
 * over 5.08 m also keep `pdf_scaled`, the 1:10 print file drawn from the same SVG and slug.
 */
export interface RenderedFiles {
  pdf?: Uint8Array;
  pdf_scaled?: Uint8Array;
  png?: Uint8Array;
  svg?: Uint8Array | string;
}

/** What a version lists of each stored file: its kind, SHA-256 (hex) and size in bytes. */
export interface VersionFileInfo {
  kind: FileKind;
  sha256: string;
  size: number;
}

/** The file a version is: decisions bind to its hash and the publisher delivers it. */
export function primaryFile(files: RenderedFiles): { kind: "pdf" | "png"; bytes: Uint8Array } | null {
  if (files.pdf) return { kind: "pdf", bytes: files.pdf };
  if (files.png) return { kind: "png", bytes: files.png };
  return null;
}

const STORED_ORDER = ["pdf", "pdf_scaled", "png", "svg"] as const satisfies readonly FileKind[];

/**
 * Stores each file given (pdf, pdf_scaled, png, svg in that order; an SVG string as UTF-8) under
 * the version and returns what was stored. The caller owns the transaction.
 */
export function insertVersionFiles(
  handle: DbHandle,
  versionId: string,
  files: RenderedFiles,
): VersionFileInfo[] {
  const stored: VersionFileInfo[] = [];
  for (const kind of STORED_ORDER) {
    const data = files[kind];
    if (data === undefined) continue;
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data);
    const sha256 = sha256Hex(bytes);
    exec(
      handle.conn,
      handle.db
        .insertInto("version_files")
        .values({ version_id: versionId, kind, bytes, sha256, size: bytes.length }),
    );
    stored.push({ kind, sha256, size: bytes.length });
  }
  return stored;
}

/** The version's stored files without their bytes, ordered by kind; empty for an unknown version. */
export function listVersionFiles(handle: DbHandle, versionId: string): VersionFileInfo[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("version_files")
      .select(["kind", "sha256", "size"])
      .where("version_id", "=", versionId)
      .orderBy("kind"),
  );
}

/** One stored file with its bytes (size in bytes, sha256 as hex), or null when the version has none of that kind. */
export function getVersionFile(
  handle: DbHandle,
  versionId: string,
  kind: FileKind,
): { kind: FileKind; bytes: Buffer; sha256: string; size: number } | null {
  const r = first(
    handle.conn,
    handle.db
      .selectFrom("version_files")
      .select(["kind", "bytes", "sha256", "size"])
      .where("version_id", "=", versionId)
      .where("kind", "=", kind),
  );
  return r ?? null;
}

/**
 * Adds a file of `kind` to a version that has none of that kind yet (the 1:10 print file of a
 * version made before versions kept one), and returns the version's file of that kind: the one
 * just stored, or the one another writer stored first (its bytes win, so every reader gets one
 * file). Only `pdf_scaled` may be added later: the other kinds are what the version was made of.
 * The caller owns the transaction.
 */
export function addVersionFile(
  handle: DbHandle,
  versionId: string,
  kind: "pdf_scaled",
  bytes: Uint8Array,
): { kind: FileKind; bytes: Buffer; sha256: string; size: number } {
  const data = Buffer.from(bytes);
  handle.conn
    .prepare(
      `INSERT INTO version_files (version_id, kind, bytes, sha256, size) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (version_id, kind) DO NOTHING`,
    )
    .run(versionId, kind, data, sha256Hex(data), data.length);
  return getVersionFile(handle, versionId, kind)!;
}
