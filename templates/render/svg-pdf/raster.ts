// Images for the SVG→PDF writer. Satori embeds every image as a data: URI: PNG and JPEG bytes,
// which the writer embeds with pdf-lib, or svg+xml text (satori's form of an inline <svg>), which it
// draws as vector. `parseDataUri` decodes both and refuses any other href (no network, no files).
// `RasterPlacement` is what the writer reports for each placed raster (pixel size, placed size in mm,
// effective dpi), returned as `rasters` in the print PDF result for the resolution preflight.
import { unsupported } from "./errors";

/** One placed raster image and its effective resolution at print size (reported per print file). */
export interface RasterPlacement {
  widthPx: number;
  heightPx: number;
  placedWidthMm: number;
  placedHeightMm: number;
  effectiveDpi: number;
}

/** A decoded data: URI: raster bytes, or the text of an svg+xml image. */
export interface DataUri {
  mime: string;
  bytes: Uint8Array | null;
  text: string | null;
}

/** Decodes a data: URI (base64 or percent-encoded); any other href is refused. */
export function parseDataUri(href: string): DataUri {
  const m = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(href.trim());
  if (!m) throw unsupported(`image href that is not a data: URI (${href.slice(0, 40)}…)`);
  const mime = m[1].toLowerCase();
  const base64 = /;base64/i.test(m[2]);
  if (base64) {
    const bytes = new Uint8Array(Buffer.from(m[3], "base64"));
    return { mime, bytes, text: mime === "image/svg+xml" ? Buffer.from(bytes).toString("utf8") : null };
  }
  const text = decodeURIComponent(m[3]);
  return { mime, bytes: mime === "image/svg+xml" ? null : new Uint8Array(Buffer.from(text, "latin1")), text };
}
