import { createHash } from "node:crypto";

/** SHA-256 of the bytes (a string is hashed as its UTF-8 bytes), as 64 lowercase hex characters. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
