import { crc32, deflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/**
 * RGBA pixels (premultiplied-free, as resvg returns them for opaque art) → PNG. resvg's own
 * encoder spent more time compressing than rendering; our designs are opaque full-bleed art,
 * so this writes 8-bit RGB with the "Sub" filter (flat grounds compress to almost nothing) and
 * lets Node's native zlib do the deflate at a fast level. Falls back to RGBA when any pixel is
 * not opaque.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number, level = 3): Buffer {
  let opaque = true;
  for (let i = 3; i < rgba.length; i += 4) {
    if (rgba[i] !== 255) {
      opaque = false;
      break;
    }
  }
  const channels = opaque ? 3 : 4;
  const stride = width * channels + 1;
  const raw = Buffer.allocUnsafe(stride * height);
  for (let y = 0; y < height; y++) {
    let o = y * stride;
    raw[o++] = 1; // Sub
    let pr = 0;
    let pg = 0;
    let pb = 0;
    let pa = 0;
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      const r = rgba[i];
      const g = rgba[i + 1];
      const b = rgba[i + 2];
      raw[o++] = (r - pr) & 255;
      raw[o++] = (g - pg) & 255;
      raw[o++] = (b - pb) & 255;
      pr = r;
      pg = g;
      pb = b;
      if (channels === 4) {
        const a = rgba[i + 3];
        raw[o++] = (a - pa) & 255;
        pa = a;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = opaque ? 2 : 6;
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
