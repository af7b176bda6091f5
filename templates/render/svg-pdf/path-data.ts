// Path geometry for the SVG→PDF writer. A `PathSink` receives absolute M/L/C/Z; `PathEmitter` is
// the sink that writes PDF path operators, applying an optional matrix (used to union clip children
// with different transforms into one clip path) and tracking the bounding box. `parsePathData` reads
// SVG path data (every command, implicit repeats, compact arc flags) into any sink, which is why
// templates/preflight.ts uses it too, and `arcToCurves` turns arcs (and rounded rects, circles,
// ellipses) into cubic curves. It is the hot path for satori text, thousands of segments per render.
import { unsupported } from "./errors";
import { fmt, type Mat } from "./matrix";

/** Receives absolute path geometry: moveto, lineto, cubic curveto, closepath. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): void;
  close(): void;
}

/** A PathSink that writes PDF path operators (m/l/c/h), optionally through a matrix, and tracks the bbox. */
export class PathEmitter implements PathSink {
  readonly parts: string[] = [];
  minX = Number.POSITIVE_INFINITY;
  minY = Number.POSITIVE_INFINITY;
  maxX = Number.NEGATIVE_INFINITY;
  maxY = Number.NEGATIVE_INFINITY;
  constructor(private readonly m: Mat | null = null) {}
  private pt(x: number, y: number): string {
    const m = this.m;
    let X = x;
    let Y = y;
    if (m) {
      X = m[0] * x + m[2] * y + m[4];
      Y = m[1] * x + m[3] * y + m[5];
    }
    if (X < this.minX) this.minX = X;
    if (X > this.maxX) this.maxX = X;
    if (Y < this.minY) this.minY = Y;
    if (Y > this.maxY) this.maxY = Y;
    return `${fmt(X)} ${fmt(Y)}`;
  }
  moveTo(x: number, y: number) {
    this.parts.push(`${this.pt(x, y)} m`);
  }
  lineTo(x: number, y: number) {
    this.parts.push(`${this.pt(x, y)} l`);
  }
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number) {
    this.parts.push(`${this.pt(x1, y1)} ${this.pt(x2, y2)} ${this.pt(x, y)} c`);
  }
  close() {
    this.parts.push("h");
  }
  get empty() {
    return this.parts.length === 0;
  }
  get ops() {
    return this.parts.join("\n");
  }
  get bbox(): [number, number, number, number] | null {
    return this.empty ? null : [this.minX, this.minY, this.maxX, this.maxY];
  }
}

/** An SVG elliptical arc from (x1, y1) to (x2, y2) as at most 90° cubic Béziers into the sink. */
export function arcToCurves(
  sink: PathSink,
  x1: number,
  y1: number,
  rxIn: number,
  ryIn: number,
  angleDeg: number,
  largeArc: number,
  sweep: number,
  x2: number,
  y2: number,
) {
  // Endpoint → centre parameterisation (SVG 1.1 appendix F.6.5), then ≤ 90° cubic pieces.
  if (x1 === x2 && y1 === y2) return;
  let rx = Math.abs(rxIn);
  let ry = Math.abs(ryIn);
  if (rx === 0 || ry === 0) {
    sink.lineTo(x2, y2);
    return;
  }
  const phi = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const dx = (x1 - x2) / 2;
  const dy = (y1 - y2) / 2;
  const x1p = cos * dx + sin * dy;
  const y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    const s = Math.sqrt(lambda);
    rx *= s;
    ry *= s;
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  let coef = Math.sqrt(Math.max(0, num / den));
  if (largeArc === sweep) coef = -coef;
  const cxp = (coef * rx * y1p) / ry;
  const cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x1 + x2) / 2;
  const cy = sin * cxp + cos * cyp + (y1 + y2) / 2;
  const ang = (ux: number, uy: number, vx: number, vy: number) => {
    const a = Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
    return a;
  };
  const theta1 = ang(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dtheta = ang((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dtheta > 0) dtheta -= 2 * Math.PI;
  else if (sweep && dtheta < 0) dtheta += 2 * Math.PI;
  const segs = Math.max(1, Math.ceil(Math.abs(dtheta) / (Math.PI / 2) - 1e-9));
  const delta = dtheta / segs;
  const t = (4 / 3) * Math.tan(delta / 4);
  let th = theta1;
  const map = (ex: number, ey: number): [number, number] => [
    cx + cos * rx * ex - sin * ry * ey,
    cy + sin * rx * ex + cos * ry * ey,
  ];
  for (let i = 0; i < segs; i++) {
    const c1 = Math.cos(th);
    const s1 = Math.sin(th);
    const th2 = th + delta;
    const c2 = Math.cos(th2);
    const s2 = Math.sin(th2);
    const p1 = map(c1 - t * s1, s1 + t * c1);
    const p2 = map(c2 + t * s2, s2 - t * c2);
    const p = i === segs - 1 ? ([x2, y2] as [number, number]) : map(c2, s2);
    sink.curveTo(p1[0], p1[1], p2[0], p2[1], p[0], p[1]);
    th = th2;
  }
}

/** Parses SVG path data (all commands, implicit repeats, compact arc flags) into a sink. */
export function parsePathData(d: string, sink: PathSink): void {
  const len = d.length;
  let i = 0;
  const skip = () => {
    while (i < len) {
      const c = d.charCodeAt(i);
      if (c === 32 || c === 44 || c === 9 || c === 10 || c === 13 || c === 12) i++;
      else break;
    }
  };
  const startsNumber = () => {
    skip();
    if (i >= len) return false;
    const c = d.charCodeAt(i);
    return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
  };
  const num = (): number => {
    skip();
    const start = i;
    let c = d.charCodeAt(i);
    if (c === 43 || c === 45) c = d.charCodeAt(++i);
    let digits = false;
    while (c >= 48 && c <= 57) {
      c = d.charCodeAt(++i);
      digits = true;
    }
    if (c === 46) {
      c = d.charCodeAt(++i);
      while (c >= 48 && c <= 57) {
        c = d.charCodeAt(++i);
        digits = true;
      }
    }
    if (digits && (c === 101 || c === 69)) {
      const save = i;
      c = d.charCodeAt(++i);
      if (c === 43 || c === 45) c = d.charCodeAt(++i);
      if (c >= 48 && c <= 57) {
        while (c >= 48 && c <= 57) c = d.charCodeAt(++i);
      } else i = save;
    }
    if (!digits) throw unsupported(`path data near "${d.slice(start, start + 20)}"`);
    return Number(d.slice(start, i));
  };
  const flag = (): number => {
    skip();
    const c = d.charCodeAt(i);
    if (c === 48 || c === 49) {
      i++;
      return c - 48;
    }
    throw unsupported(`arc flag in path data near "${d.slice(i, i + 20)}"`);
  };

  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  // Reflection points for S/T; reset by any other command, as the spec requires.
  let lcx = 0;
  let lcy = 0;
  let lqx = 0;
  let lqy = 0;
  let prev = "";
  let cmd = "";
  let started = false;
  while (true) {
    skip();
    if (i >= len) break;
    const ch = d[i];
    const code = d.charCodeAt(i);
    if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) {
      cmd = ch;
      i++;
    } else if (!cmd) {
      throw unsupported(`path data must start with a command: "${d.slice(0, 20)}"`);
    }
    const rel = cmd === cmd.toLowerCase();
    const up = cmd.toUpperCase();
    if (up !== "M" && !started && up !== "Z") throw unsupported("path data without initial moveto");
    switch (up) {
      case "M": {
        const x = num() + (rel ? cx : 0);
        const y = num() + (rel ? cy : 0);
        sink.moveTo(x, y);
        started = true;
        cx = sx = x;
        cy = sy = y;
        // Further pairs after M are implicit lineTos.
        cmd = rel ? "l" : "L";
        prev = "M";
        continue;
      }
      case "Z":
        sink.close();
        cx = sx;
        cy = sy;
        prev = "Z";
        cmd = "";
        // A number directly after Z is an error in SVG; a command letter must follow.
        skip();
        if (i < len && startsNumber()) throw unsupported("path data: number after Z");
        continue;
      case "L": {
        const x = num() + (rel ? cx : 0);
        const y = num() + (rel ? cy : 0);
        sink.lineTo(x, y);
        cx = x;
        cy = y;
        break;
      }
      case "H": {
        const x = num() + (rel ? cx : 0);
        sink.lineTo(x, cy);
        cx = x;
        break;
      }
      case "V": {
        const y = num() + (rel ? cy : 0);
        sink.lineTo(cx, y);
        cy = y;
        break;
      }
      case "C": {
        const ox = rel ? cx : 0;
        const oy = rel ? cy : 0;
        const x1 = num() + ox;
        const y1 = num() + oy;
        const x2 = num() + ox;
        const y2 = num() + oy;
        const x = num() + ox;
        const y = num() + oy;
        sink.curveTo(x1, y1, x2, y2, x, y);
        lcx = x2;
        lcy = y2;
        cx = x;
        cy = y;
        break;
      }
      case "S": {
        const ox = rel ? cx : 0;
        const oy = rel ? cy : 0;
        const x1 = prev === "C" || prev === "S" ? 2 * cx - lcx : cx;
        const y1 = prev === "C" || prev === "S" ? 2 * cy - lcy : cy;
        const x2 = num() + ox;
        const y2 = num() + oy;
        const x = num() + ox;
        const y = num() + oy;
        sink.curveTo(x1, y1, x2, y2, x, y);
        lcx = x2;
        lcy = y2;
        cx = x;
        cy = y;
        break;
      }
      case "Q":
      case "T": {
        const ox = rel ? cx : 0;
        const oy = rel ? cy : 0;
        let qx: number;
        let qy: number;
        if (up === "Q") {
          qx = num() + ox;
          qy = num() + oy;
        } else if (prev === "Q" || prev === "T") {
          qx = 2 * cx - lqx;
          qy = 2 * cy - lqy;
        } else {
          qx = cx;
          qy = cy;
        }
        const x = num() + ox;
        const y = num() + oy;
        sink.curveTo(
          cx + (2 / 3) * (qx - cx),
          cy + (2 / 3) * (qy - cy),
          x + (2 / 3) * (qx - x),
          y + (2 / 3) * (qy - y),
          x,
          y,
        );
        lqx = qx;
        lqy = qy;
        cx = x;
        cy = y;
        break;
      }
      case "A": {
        const rx = num();
        const ry = num();
        const rot = num();
        const large = flag();
        const sweep = flag();
        const x = num() + (rel ? cx : 0);
        const y = num() + (rel ? cy : 0);
        arcToCurves(sink, cx, cy, rx, ry, rot, large, sweep, x, y);
        cx = x;
        cy = y;
        break;
      }
      default:
        throw unsupported(`path command "${ch}"`);
    }
    prev = up;
  }
}
