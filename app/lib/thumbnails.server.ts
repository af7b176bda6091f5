import { LRUCache } from "lru-cache";
import { pngThumbnail } from "../../templates/render/thumbnail.server";

// Thumbnails by the proof's sha-256: versions never change, so an entry is valid for good; the
// cache only bounds memory (about 200 × 30 kB) and spares resvg the same work on every list view.
const cache = new LRUCache<string, Promise<Uint8Array>>({ max: 200 });

/** The 320 px thumbnail of a stored PNG proof identified by `sha256`; made once per process. */
export function thumbnailFor(sha256: string, png: () => Uint8Array): Promise<Uint8Array> {
  const hit = cache.get(sha256);
  if (hit) return hit;
  const made = pngThumbnail(png(), 320);
  // A failure is not remembered: the next request tries again.
  made.catch(() => cache.delete(sha256));
  cache.set(sha256, made);
  return made;
}
