// A photo-like JPEG made at test time (nothing fetched): a commune scene drawn as SVG (sky, sun,
// field, a building with windows, a person) rasterised by sharp, with seeded grain for texture
// (made here, not by feTurbulence, which takes minutes at 20 megapixels). The same arguments
// always give the same bytes, and the subject's place is known, so focal-point tests can check it
// stays in view.
import sharp from "sharp";
import type { FocalPoint } from "../../templates/photo/types";

/** Where the person (the subject) stands, as fractions of the photo. */
export const TEST_PHOTO_SUBJECT: FocalPoint = { x: 0.72, y: 0.58 };
/** The bright sky: the top of the photo, above this fraction of its height. */
export const TEST_PHOTO_SKY_BOTTOM = 0.4;

/**
 * A deterministic JPEG scene of `width` × `height` pixels (quality 90, no metadata). `seed` varies
 * the texture and the building's windows. The person stands at TEST_PHOTO_SUBJECT; the top
 * TEST_PHOTO_SKY_BOTTOM of the frame is a pale sky where white text cannot be read unaided.
 */
export async function makeTestPhoto(opts: { width: number; height: number; seed?: number }): Promise<Buffer> {
  const { width, height } = opts;
  const seed = opts.seed ?? 1;
  const scene = await sharp(Buffer.from(sceneSvg(width, height, seed)))
    .flatten({ background: "#ffffff" })
    .removeAlpha()
    .raw()
    .toBuffer();
  // Grain: ±10 levels of seeded noise on every channel, the sensor texture of a real photo.
  const rand = lcg(seed * 7919 + 17);
  for (let i = 0; i < scene.length; i++) {
    const v = scene[i] + Math.round((rand() - 0.5) * 20);
    scene[i] = Math.max(0, Math.min(255, v));
  }
  return sharp(scene, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A small linear congruential generator: the same seed, the same numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** A 600 × 400 photo: far too few pixels for a poster-sized slot. */
export function makeTinyPhoto(seed = 1): Promise<Buffer> {
  return makeTestPhoto({ width: 600, height: 400, seed });
}

function sceneSvg(w: number, h: number, seed: number): string {
  const rand = lcg(seed); // which windows are lit
  const horizon = h * 0.52;
  const sx = TEST_PHOTO_SUBJECT.x * w;
  const sy = TEST_PHOTO_SUBJECT.y * h;
  const u = Math.min(w, h) / 100; // one "scene unit"
  const bx = w * 0.12;
  const by = horizon - 28 * u;
  const bw = w * 0.36;
  const bh = 34 * u;
  const windows: string[] = [];
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 6; c++) {
      const lit = rand() > 0.5;
      windows.push(
        `<rect x="${bx + bw * (0.06 + c * 0.155)}" y="${by + bh * (0.3 + r * 0.22)}" width="${bw * 0.09}" height="${bh * 0.13}" fill="${lit ? "#f6d77a" : "#3b4a5a"}"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#dbeeff"/><stop offset="1" stop-color="#fdfdf8"/>
    </linearGradient>
    <linearGradient id="field" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#5f9b3a"/><stop offset="1" stop-color="#2f5f1f"/>
    </linearGradient>
    <radialGradient id="sun"><stop offset="0" stop-color="#fffbe8"/><stop offset="1" stop-color="#fff3b0" stop-opacity="0"/></radialGradient>
  </defs>
  <rect width="${w}" height="${horizon}" fill="url(#sky)"/>
  <circle cx="${w * 0.82}" cy="${h * 0.14}" r="${16 * u}" fill="url(#sun)"/>
  <rect y="${horizon}" width="${w}" height="${h - horizon}" fill="url(#field)"/>
  <path d="M0 ${horizon} Q ${w * 0.25} ${horizon - 8 * u} ${w * 0.5} ${horizon} T ${w} ${horizon} V ${horizon + 2 * u} H 0 Z" fill="#4d7f33"/>
  <rect x="${bx}" y="${by}" width="${bw}" height="${bh}" fill="#e9c46a" stroke="#8a6d2b" stroke-width="${0.6 * u}"/>
  <path d="M ${bx - 2 * u} ${by} L ${bx + bw / 2} ${by - 10 * u} L ${bx + bw + 2 * u} ${by} Z" fill="#b23a2a"/>
  ${windows.join("")}
  <rect x="${bx + bw * 0.44}" y="${by + bh * 0.62}" width="${bw * 0.12}" height="${bh * 0.38}" fill="#6b3e1f"/>
  <g>
    <ellipse cx="${sx}" cy="${sy + 19 * u}" rx="${7 * u}" ry="${1.5 * u}" fill="#1f3a12" opacity="0.6"/>
    <rect x="${sx - 3 * u}" y="${sy - 4 * u}" width="${6 * u}" height="${14 * u}" rx="${2 * u}" fill="#1d4e89"/>
    <rect x="${sx - 2.6 * u}" y="${sy + 9 * u}" width="${2.2 * u}" height="${10 * u}" fill="#2b2b2b"/>
    <rect x="${sx + 0.4 * u}" y="${sy + 9 * u}" width="${2.2 * u}" height="${10 * u}" fill="#2b2b2b"/>
    <circle cx="${sx}" cy="${sy - 7.5 * u}" r="${3.2 * u}" fill="#c98b5e"/>
    <path d="M ${sx - 3.4 * u} ${sy - 8.5 * u} Q ${sx} ${sy - 13 * u} ${sx + 3.4 * u} ${sy - 8.5 * u} Z" fill="#1a1a1a"/>
  </g>
</svg>`;
}
