import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Client, type ObjectLockInfo } from "minio";
import { failFastAgent, type TimeoutOptions } from "./agent.server";
import { contentDisposition } from "./content-disposition";
import { ObjectStoreError, type ObjectStoreErrorCode } from "./errors";
import { assertKey, assertPrefix } from "./keys";
import { decodeMetadataValue, encodeMetadata } from "./metadata";
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

export interface S3StoreConfig extends TimeoutOptions {
  endPoint: string;
  port?: number;
  useSSL: boolean;
  accessKey: string;
  secretKey: string;
  bucket: string;
  region: string;
  /** Base URL print shops reach (e.g. https://files.example.vn); presigned links are signed for it. */
  publicUrl?: string;
}

const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

const UNAVAILABLE_NET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENETDOWN",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);
const S3_CODE_MAP: Record<string, ObjectStoreErrorCode> = {
  NoSuchKey: "NOT_FOUND",
  NotFound: "NOT_FOUND",
  NoSuchBucket: "NO_BUCKET",
  AccessDenied: "ACCESS_DENIED",
  InvalidAccessKeyId: "ACCESS_DENIED",
  SignatureDoesNotMatch: "ACCESS_DENIED",
  BadDigest: "CHECKSUM_MISMATCH",
  InvalidDigest: "CHECKSUM_MISMATCH",
  XAmzContentSHA256Mismatch: "CHECKSUM_MISMATCH",
  InternalError: "UNAVAILABLE",
  ServiceUnavailable: "UNAVAILABLE",
  SlowDown: "UNAVAILABLE",
  RequestTimeout: "UNAVAILABLE",
  XMinioServerNotInitialized: "UNAVAILABLE",
};
/** Answers meaning "this server/bucket has no object lock" rather than "something broke". */
const NO_LOCK_CODES = new Set([
  "ObjectLockConfigurationNotFoundError",
  "NotImplemented",
  "InvalidRequest",
  "MethodNotAllowed",
]);

function errCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

export function mapS3Error(err: unknown, op: string, key?: string): ObjectStoreError {
  if (err instanceof ObjectStoreError) return err;
  const code = errCode(err);
  const message = err instanceof Error ? err.message : String(err);
  let mapped: ObjectStoreErrorCode = "INTERNAL";
  if (code && UNAVAILABLE_NET_CODES.has(code)) mapped = "UNAVAILABLE";
  else if (code && S3_CODE_MAP[code]) mapped = S3_CODE_MAP[code];
  else if (/socket hang up|ECONNREFUSED|ECONNRESET/i.test(message)) mapped = "UNAVAILABLE";
  return new ObjectStoreError(mapped, `${op}${key ? ` ${key}` : ""}: ${code ? `${code}: ` : ""}${message}`, {
    key,
    cause: err,
  });
}

async function readBody(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function stripQuotes(etag: string | undefined): string {
  return (etag ?? "").replace(/^"|"$/g, "");
}

function toBuffer(bytes: Uint8Array | Buffer): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parsePublicUrl(url: string): { endPoint: string; port?: number; useSSL: boolean } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ObjectStoreError("CONFIG", `MINIO_PUBLIC_URL is not a URL: ${url}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new ObjectStoreError("CONFIG", `MINIO_PUBLIC_URL must be http(s): ${url}`);
  }
  // The path is part of the V4 signature; a prefix would need a proxy that rewrites it, which breaks signing.
  if (u.pathname !== "/" && u.pathname !== "") {
    throw new ObjectStoreError("CONFIG", `MINIO_PUBLIC_URL must not have a path: ${url}`);
  }
  return { endPoint: u.hostname, port: u.port ? Number(u.port) : undefined, useSSL: u.protocol === "https:" };
}

export class S3ObjectStore implements ObjectStore {
  readonly kind = "s3" as const;
  readonly bucket: string;
  private readonly client: Client;
  private readonly publicClient: Client;
  private lockSupport: Promise<boolean> | null = null;

  constructor(readonly config: S3StoreConfig) {
    this.bucket = config.bucket;
    const timeouts = { connectTimeoutMs: config.connectTimeoutMs, idleTimeoutMs: config.idleTimeoutMs };
    try {
      this.client = new Client({
        endPoint: config.endPoint,
        port: config.port,
        useSSL: config.useSSL,
        accessKey: config.accessKey,
        secretKey: config.secretKey,
        // A fixed region means minio-js never asks the server for the bucket location first.
        region: config.region,
        pathStyle: true,
        transportAgent: failFastAgent(config.useSSL, timeouts),
        // The publisher owns retries (with backoff, across restarts); a hidden retry only delays the error.
        retryOptions: { disableRetry: true },
      });
      const pub = config.publicUrl ? parsePublicUrl(config.publicUrl) : null;
      this.publicClient = pub
        ? new Client({
            ...pub,
            accessKey: config.accessKey,
            secretKey: config.secretKey,
            region: config.region,
            pathStyle: true,
          })
        : this.client;
    } catch (err) {
      if (err instanceof ObjectStoreError) throw err;
      throw new ObjectStoreError("CONFIG", `invalid S3 configuration: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  async ensureBucket(): Promise<EnsureBucketResult> {
    let exists: boolean;
    try {
      exists = await this.client.bucketExists(this.bucket);
    } catch (err) {
      throw mapS3Error(err, "ensureBucket");
    }
    if (exists) return { created: false, objectLock: await this.supportsObjectLock() };
    this.lockSupport = null;
    try {
      await this.client.makeBucket(this.bucket, this.config.region, { ObjectLocking: true });
    } catch (err) {
      const code = errCode(err);
      if (code === "BucketAlreadyOwnedByYou" || code === "BucketAlreadyExists") {
        return { created: false, objectLock: await this.supportsObjectLock() };
      }
      if (!code || UNAVAILABLE_NET_CODES.has(code) || code === "AccessDenied") {
        throw mapS3Error(err, "ensureBucket");
      }
      // The server refused the object-lock flavour; a plain bucket still lets publishing work.
      try {
        await this.client.makeBucket(this.bucket, this.config.region);
      } catch (err2) {
        throw mapS3Error(err2, "ensureBucket");
      }
    }
    return { created: true, objectLock: await this.supportsObjectLock() };
  }

  supportsObjectLock(): Promise<boolean> {
    if (!this.lockSupport) {
      // minio-js's overloads list a `void` variant first, which hides the promise from TypeScript.
      const lockConfig = this.client.getObjectLockConfig(this.bucket) as unknown as Promise<ObjectLockInfo>;
      const probe = lockConfig.then(
        (cfg) => cfg?.objectLockEnabled === "Enabled",
        (err: unknown) => {
          if (NO_LOCK_CODES.has(errCode(err) ?? "")) return false;
          throw mapS3Error(err, "supportsObjectLock");
        },
      );
      this.lockSupport = probe;
      // Only a definite answer is cached; an outage must not pin "no lock" forever.
      probe.catch(() => {
        if (this.lockSupport === probe) this.lockSupport = null;
      });
    }
    return this.lockSupport!;
  }

  async put(key: string, bytes: Uint8Array | Buffer, options: PutOptions): Promise<PutResult> {
    assertKey(key);
    const buf = toBuffer(bytes);
    const meta = encodeMetadata(options.metadata);
    const sha256 = createHash("sha256").update(buf).digest("hex");
    const md5 = createHash("md5").update(buf).digest();
    const headers: Record<string, string> = {
      "Content-Type": options.contentType || "application/octet-stream",
      // The server checks the body against it, so a corrupted upload is refused (BadDigest), not stored.
      "Content-MD5": md5.toString("base64"),
      "x-amz-meta-sha256": sha256,
    };
    for (const [k, v] of Object.entries(meta)) headers[`x-amz-meta-${k}`] = v;

    let retainedUntil: Date | null = null;
    if (
      options.retainUntil &&
      options.retainUntil.getTime() > Date.now() &&
      (await this.supportsObjectLock())
    ) {
      retainedUntil = options.retainUntil;
      // Lock headers go on the PUT itself (minio-js putObject would rename them to x-amz-meta-*),
      // so there is no window in which an approved file exists unprotected.
      headers["x-amz-object-lock-mode"] = options.retentionMode ?? "GOVERNANCE";
      headers["x-amz-object-lock-retain-until-date"] = retainedUntil.toISOString();
    }

    let etag: string;
    try {
      const res = await this.client.makeRequestAsync(
        { method: "PUT", bucketName: this.bucket, objectName: key, headers },
        buf,
        [200],
      );
      res.resume();
      etag = stripQuotes(header(res, "etag"));
    } catch (err) {
      throw await this.explainDenied(err, "put", key);
    }

    const stored = await this.stat(key);
    const problems: string[] = [];
    if (!stored) problems.push("object missing after upload");
    else {
      if (stored.size !== buf.length) problems.push(`size ${stored.size} ≠ ${buf.length}`);
      if (stored.sha256 !== sha256) problems.push(`sha256 ${stored.sha256} ≠ ${sha256}`);
      // A single-part, unencrypted upload's ETag is the MD5 of the body on every S3 server we target.
      if (/^[0-9a-f]{32}$/.test(stored.etag) && stored.etag !== md5.toString("hex"))
        problems.push("etag ≠ md5");
    }
    if (problems.length === 0 && options.verify === "read") {
      const back = await this.get(key);
      if (!back.equals(buf)) problems.push("re-read bytes differ");
    }
    if (problems.length > 0) {
      throw new ObjectStoreError("CHECKSUM_MISMATCH", `put ${key}: ${problems.join("; ")}`, { key });
    }
    return { key, sha256, size: buf.length, etag: etag || stored!.etag, retainedUntil };
  }

  async get(key: string): Promise<Buffer> {
    assertKey(key);
    let res: IncomingMessage;
    let body: Buffer;
    try {
      res = await this.client.makeRequestAsync(
        { method: "GET", bucketName: this.bucket, objectName: key },
        "",
        [200],
      );
      body = await readBody(res);
    } catch (err) {
      throw mapS3Error(err, "get", key);
    }
    const expectedLength = Number(header(res, "content-length"));
    if (Number.isFinite(expectedLength) && expectedLength !== body.length) {
      throw new ObjectStoreError(
        "CHECKSUM_MISMATCH",
        `get ${key}: got ${body.length} of ${expectedLength} bytes`,
        {
          key,
        },
      );
    }
    const sha = header(res, "x-amz-meta-sha256");
    if (sha && createHash("sha256").update(body).digest("hex") !== sha) {
      throw new ObjectStoreError("CHECKSUM_MISMATCH", `get ${key}: sha-256 differs from recorded ${sha}`, {
        key,
      });
    }
    return body;
  }

  async stat(key: string): Promise<ObjectStat | null> {
    assertKey(key);
    let res: IncomingMessage;
    try {
      res = await this.client.makeRequestAsync(
        { method: "HEAD", bucketName: this.bucket, objectName: key },
        "",
        [200],
      );
      res.resume();
    } catch (err) {
      const mapped = mapS3Error(err, "stat", key);
      if (mapped.code === "NOT_FOUND") return null;
      throw mapped;
    }
    const metadata: Record<string, string> = {};
    let sha256: string | null = null;
    for (const [name, value] of Object.entries(res.headers)) {
      if (!name.startsWith("x-amz-meta-") || value === undefined) continue;
      const k = name.slice("x-amz-meta-".length);
      const v = Array.isArray(value) ? value.join(",") : value;
      if (k === "sha256") sha256 = v;
      else metadata[k] = decodeMetadataValue(v);
    }
    const until = header(res, "x-amz-object-lock-retain-until-date");
    const untilDate = until ? new Date(until) : null;
    const inForce = untilDate && untilDate.getTime() > Date.now() ? untilDate : null;
    const mode = header(res, "x-amz-object-lock-mode");
    return {
      size: Number(header(res, "content-length") ?? 0),
      sha256,
      metadata,
      contentType: header(res, "content-type") ?? "application/octet-stream",
      lastModified: new Date(header(res, "last-modified") ?? 0),
      etag: stripQuotes(header(res, "etag")),
      retainUntil: inForce,
      retentionMode:
        inForce && (mode === "GOVERNANCE" || mode === "COMPLIANCE") ? (mode as RetentionMode) : null,
    };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    assertKey(key);
    // Checked up front because a versioned lock bucket (MinIO) would "succeed" by adding a delete
    // marker, hiding the approved file while it is supposed to be retained.
    const current = await this.stat(key);
    if (!current) return;
    if (current.retainUntil) {
      throw new ObjectStoreError(
        "RETENTION",
        `delete ${key}: retained until ${current.retainUntil.toISOString()} (${current.retentionMode})`,
        { key },
      );
    }
    try {
      await this.client.removeObject(this.bucket, key);
    } catch (err) {
      throw await this.explainDenied(err, "delete", key);
    }
  }

  async list(prefix: string): Promise<ListedObject[]> {
    assertPrefix(prefix);
    const out: ListedObject[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const stream = this.client.listObjectsV2(this.bucket, prefix, true);
        stream.on("data", (item) => {
          if (item.name) out.push({ key: item.name, size: item.size, lastModified: item.lastModified });
        });
        stream.on("error", reject);
        stream.on("end", () => resolve());
      });
    } catch (err) {
      throw mapS3Error(err, "list", prefix);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async presignGet(key: string, options: PresignOptions): Promise<string> {
    assertKey(key);
    const expires = Math.floor(options.expiresSeconds);
    if (!(expires >= 1 && expires <= MAX_PRESIGN_SECONDS)) {
      throw new ObjectStoreError("CONFIG", `expiresSeconds must be 1…${MAX_PRESIGN_SECONDS}`, { key });
    }
    const params: Record<string, string> = {};
    if (options.downloadName)
      params["response-content-disposition"] = contentDisposition(options.downloadName);
    try {
      // Signed locally: region is fixed on the public client, so this works even while S3 is down.
      return await this.publicClient.presignedGetObject(this.bucket, key, expires, params);
    } catch (err) {
      throw mapS3Error(err, "presignGet", key);
    }
  }

  /** S3 says AccessDenied both for bad credentials and for object lock; tell them apart. */
  private async explainDenied(err: unknown, op: string, key: string): Promise<ObjectStoreError> {
    const mapped = mapS3Error(err, op, key);
    if (mapped.code !== "ACCESS_DENIED") return mapped;
    const current = await this.stat(key).catch(() => null);
    if (current?.retainUntil) {
      return new ObjectStoreError(
        "RETENTION",
        `${op} ${key}: retained until ${current.retainUntil.toISOString()} (${current.retentionMode})`,
        { key, cause: err },
      );
    }
    return mapped;
  }
}
