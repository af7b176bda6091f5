import { isRenderError } from "../../templates/errors";
import type { ProductKind } from "../../templates/documents/report-data";
import { type FormatKind, getFormat } from "../../templates/formats";

// The one place a format becomes a product the admin sets targets for: every banner-kind format
// (băng rôn, cờ phướn, pano) is a banner, every poster a poster, every screen format (social feeds,
// YouTube, the portal's web banner, the LED screen) a social/screen image.

const PRODUCT_OF_FORMAT: Record<FormatKind, ProductKind> = {
  banner: "banner",
  poster: "poster",
  screen: "social",
};

/** The product kind of a format id (custom sizes included); null for an id the catalogue refuses. */
export function productKindOf(formatId: string): ProductKind | null {
  try {
    return PRODUCT_OF_FORMAT[getFormat(formatId).kind];
  } catch (e) {
    if (isRenderError(e)) return null;
    throw e;
  }
}
