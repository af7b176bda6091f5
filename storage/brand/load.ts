import type { Brand, BrandLogo } from "../../templates/brand";
import type { DbHandle } from "../db/connection";
import { readMediaBytes } from "../media";
import type { ObjectStore } from "../objects/types";
import { checkLogoRow, getBrandKit } from "./kit";
import type { BrandKit } from "./schema";

// The Brand a render is given: the stored kit with its logo read from the media library as a data:
// URI (satori and the PDF writer read nothing else). Media rows are content-addressed, so a logo's
// URI is cached by its hash for the life of the process: every preview reads the kit (one SQLite
// row, so a save shows at once on every node) but not the logo's bytes again.

/**
 * The object store, or a function that returns it: the app's store is built on first use, and a
 * kit without a logo never needs one.
 */
export type StoreRef = ObjectStore | (() => ObjectStore);

const storeOf = (ref: StoreRef): ObjectStore => (typeof ref === "function" ? ref() : ref);

const LOGO_CACHE_MAX = 8;
const logos = new Map<string, BrandLogo>();

/**
 * The logo media row `mediaId` as a render draws it. Throws BrandError BRAND_LOGO_INVALID when the
 * row is not an SVG/PNG logo, and what readMediaBytes throws (the object store down or the object
 * missing) when the bytes are not cached yet.
 */
export async function loadLogo(
  handle: Pick<DbHandle, "conn" | "db">,
  store: StoreRef,
  mediaId: string,
): Promise<BrandLogo> {
  const row = checkLogoRow(handle, mediaId);
  const cached = logos.get(row.sha256);
  if (cached) return cached;
  const bytes = await readMediaBytes(handle, storeOf(store), mediaId);
  const logo: BrandLogo = {
    mime: row.content_type,
    dataUri: `data:${row.content_type};base64,${Buffer.from(bytes).toString("base64")}`,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
  };
  if (logos.size >= LOGO_CACHE_MAX) logos.delete(logos.keys().next().value as string);
  logos.set(row.sha256, logo);
  return logo;
}

/** A stored kit as the Brand a render reads (the logo resolved; none when the kit names none). */
export async function brandOfKit(
  handle: Pick<DbHandle, "conn" | "db">,
  store: StoreRef,
  kit: BrandKit,
): Promise<Brand> {
  const { logoMediaId, ...brand } = kit;
  return logoMediaId ? { ...brand, logo: await loadLogo(handle, store, logoMediaId) } : brand;
}

/**
 * The brand every new render is drawn with: the stored kit (DEFAULT_BRAND's values when none is
 * saved) and its logo. Errors: see loadLogo.
 */
export function loadBrand(handle: Pick<DbHandle, "conn" | "db">, store: StoreRef): Promise<Brand> {
  return brandOfKit(handle, store, getBrandKit(handle));
}
