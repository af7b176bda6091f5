import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, open, readdir, readFile, rename, rm, rmdir, stat as fsStat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ObjectStoreError } from "./errors";
import { assertKey, assertPrefix } from "./keys";
import { decodeMetadata, encodeMetadata } from "./metadata";
import type {
  EnsureBucketResult,
  ListedObject,
  ObjectStat,
  ObjectStore,
  PresignOptions,
  PutOptions,
  PutResult,
  RetentionMode,
} from "./types";

export interface FolderStoreConfig {
  /** Root folder, e.g. `${DATA_DIR}/objects`. */
  root: string;
  /** HMAC secret for download links; when absent a random one is created once in `<root>/.link-secret`. */
  linkSecret?: string;
  /** Prefix of the URLs presignGet returns; the web app serves `/files/<token>`. */
  linkBaseUrl?: string;
}

export interface FolderLink {
  key: string;
  downloadName?: string;
  expiresAt: Date;
}

/**
 * Layout (see docs/decisions/022-folder-object-store.md):
 *   meta/<key>.json          the commit record: size, sha-256, metadata, retention, blob path
 *   blobs/<key>@<sha256>     the bytes, named by content so a re-put never rewrites a live file
 *   tmp/                     temp files, same filesystem so rename() is atomic
 * An object exists exactly when its sidecar exists; the sidecar is renamed into place only after
 * its blob is durable, so a crash leaves at most an unreferenced blob or temp file, never a
 * visible half-written object or metadata that describes other bytes.
 */
interface Sidecar {
  v: 1;
  key: string;
  size: number;
  sha256: string;
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: string;
  retainUntil: string | null;
  retentionMode: RetentionMode | null;
  blob: string;
}

const MAX_LINK_SECONDS = 7 * 24 * 3600;

/** Shortest link secret accepted (OBJECT_LINK_SECRET), in characters. */
export const LINK_SECRET_MIN_LENGTH = 16;

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString("base64url");
}

function sign(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(`co-dong-link.v1.${payload}`).digest();
}

export function signFolderLink(secret: string, link: FolderLink): string {
  const body: { k: string; e: number; n?: string } = {
    k: link.key,
    e: Math.ceil(link.expiresAt.getTime() / 1000),
  };
  if (link.downloadName) body.n = link.downloadName;
  const payload = b64url(JSON.stringify(body));
  return `${payload}.${b64url(sign(secret, payload))}`;
}

/** Checks a `/files/<token>` token: BAD_SIGNATURE for anything not minted with `secret`, then EXPIRED. */
export function verifyFolderLink(token: string, secret: string, now: number = Date.now()): FolderLink {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 2 || !parts[0] || !parts[1])
    throw new ObjectStoreError("BAD_SIGNATURE", "malformed link");
  const [payload, sig] = parts;
  const expected = sign(secret, payload);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ObjectStoreError("BAD_SIGNATURE", "link signature does not match");
  }
  let body: { k?: unknown; e?: unknown; n?: unknown };
  try {
    body = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw new ObjectStoreError("BAD_SIGNATURE", "link payload unreadable");
  }
  if (typeof body.k !== "string" || typeof body.e !== "number") {
    throw new ObjectStoreError("BAD_SIGNATURE", "link payload incomplete");
  }
  assertKey(body.k);
  const expiresAt = new Date(body.e * 1000);
  if (expiresAt.getTime() <= now) {
    throw new ObjectStoreError("EXPIRED", `link expired at ${expiresAt.toISOString()}`, { key: body.k });
  }
  return { key: body.k, expiresAt, ...(typeof body.n === "string" ? { downloadName: body.n } : {}) };
}

function fsError(err: unknown, op: string, key?: string): ObjectStoreError {
  if (err instanceof ObjectStoreError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  const mapped =
    code === "ENOENT"
      ? "NOT_FOUND"
      : code === "EACCES" || code === "EPERM"
        ? "ACCESS_DENIED"
        : code === "ENOSPC" || code === "EIO" || code === "EROFS" || code === "EMFILE" || code === "EBUSY"
          ? "UNAVAILABLE"
          : "INTERNAL";
  return new ObjectStoreError(mapped, `${op}${key ? ` ${key}` : ""}: ${(err as Error)?.message ?? err}`, {
    key,
    cause: err,
  });
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic there.
  }
}

export class FolderObjectStore implements ObjectStore {
  readonly kind = "folder" as const;
  readonly root: string;
  private readonly linkBaseUrl: string;
  private secret: string | undefined;
  /** Serialises writers per key inside this process (cross-process writers are not expected). */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(config: FolderStoreConfig) {
    this.root = resolve(config.root);
    this.linkBaseUrl = config.linkBaseUrl ?? "/files/";
    if (config.linkSecret !== undefined) {
      if (config.linkSecret.length < LINK_SECRET_MIN_LENGTH) {
        throw new ObjectStoreError(
          "CONFIG",
          `OBJECT_LINK_SECRET must be at least ${LINK_SECRET_MIN_LENGTH} characters`,
        );
      }
      this.secret = config.linkSecret;
    }
  }

  private metaPath(key: string): string {
    return this.inside(join(this.root, "meta", `${key}.json`));
  }

  private inside(p: string): string {
    // Keys are validated already; this is the belt to that brace.
    if (!p.startsWith(this.root + sep)) throw new ObjectStoreError("BAD_KEY", `path escapes store: ${p}`);
    return p;
  }

  private async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  private async writeAtomic(dest: string, data: Buffer | string): Promise<void> {
    const tmpDir = join(this.root, "tmp");
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomUUID()}.tmp`);
    const fh = await open(tmp, "wx", 0o644);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await mkdir(dirname(dest), { recursive: true });
      await rename(tmp, dest);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await fsyncDir(dirname(dest));
  }

  private async readSidecar(key: string): Promise<Sidecar | null> {
    try {
      return JSON.parse(await readFile(this.metaPath(key), "utf8")) as Sidecar;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw fsError(err, "read metadata", key);
    }
  }

  private linkSecret(): string {
    if (this.secret) return this.secret;
    const file = join(this.root, ".link-secret");
    mkdirSync(this.root, { recursive: true });
    try {
      // Persisted so links handed out before a restart stay valid until they expire.
      writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw fsError(err, "create link secret");
    }
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length < 32) throw new ObjectStoreError("CONFIG", `${file} is empty or truncated`);
    this.secret = secret;
    return secret;
  }

  async ensureBucket(): Promise<EnsureBucketResult> {
    let created = false;
    try {
      await fsStat(join(this.root, "meta"));
    } catch {
      created = true;
    }
    try {
      for (const d of ["meta", "blobs", "tmp"]) await mkdir(join(this.root, d), { recursive: true });
      // Temp files only survive a crash mid-put; nothing references them.
      const cutoff = Date.now() - 3600_000;
      for (const name of await readdir(join(this.root, "tmp"))) {
        const p = join(this.root, "tmp", name);
        const s = await fsStat(p).catch(() => null);
        if (s && s.mtimeMs < cutoff) await rm(p, { force: true });
      }
    } catch (err) {
      throw fsError(err, "ensureBucket");
    }
    return { created, objectLock: true };
  }

  /** Retention here is enforced by this module, not by the filesystem (see decision 022). */
  async supportsObjectLock(): Promise<boolean> {
    return true;
  }

  async put(key: string, bytes: Uint8Array | Buffer, options: PutOptions): Promise<PutResult> {
    assertKey(key);
    const metadata = decodeMetadata(encodeMetadata(options.metadata));
    const buf = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return this.withLock(key, async () => {
      const previous = await this.readSidecar(key);
      if (previous?.retainUntil && Date.parse(previous.retainUntil) > Date.now()) {
        throw new ObjectStoreError(
          "RETENTION",
          `put ${key}: existing object retained until ${previous.retainUntil}`,
          {
            key,
          },
        );
      }
      const sha256 = createHash("sha256").update(buf).digest("hex");
      const etag = createHash("md5").update(buf).digest("hex");
      const blob = `${key}@${sha256}`;
      const blobPath = this.inside(join(this.root, "blobs", blob));
      const retainUntil =
        options.retainUntil && options.retainUntil.getTime() > Date.now() ? options.retainUntil : null;
      const sidecar: Sidecar = {
        v: 1,
        key,
        size: buf.length,
        sha256,
        etag,
        contentType: options.contentType || "application/octet-stream",
        metadata,
        lastModified: new Date().toISOString(),
        retainUntil: retainUntil?.toISOString() ?? null,
        retentionMode: retainUntil ? (options.retentionMode ?? "GOVERNANCE") : null,
        blob,
      };
      try {
        await this.writeAtomic(blobPath, buf);
        // Verify the bytes that landed before publishing the record that points at them.
        const onDisk = options.verify === "read" ? await readFile(blobPath) : null;
        const size = onDisk ? onDisk.length : (await fsStat(blobPath)).size;
        if (size !== buf.length || (onDisk && createHash("sha256").update(onDisk).digest("hex") !== sha256)) {
          await rm(blobPath, { force: true });
          throw new ObjectStoreError("CHECKSUM_MISMATCH", `put ${key}: stored blob differs`, { key });
        }
        await this.writeAtomic(this.metaPath(key), JSON.stringify(sidecar, null, 2));
        if (previous && previous.blob !== blob) {
          await rm(this.inside(join(this.root, "blobs", previous.blob)), { force: true });
        }
      } catch (err) {
        throw fsError(err, "put", key);
      }
      return { key, sha256, size: buf.length, etag, retainedUntil: retainUntil };
    });
  }

  async get(key: string): Promise<Buffer> {
    assertKey(key);
    const sidecar = await this.readSidecar(key);
    if (!sidecar) throw new ObjectStoreError("NOT_FOUND", `get ${key}: no such object`, { key });
    let bytes: Buffer;
    try {
      bytes = await readFile(this.inside(join(this.root, "blobs", sidecar.blob)));
    } catch (err) {
      // The record exists but its bytes do not: that is damage, not absence.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") {
        throw new ObjectStoreError("CHECKSUM_MISMATCH", `get ${key}: blob missing`, { key, cause: err });
      }
      throw fsError(err, "get", key);
    }
    if (
      bytes.length !== sidecar.size ||
      createHash("sha256").update(bytes).digest("hex") !== sidecar.sha256
    ) {
      throw new ObjectStoreError("CHECKSUM_MISMATCH", `get ${key}: bytes differ from recorded sha-256`, {
        key,
      });
    }
    return bytes;
  }

  async stat(key: string): Promise<ObjectStat | null> {
    assertKey(key);
    const s = await this.readSidecar(key);
    if (!s) return null;
    const inForce = s.retainUntil && Date.parse(s.retainUntil) > Date.now() ? new Date(s.retainUntil) : null;
    return {
      size: s.size,
      sha256: s.sha256,
      metadata: { ...s.metadata },
      contentType: s.contentType,
      lastModified: new Date(s.lastModified),
      etag: s.etag,
      retainUntil: inForce,
      retentionMode: inForce ? s.retentionMode : null,
    };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    return this.withLock(key, async () => {
      const s = await this.readSidecar(key);
      if (!s) return;
      if (s.retainUntil && Date.parse(s.retainUntil) > Date.now()) {
        throw new ObjectStoreError("RETENTION", `delete ${key}: retained until ${s.retainUntil}`, { key });
      }
      try {
        // Record first: once it is gone the object is gone, even if removing the blob fails.
        await rm(this.metaPath(key), { force: true });
        await rm(this.inside(join(this.root, "blobs", s.blob)), { force: true });
        await this.pruneEmptyDirs(dirname(this.metaPath(key)), join(this.root, "meta"));
        await this.pruneEmptyDirs(dirname(join(this.root, "blobs", s.blob)), join(this.root, "blobs"));
      } catch (err) {
        throw fsError(err, "delete", key);
      }
    });
  }

  private async pruneEmptyDirs(dir: string, stop: string): Promise<void> {
    let d = dir;
    while (d.startsWith(stop + sep)) {
      try {
        await rmdir(d);
      } catch {
        return; // not empty (or raced with a writer): leave it
      }
      d = dirname(d);
    }
  }

  async list(prefix: string): Promise<ListedObject[]> {
    assertPrefix(prefix);
    const metaRoot = join(this.root, "meta");
    // Walk only the deepest directory the prefix pins down.
    const slash = prefix.lastIndexOf("/");
    const start = slash >= 0 ? join(metaRoot, prefix.slice(0, slash)) : metaRoot;
    const out: ListedObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: import("node:fs").Dirent[];
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
        throw fsError(err, "list", prefix);
      }
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile() && e.name.endsWith(".json")) {
          const key = relative(metaRoot, p).split(sep).join("/").slice(0, -".json".length);
          if (!key.startsWith(prefix)) continue;
          const s = await this.readSidecar(key);
          if (s) out.push({ key, size: s.size, lastModified: new Date(s.lastModified) });
        }
      }
    };
    await walk(start);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async presignGet(key: string, options: PresignOptions): Promise<string> {
    assertKey(key);
    const expires = Math.floor(options.expiresSeconds);
    if (!(expires >= 1 && expires <= MAX_LINK_SECONDS)) {
      throw new ObjectStoreError("CONFIG", `expiresSeconds must be 1…${MAX_LINK_SECONDS}`, { key });
    }
    const token = signFolderLink(this.linkSecret(), {
      key,
      expiresAt: new Date(Date.now() + expires * 1000),
      downloadName: options.downloadName?.normalize("NFC"),
    });
    return `${this.linkBaseUrl}${token}`;
  }

  /** For the `/files/<token>` route: the key (and download name) or EXPIRED / BAD_SIGNATURE. */
  verifyFolderLink(token: string, now: number = Date.now()): FolderLink {
    return verifyFolderLink(token, this.linkSecret(), now);
  }
}
