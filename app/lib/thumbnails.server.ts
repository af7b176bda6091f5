import { pngThumbnail } from "../../templates/render/thumbnail.server";

// Thumbnails by the proof's sha-256: versions never change, so an entry is valid for good; the
// cache only bounds memory (about 200 × 30 kB) and spares resvg the same work on every list view.

const MAX_ENTRIES = 200;
const cache = new Map<string, Promise<Uint8Array>>();

/** The 320 px thumbnail of a stored PNG proof identified by `sha256`; made once per process. */
export function thumbnailFor(sha256: string, png: () => Uint8Array): Promise<Uint8Array> {
  const hit = cache.get(sha256);
  if (hit) {
    // Most recently used last, so the oldest is evicted first.
    cache.delete(sha256);
    cache.set(sha256, hit);
    return hit;
  }
  const made = pngThumbnail(png(), 320);
  made.catch(() => cache.delete(sha256));
  cache.set(sha256, made);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return made;
}
