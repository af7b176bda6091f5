import { LRUCache } from "lru-cache";
import type { FocalPoint, PhotoSource } from "../../templates/photo/types";
import { sha256Hex } from "../images";
import { ObjectStoreError } from "../objects/errors";
import type { ObjectStore } from "../objects/types";
import { MediaError } from "./errors";
import { type MediaDb, requireMedia } from "./records";

// The stored bytes of a library row, for renders, thumbnails and the file route. Rows are
// content-addressed and their objects never change, so bytes cached by hash are good for ever;
// the cache is bounded by the bytes it holds, not by a count (one A0 photo is 15 MB, a logo 20 kB).

/** Bytes the process keeps of recently read media. */
export const MEDIA_CACHE_MAX_BYTES = 64 * 1024 * 1024;

const cache = new LRUCache<string, Buffer>({
  maxSize: MEDIA_CACHE_MAX_BYTES,
  sizeCalculation: (b) => Math.max(1, b.length),
});

/**
 * The stored bytes of media row `id` (retired rows too: versions keep naming them), checked
 * against the hash the row recorded. Throws MediaError MEDIA_NOT_FOUND (no such row);
 * ObjectStoreError NOT_FOUND, CHECKSUM_MISMATCH or UNAVAILABLE from the store. Permissions are the
 * caller's: renders read what a version names, pages check the viewer first.
 */
export async function readMediaBytes(handle: MediaDb, store: ObjectStore, id: string): Promise<Buffer> {
  const row = requireMedia(handle, id);
  const hit = cache.get(row.sha256);
  if (hit) return hit;
  const bytes = await store.get(row.objectKey);
  if (sha256Hex(bytes) !== row.sha256) {
    throw new ObjectStoreError("CHECKSUM_MISMATCH", `media ${id} does not match its recorded sha-256`, {
      key: row.objectKey,
    });
  }
  cache.set(row.sha256, bytes);
  return bytes;
}

/**
 * The photo `id` as the renderer takes it: its stored JPEG, its focal point (`focusOverride`, an
 * asset's own choice, else the stored one) and its hash. A retired photo is refused for new
 * renders unless `opts.allowRetired` (re-rendering a version that already names it). Throws
 * MediaError MEDIA_NOT_FOUND (no such row, a logo, or retired), MEDIA_INVALID_INPUT (an override
 * outside 0–1), and what readMediaBytes throws.
 */
export async function photoSourceOf(
  handle: MediaDb,
  store: ObjectStore,
  id: string,
  focusOverride?: FocalPoint,
  opts: { allowRetired?: boolean } = {},
): Promise<PhotoSource> {
  const row = requireMedia(handle, id);
  if (row.kind !== "photo") throw new MediaError("MEDIA_NOT_FOUND", `media ${id} is a logo, not a photo`);
  if (row.retiredAt && !opts.allowRetired) {
    throw new MediaError(
      "MEDIA_NOT_FOUND",
      `media ${id} is retired`,
      "Ảnh này đã bị ẩn khỏi thư viện. Hãy chọn ảnh khác hoặc hiện lại ảnh trong Thư viện ảnh.",
    );
  }
  const focus = focusOverride ?? row.focus;
  if (!(focus.x >= 0 && focus.x <= 1 && focus.y >= 0 && focus.y <= 1)) {
    throw new MediaError(
      "MEDIA_INVALID_INPUT",
      `focus ${focus.x},${focus.y}`,
      "Điểm chính phải nằm trong ảnh.",
    );
  }
  const bytes = await readMediaBytes(handle, store, id);
  return { bytes, focus: { x: focus.x, y: focus.y }, sha256: row.sha256 };
}
