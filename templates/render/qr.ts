// Vector QR codes. The verify code on a 10 m banner is printed at whatever size the slug allows, so
// it must stay crisp at any scale: modules are merged into rectangles (fewer path segments than one
// square per module) and drawn as paths, never as a bitmap.
import QRCode from "qrcode";

export const QR_QUIET_ZONE = 4;

export interface QrRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Dark modules merged into rectangles, in module units, y down, quiet zone excluded. */
  rects: QrRect[];
}

const cache = new Map<string, QrMatrix>();

export function qrMatrix(text: string): QrMatrix {
  const key = text.normalize("NFC");
  const hit = cache.get(key);
  if (hit) return hit;
  const qr = QRCode.create(key, { errorCorrectionLevel: "M" });
  const { size, data } = qr.modules;
  // Horizontal runs per row, then runs identical to the one directly above extend that rectangle
  // downwards: the finder patterns and timing rows collapse to a handful of rectangles.
  const rects: QrRect[] = [];
  let open = new Map<string, QrRect>();
  for (let y = 0; y < size; y++) {
    const next = new Map<string, QrRect>();
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      const k = `${start}:${x}`;
      const prev = open.get(k);
      if (prev) {
        prev.h++;
        next.set(k, prev);
      } else {
        const r = { x: start, y, w: x - start, h: 1 };
        rects.push(r);
        next.set(k, r);
      }
    }
    open = next;
  }
  const m = { size, rects };
  if (cache.size > 256) cache.clear();
  cache.set(key, m);
  return m;
}

const f = (v: number) => {
  const s = v.toFixed(3);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
};

/**
 * One SVG path for satori JSX: `<svg width={size} height={size} viewBox={`0 0 ${size} ${size}`}>
 * <path d={d} fill="#000"/></svg>`. `size` is the full side including the 4-module quiet zone.
 */
export function qrSvgPath(text: string, sizeUnits: number): { d: string; size: number } {
  if (!(sizeUnits > 0)) throw new RangeError("QR size must be positive");
  const m = qrMatrix(text);
  const u = sizeUnits / (m.size + 2 * QR_QUIET_ZONE);
  const d = m.rects
    .map(
      (r) =>
        `M${f((r.x + QR_QUIET_ZONE) * u)} ${f((r.y + QR_QUIET_ZONE) * u)}h${f(r.w * u)}v${f(r.h * u)}h${f(-r.w * u)}z`,
    )
    .join("");
  return { d, size: sizeUnits };
}

/**
 * PDF path operators (`re` then one fill) for the dark modules with the symbol's lower-left
 * corner at (x, y) in PDF space (y up) and side `side` excluding the quiet zone, which the caller
 * keeps clear.
 */
export function qrPdfOps(text: string, x: number, y: number, side: number, fillOp: string): string {
  const m = qrMatrix(text);
  const u = side / m.size;
  const ops = [fillOp];
  for (const r of m.rects) {
    // Row 0 is the top of the symbol; PDF y grows upwards.
    ops.push(`${f(x + r.x * u)} ${f(y + (m.size - r.y - r.h) * u)} ${f(r.w * u)} ${f(r.h * u)} re`);
  }
  ops.push("f");
  return ops.join("\n");
}
