// A stand-in commune emblem for photo design tests and the contact sheet: a red disc with a gold
// ring and a yellow star, as an SVG data: URI the way the brand kit hands a logo to a render.
import { createHash } from "node:crypto";
import { type Brand, type BrandLogo, DEFAULT_BRAND } from "../../templates/brand";
import { starPath } from "../../templates/designs/parts";

/** The emblem's SVG text (viewBox 0 0 100 100, paths and circles only). */
export const SAMPLE_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100"><circle cx="50" cy="50" r="49" fill="#f2c230"/><circle cx="50" cy="50" r="44" fill="#da251d"/><path d="${starPath(50, 52, 30)}" fill="#ffe34d"/></svg>`;

/** The emblem as a BrandLogo (SVG data: URI, 100 × 100, its SHA-256). */
export function sampleLogo(): BrandLogo {
  const bytes = Buffer.from(SAMPLE_LOGO_SVG, "utf8");
  return {
    mime: "image/svg+xml",
    dataUri: `data:image/svg+xml;base64,${bytes.toString("base64")}`,
    width: 100,
    height: 100,
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}

/** `brand` (DEFAULT_BRAND by default) with the sample emblem as its logo. */
export function brandWithLogo(brand: Brand = DEFAULT_BRAND): Brand {
  return { ...brand, logo: sampleLogo() };
}
