// fontkit's TrueType subsetter (the one pdf-lib embeds with) copies each glyph's bytes as they are
// and writes a short 'loca' (offsets stored halved) whenever the subset is small. A glyph of odd
// length — legal under a long 'loca', and common in fonts built by fontTools, Noto Serif among them
// — then shifts every later offset by a byte: pdftotext still reads the text, but viewers and RIPs
// draw most letters as nothing. Padding every glyph to an even length before embedding keeps the
// subset exact; outlines are untouched (bytes after a glyph's instructions are ignored).

const TRUETYPE = 0x00010000;
const APPLE_TRUE = 0x74727565; // 'true'
const CHECKSUM_MAGIC = 0xb1b0afba;

interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

function tableRecords(view: DataView): TableRecord[] {
  const n = view.getUint16(4);
  const out: TableRecord[] = [];
  for (let i = 0; i < n; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    out.push({ tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return out;
}

/** The OpenType table checksum: the sum of big-endian 32-bit words, the tail zero-padded. */
function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

/**
 * `font` with every TrueType glyph padded to an even byte length and a long 'loca'; checksums
 * and head.checkSumAdjustment recomputed. Returns `font` itself when it is not TrueType (CFF
 * outlines are subset another way) or when no glyph has an odd length. Throws RangeError on a
 * truncated file.
 */
export function padTrueTypeGlyphs(font: Uint8Array): Uint8Array {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const version = view.getUint32(0);
  if (version !== TRUETYPE && version !== APPLE_TRUE) return font;
  const records = tableRecords(view);
  const find = (tag: string) => records.find((r) => r.tag === tag);
  const head = find("head");
  const loca = find("loca");
  const glyf = find("glyf");
  const maxp = find("maxp");
  if (!head || !loca || !glyf || !maxp) return font;

  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(maxp.offset + 4);
  const offsets: number[] = [];
  for (let i = 0; i <= numGlyphs; i++) {
    offsets.push(longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2);
  }
  if (offsets.every((o, i) => i === 0 || (o - offsets[i - 1]) % 2 === 0)) return font;

  const glyphs: Uint8Array[] = [];
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  let at = 0;
  for (let i = 0; i < numGlyphs; i++) {
    locaView.setUint32(i * 4, at);
    const bytes = font.subarray(glyf.offset + offsets[i], glyf.offset + offsets[i + 1]);
    const even = new Uint8Array(bytes.length + (bytes.length % 2));
    even.set(bytes);
    glyphs.push(even);
    at += even.length;
  }
  locaView.setUint32(numGlyphs * 4, at);
  const newGlyf = new Uint8Array(at);
  let p = 0;
  for (const g of glyphs) {
    newGlyf.set(g, p);
    p += g.length;
  }

  const newHead = font.slice(head.offset, head.offset + head.length);
  const headView = new DataView(newHead.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment is computed over the file with this zeroed
  headView.setInt16(50, 1);

  const data = records.map((r) =>
    r.tag === "glyf"
      ? newGlyf
      : r.tag === "loca"
        ? newLoca
        : r.tag === "head"
          ? newHead
          : font.subarray(r.offset, r.offset + r.length),
  );
  const dirLength = 12 + records.length * 16;
  const total = data.reduce((n, d) => n + ((d.length + 3) & ~3), dirLength);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(font.subarray(0, 12));
  let offset = dirLength;
  records.forEach((r, i) => {
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = r.tag.charCodeAt(k);
    outView.setUint32(rec + 4, checksum(data[i]));
    outView.setUint32(rec + 8, offset);
    outView.setUint32(rec + 12, data[i].length);
    out.set(data[i], offset);
    offset += (data[i].length + 3) & ~3;
  });
  const headAt = outView.getUint32(12 + records.indexOf(head) * 16 + 8);
  outView.setUint32(headAt + 8, (CHECKSUM_MAGIC - checksum(out)) >>> 0);
  return out;
}
