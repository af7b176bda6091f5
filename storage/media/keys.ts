import { ObjectStoreError } from "../objects/errors";
import { assertKey } from "../objects/keys";

/** The file endings the library stores: re-encoded photos, PNG logos, sanitised SVG logos. */
export type MediaExt = "jpg" | "png" | "svg";

/**
 * `media/{sha256[0:2]}/{sha256}.{ext}`: content-addressed, so the same bytes are the same key on
 * every node and a version that names a hash always finds those pixels; the two-character fan-out
 * keeps a folder store's directories small. Throws ObjectStoreError BAD_KEY for anything that is
 * not a lower-case hex SHA-256 or a known ending.
 */
export function mediaKey(sha256: string, ext: MediaExt): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ObjectStoreError("BAD_KEY", "invalid sha256");
  if (!["jpg", "png", "svg"].includes(ext)) throw new ObjectStoreError("BAD_KEY", `invalid ext ${ext}`);
  const key = `media/${sha256.slice(0, 2)}/${sha256}.${ext}`;
  assertKey(key);
  return key;
}
