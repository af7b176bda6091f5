export type RetentionMode = "GOVERNANCE" | "COMPLIANCE";

export interface PutOptions {
  contentType: string;
  /** Caller metadata; keys [a-z0-9-], values any Unicode (encoded for transport, decoded on stat). */
  metadata: Record<string, string>;
  /**
   * Keep the object undeletable until this date. Applied only when `supportsObjectLock()`;
   * `PutResult.retainedUntil` says whether it was.
   */
  retainUntil?: Date;
  /** Default GOVERNANCE (an admin with bypass rights can still remove it on MinIO). */
  retentionMode?: RetentionMode;
  /**
   * How to check the stored object after upload. "stat" (default) compares size, sha-256 metadata
   * and the MD5 ETag; "read" downloads the bytes again and hashes them.
   */
  verify?: "stat" | "read";
}

export interface PutResult {
  key: string;
  /** Hex sha-256 of the bytes, also stored as metadata `sha256`. */
  sha256: string;
  size: number;
  etag: string;
  /** The retention actually applied, or null when none was (not asked, or not supported). */
  retainedUntil: Date | null;
}

export interface ObjectStat {
  size: number;
  /** From the stored metadata; null only for objects written by something other than this module. */
  sha256: string | null;
  /** Decoded caller metadata (without `sha256`). */
  metadata: Record<string, string>;
  contentType: string;
  lastModified: Date;
  etag: string;
  /** Retention in force, if any. */
  retainUntil: Date | null;
  retentionMode: RetentionMode | null;
}

export interface ListedObject {
  key: string;
  size: number;
  lastModified: Date;
}

export interface PresignOptions {
  /** 1 s … 7 days (the S3 presign limit). */
  expiresSeconds: number;
  /** File name the browser saves as; Vietnamese allowed. */
  downloadName?: string;
}

export interface EnsureBucketResult {
  created: boolean;
  objectLock: boolean;
}

export interface ObjectStore {
  readonly kind: "s3" | "folder";
  /** Create the bucket (with object lock when the server can) if it does not exist. */
  ensureBucket(): Promise<EnsureBucketResult>;
  supportsObjectLock(): Promise<boolean>;
  put(key: string, bytes: Uint8Array | Buffer, options: PutOptions): Promise<PutResult>;
  /** Throws NOT_FOUND when missing, CHECKSUM_MISMATCH when the bytes do not match the recorded sha-256. */
  get(key: string): Promise<Buffer>;
  stat(key: string): Promise<ObjectStat | null>;
  exists(key: string): Promise<boolean>;
  /** Idempotent (deleting a missing key succeeds); throws RETENTION while the object is retained. */
  delete(key: string): Promise<void>;
  /** All keys under `prefix` (recursive), sorted. */
  list(prefix: string): Promise<ListedObject[]>;
  /** A short-lived download URL (S3: presigned against the public endpoint; folder: `/files/<token>`). */
  presignGet(key: string, options: PresignOptions): Promise<string>;
}
