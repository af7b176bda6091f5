import { randomBytes } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { adler32Combine, deflateSplit } from "../../templates/render/zlib-split";

/** zlib's own Adler-32 of `b`: the trailer of a stored (level 0) stream. */
function adler32(b: Buffer): number {
  const stored = deflateSync(b, { level: 0 });
  return stored.readUInt32BE(stored.length - 4);
}

/** Flat runs and noise, like an image: long matches and incompressible stretches. */
function imageLike(bytes: number): Buffer {
  const out = Buffer.alloc(bytes, 0x7f);
  for (let o = 0; o < bytes; o += 40_000) randomBytes(Math.min(3_000, bytes - o)).copy(out, o);
  return out;
}

describe("adler32Combine", () => {
  it("equals zlib's Adler-32 of the joined data, across the modulus", () => {
    for (const [la, lb] of [
      [1, 1],
      [65_521, 65_521],
      [100_000, 1],
      [3, 200_000],
      [131_043, 65_522],
    ]) {
      const a = randomBytes(la);
      const b = Buffer.alloc(lb, 0xff);
      expect(adler32Combine(adler32(a), adler32(b), lb)).toBe(adler32(Buffer.concat([a, b])));
    }
  });
});

describe("deflateSplit", () => {
  it("makes one valid zlib stream of the whole input (inflate checks the joined Adler-32)", async () => {
    for (const [bytes, cut, level] of [
      [3_000_000, 1_500_000, 3],
      [1_000_001, 17, 1],
      [800_000, 799_999, 6],
    ]) {
      const data = imageLike(bytes);
      const z = await deflateSplit(data, cut, level);
      expect(inflateSync(z).equals(data)).toBe(true);
      expect(z.readUInt32BE(z.length - 4)).toBe(adler32(data));
      // Two pieces joined (not the one-piece fallback), costing next to nothing in size.
      const whole = deflateSync(data, { level });
      expect(z.equals(whole)).toBe(false);
      expect(Math.abs(z.length - whole.length)).toBeLessThan(bytes / 100);
    }
  });

  it("falls back to one piece when the cut leaves an empty part", async () => {
    const data = imageLike(10_000);
    expect((await deflateSplit(data, 0, 3)).equals(deflateSync(data, { level: 3 }))).toBe(true);
    expect((await deflateSplit(data, data.length, 3)).equals(deflateSync(data, { level: 3 }))).toBe(true);
  });
});
