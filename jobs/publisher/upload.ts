import type { FileKind } from "../../storage/db/schema";
import { ObjectStoreError } from "../../storage/objects/index.server";
import type { ObjectStat, ObjectStore } from "../../storage/objects/types";
import { type PublisherContext, PublishError } from "./context";

/** The kinds that go to the object store: the print PDFs and the PNG (the SVG stays in SQLite). */
export type PublishedKind = Exclude<FileKind, "svg">;

const CONTENT_TYPES: Record<PublishedKind, string> = {
  pdf: "application/pdf",
  pdf_scaled: "application/pdf",
  png: "image/png",
};

export interface Uploaded {
  kind: PublishedKind;
  key: string;
  sha256: string;
  size: number;
  etag: string;
  retainedUntil: string | null;
  /** The key already held these bytes: nothing was written. */
  reused: boolean;
}

export interface UploadInput {
  kind: PublishedKind;
  key: string;
  bytes: Buffer;
  sha256: string;
  metadata: Record<string, string>;
  retainUntil: Date | undefined;
  /** A file a print shop prints (the approved file, the 1:10 file): read back in full, not trusted from a HEAD. */
  readBack: boolean;
}

/** Checks (or creates) the bucket once per pass; an outage is not remembered for the pass's later jobs. */
export function ensureBucket(ctx: PublisherContext): Promise<void> {
  if (!ctx.bucketReady) {
    const p = ctx.store.ensureBucket().then(() => undefined);
    ctx.bucketReady = p;
    p.catch(() => {
      if (ctx.bucketReady === p) ctx.bucketReady = null;
    });
  }
  return ctx.bucketReady;
}

function reused(u: UploadInput, stat: ObjectStat): Uploaded {
  return {
    kind: u.kind,
    key: u.key,
    sha256: u.sha256,
    size: stat.size,
    etag: stat.etag,
    retainedUntil: stat.retainUntil?.toISOString() ?? null,
    reused: true,
  };
}

/**
 * Stat first: after a crash the key may already hold this exact file, possibly under retention,
 * where a second PUT would be refused (and on a versioned bucket would add a needless version).
 */
export async function uploadOne(store: ObjectStore, u: UploadInput): Promise<Uploaded> {
  const existing = await store.stat(u.key);
  if (existing) {
    if (existing.sha256 !== u.sha256 || existing.size !== u.bytes.length) {
      throw new PublishError(
        "KEY_CONFLICT",
        `${u.key} already holds different bytes (sha-256 ${existing.sha256 ?? "unknown"}, expected ${u.sha256})`,
      );
    }
    // get() re-hashes the body against the recorded sha-256, so a reused print file is byte-checked too.
    if (u.readBack) await store.get(u.key);
    return reused(u, existing);
  }
  let res: Awaited<ReturnType<ObjectStore["put"]>>;
  try {
    res = await store.put(u.key, u.bytes, {
      contentType: CONTENT_TYPES[u.kind],
      metadata: u.metadata,
      retainUntil: u.retainUntil,
      // The print file is what the shop prints: read it back rather than trust a HEAD.
      verify: u.readBack ? "read" : "stat",
    });
  } catch (err) {
    // Another worker (one that took over an expired lease) may have stored the same file between
    // our stat and our PUT; retention then refuses the overwrite, which is not a failure.
    if (err instanceof ObjectStoreError && (err.code === "RETENTION" || err.code === "ACCESS_DENIED")) {
      const now = await store.stat(u.key);
      if (now?.sha256 === u.sha256 && now.size === u.bytes.length) return reused(u, now);
    }
    throw err;
  }
  if (res.sha256 !== u.sha256) {
    throw new PublishError("INTEGRITY", `${u.key}: stored sha-256 ${res.sha256} ≠ ${u.sha256}`);
  }
  return {
    kind: u.kind,
    key: u.key,
    sha256: res.sha256,
    size: res.size,
    etag: res.etag,
    retainedUntil: res.retainedUntil?.toISOString() ?? null,
    reused: false,
  };
}
