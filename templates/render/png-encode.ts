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

// The rows are handed to zlib and dropped within the call, so one buffer per thread serves every
// image: a fresh multi-MB buffer per preview was V8 external memory that drove its collections.
let scratch = Buffer.alloc(0);
function rows(bytes: number): Buffer {
  if (scratch.length < bytes) scratch = Buffer.allocUnsafe(bytes);
  return scratch.subarray(0, bytes);
}

/**
 * RGBA pixels → PNG. resvg's own encoder spent more time compressing than rendering; here rows are
 * copied unfiltered (a memcpy each — filtering in JavaScript cost more than it saved) and Node's
 * native zlib deflates them at a fast level. Flat grounds and the constant alpha channel of our
 * opaque art compress to almost nothing either way.
 */
export function encodePng(rgba: Uint8Array, width: number, height: number, level = 3): Buffer {
  const src = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const row = width * 4;
  const raw = rows((row + 1) * height);
  for (let y = 0; y < height; y++) {
    const o = y * (row + 1);
    raw[o] = 0; // filter: None
    src.copy(raw, o + 1, y * row, y * row + row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
