import { crc32, deflateSync } from "node:zlib";
import { deflateSplit } from "./zlib-split";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// The rows live only until zlib has compressed them, so one buffer per thread serves every image:
// a fresh multi-MB buffer per preview was V8 external memory that drove its collections. An image
// encoded while another still waits on the threadpool gets a buffer of its own.
let scratch = Buffer.alloc(0);
let scratchBusy = false;

/** Below this much row data the threadpool hand-off costs more than the second core saves. */
const SPLIT_MIN_BYTES = 512 * 1024;

/**
 * RGBA pixels → PNG. resvg's own encoder spent more time compressing than rendering; here rows are
 * copied unfiltered (a memcpy each — filtering in JavaScript cost more than it saved) and Node's
 * native zlib deflates them at a fast level, the top and bottom halves on two cores at once. Flat grounds and the constant alpha channel of our
 * opaque art compress to almost nothing either way.
 */
export async function encodePng(rgba: Uint8Array, width: number, height: number, level = 3): Promise<Buffer> {
  const src = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const row = width * 4;
  const bytes = (row + 1) * height;
  const shared = !scratchBusy;
  if (shared && scratch.length < bytes) scratch = Buffer.allocUnsafe(bytes);
  const raw = shared ? scratch.subarray(0, bytes) : Buffer.allocUnsafe(bytes);
  if (shared) scratchBusy = true;
  let idat: Buffer;
  try {
    for (let y = 0; y < height; y++) {
      const o = y * (row + 1);
      raw[o] = 0; // filter: None
      src.copy(raw, o + 1, y * row, y * row + row);
    }
    idat =
      bytes < SPLIT_MIN_BYTES
        ? deflateSync(raw, { level })
        : await deflateSplit(raw, (row + 1) * (height >> 1), level);
  } finally {
    if (shared) scratchBusy = false;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  return Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}
