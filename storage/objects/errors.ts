import { DomainError } from "../../domain/errors";

/**
 * Stable error codes: callers (publisher, routes) branch on `code`, never on messages, because
 * messages come from whichever S3 server or filesystem is underneath.
 */
export type ObjectStoreErrorCode =
  | "UNAVAILABLE" // connection refused, reset, timed out, 5xx: retry later with backoff
  | "NOT_FOUND"
  | "NO_BUCKET" // the bucket is missing: call ensureBucket()
  | "CHECKSUM_MISMATCH" // stored bytes/metadata do not match what was sent
  | "RETENTION" // refused because the object is under retention (object lock)
  | "BAD_KEY"
  | "BAD_METADATA"
  | "ACCESS_DENIED"
  | "EXPIRED" // folder link past its expiry
  | "BAD_SIGNATURE" // folder link tampered with or signed by another secret
  | "CONFIG"
  | "INTERNAL";

// Users cannot act on which S3 call failed: they hear that the file store is not ready, the
// operator reads the code and the store's own message in the log.
const MESSAGE_VI = "Kho lưu trữ file tạm thời không sẵn sàng. Vui lòng thử lại sau.";

export class ObjectStoreError extends DomainError {
  readonly code: ObjectStoreErrorCode;
  readonly key?: string;
  override readonly fault = true;

  constructor(code: ObjectStoreErrorCode, message: string, options: { key?: string; cause?: unknown } = {}) {
    super(MESSAGE_VI, message, options.key ? { key: options.key } : {}, { cause: options.cause });
    this.name = "ObjectStoreError";
    this.code = code;
    this.key = options.key;
  }

  /** True when the same call may succeed later without any change by the caller. */
  get retryable(): boolean {
    return this.code === "UNAVAILABLE";
  }
}

export function isObjectStoreError(err: unknown, code?: ObjectStoreErrorCode): err is ObjectStoreError {
  return err instanceof ObjectStoreError && (code === undefined || err.code === code);
}
