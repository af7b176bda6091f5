import type opentype from "opentype.js";
import { RenderError } from "../errors";
import { isCompoundBreak } from "./compounds";
import { capHeightEm, measureEm, verticalMetrics } from "./measure";

export interface FitRequest {
  text: string;
  font: opentype.Font;
  /** Box in canvas units. */
  width: number;
  height: number;
  maxLines: number;
  /** Line box height as a multiple of the font size. */
  lineHeight: number;
  /** Smallest font size (canvas units) that is still legible for this format. */
  minFontSize: number;
  maxFontSize: number;
  letterSpacingEm?: number;
  /** Used in error messages: which text did not fit. */
  label?: string;
  /** Canvas units per reported unit, for messages in mm or px. */
  unit?: { perUnit: number; name: string };
}

export interface FittedText {
  fontSize: number;
  lines: string[];
  /** Width of each line in canvas units at `fontSize`. */
  lineWidths: number[];
  lineHeight: number;
  blockHeight: number;
  capHeight: number;
  /** Padding above the first line box that keeps stacked marks inside the box. */
  markAllowance: number;
  descentAllowance: number;
}

interface Token {
  text: string;
  em: number;
  hardBreakAfter: boolean;
  /** A clause ends here: a line break after it reads naturally. */
  clauseEnd: boolean;
  /** Breaking after this token would split a compound word. */
  compoundAfter: boolean;
}

const ATTACH_TO_PREVIOUS = /^[–—\-:;,.!?…%)”’»]+$/u;
const CLAUSE_END = /[,;:–—.!?…]$/u;

function tokenize(text: string, font: opentype.Font, ls: number): { tokens: Token[]; spaceEm: number } {
  const tokens: Token[] = [];
  for (const para of text.split("\n")) {
    const words = para.split(" ").filter(Boolean);
    for (const word of words) {
      const prev = tokens[tokens.length - 1];
      // Keep dashes and trailing punctuation with the word before, so no line starts with "–".
      if (prev && !prev.hardBreakAfter && ATTACH_TO_PREVIOUS.test(word)) {
        prev.text = `${prev.text} ${word}`;
      } else {
        tokens.push({ text: word, em: 0, hardBreakAfter: false, clauseEnd: false, compoundAfter: false });
      }
    }
    if (tokens.length) tokens[tokens.length - 1].hardBreakAfter = true;
  }
  tokens.forEach((t, i) => {
    t.em = measureEm(font, t.text, ls);
    t.clauseEnd = CLAUSE_END.test(t.text);
    const next = tokens[i + 1];
    t.compoundAfter = !!next && !t.hardBreakAfter && isCompoundBreak(t.text, next.text);
  });
  return { tokens, spaceEm: measureEm(font, " ", ls) };
}

/** Width (em) of tokens [i, j) set on one line, or Infinity when a hard break lies inside. */
function lineEm(tokens: Token[], spaceEm: number, i: number, j: number): number {
  let w = 0;
  for (let t = i; t < j; t++) {
    if (t > i && tokens[t - 1].hardBreakAfter) return Number.POSITIVE_INFINITY;
    w += tokens[t].em + (t > i ? spaceEm : 0);
  }
  return w;
}

/** Smallest possible widest line (em) when setting the tokens on exactly k lines. */
function minMaxWidth(tokens: Token[], spaceEm: number, k: number, lastLineMin = 1): number {
  const n = tokens.length;
  const INF = Number.POSITIVE_INFINITY;
  // best[l][j]: minimal widest line for the first j tokens on l lines
  const best: number[][] = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(INF));
  best[0][0] = 0;
  for (let l = 1; l <= k; l++) {
    for (let j = l; j <= n; j++) {
      for (let i = l - 1; i < j; i++) {
        if (best[l - 1][i] === INF) continue;
        if (l === k && j === n && j - i < lastLineMin) continue;
        const w = lineEm(tokens, spaceEm, i, j);
        const v = Math.max(best[l - 1][i], w);
        if (v < best[l][j]) best[l][j] = v;
      }
    }
  }
  // Hard breaks must end a line: a split that runs across one has width Infinity above.
  return best[k][n];
}

/** The most even breaking whose lines all fit `limitEm`; clause ends are preferred break points. */
function balancedBreaks(
  tokens: Token[],
  spaceEm: number,
  k: number,
  limitEm: number,
  lastLineMin: number,
): number[] | null {
  const n = tokens.length;
  const INF = Number.POSITIVE_INFINITY;
  const cost: number[][] = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(INF));
  const from: number[][] = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(-1));
  cost[0][0] = 0;
  const tol = limitEm * 1e-9;
  for (let l = 1; l <= k; l++) {
    for (let j = l; j <= n; j++) {
      for (let i = l - 1; i < j; i++) {
        if (cost[l - 1][i] === INF) continue;
        if (l === k && j === n && j - i < lastLineMin) continue;
        const w = lineEm(tokens, spaceEm, i, j);
        if (w > limitEm + tol) continue;
        const slack = limitEm - w;
        let c = cost[l - 1][i] + slack * slack;
        if (j < n && tokens[j - 1].clauseEnd) c -= 0.15 * limitEm * limitEm;
        if (j < n && tokens[j - 1].compoundAfter) c += 0.5 * limitEm * limitEm;
        if (c < cost[l][j]) {
          cost[l][j] = c;
          from[l][j] = i;
        }
      }
    }
  }
  if (cost[k][n] === INF) return null;
  const breaks: number[] = [];
  let j = n;
  for (let l = k; l > 0; l--) {
    breaks.unshift(j);
    j = from[l][j];
  }
  return [0, ...breaks];
}

/** How well a breaking reads: splitting a compound or stranding one syllable costs; clause breaks help. */
function breakQuality(tokens: Token[], breaks: number[]): number {
  let q = 1;
  const inner = breaks.slice(1, -1);
  for (const b of inner) {
    if (tokens[b - 1].hardBreakAfter) continue;
    if (tokens[b - 1].compoundAfter) q *= 0.6;
    else if (tokens[b - 1].clauseEnd) q *= 1.06;
  }
  const last = breaks.length - 2;
  if (last > 0 && breaks[last + 1] - breaks[last] === 1) q *= 0.85;
  return q;
}

const MEASURE_SAFETY = 0.985;

// Measures tried per line count: the tightest, then a little looser for better breaks.
const LOOSENESS = [1, 1.04, 1.08, 1.14, 1.2, 1.3];

/**
 * The largest size at which the text fits the box within `maxLines`, set in balanced lines that
 * prefer clause ends, keep compounds whole and avoid a lone syllable on the last line — trading at
 * most a little size for that. Never clips: when even the legible minimum does not fit, it throws
 * TEXT_DOES_NOT_FIT.
 */
export function fitText(req: FitRequest): FittedText {
  const ls = req.letterSpacingEm ?? 0;
  const { tokens, spaceEm } = tokenize(req.text, req.font, ls);
  const n = tokens.length;
  const hardLines = tokens.filter((t) => t.hardBreakAfter).length;
  const capEm = capHeightEm(req.font);
  // Stacked marks (Ẫ, Ệ, Ủ) and dots below (Ụ) reach past the line box when lines are set tight:
  // reserve exactly the overhang this font has at this line height, so nothing leaves the box.
  const vm = verticalMetrics(req.font);
  const halfLeading = (req.lineHeight - (vm.ascEm + vm.descEm)) / 2;
  const topEm = Math.max(0, vm.topEm - (halfLeading + vm.ascEm));
  const bottomEm = Math.max(0, halfLeading + vm.ascEm + vm.bottomEm - req.lineHeight);
  const allowance = topEm + bottomEm;
  // Our advances come from opentype.js, satori shapes with HarfBuzz: keep a hair of measure spare.
  const width = req.width * MEASURE_SAFETY;
  let best: { size: number; score: number; breaks: number[] } | null = null;
  let largest = 0;
  for (let k = Math.max(1, hardLines); k <= Math.min(req.maxLines, n); k++) {
    const widest = minMaxWidth(tokens, spaceEm, k);
    if (!Number.isFinite(widest)) continue;
    const heightCap = Math.min(req.height / (k * req.lineHeight + allowance), req.maxFontSize);
    for (const loose of LOOSENESS) {
      const size = Math.min(width / (widest * loose), heightCap);
      largest = Math.max(largest, size);
      if (size < req.minFontSize) break;
      const limitEm = width / size;
      const breaks =
        balancedBreaks(tokens, spaceEm, k, limitEm, k > 1 ? 2 : 1) ??
        balancedBreaks(tokens, spaceEm, k, limitEm, 1);
      if (!breaks) continue;
      // Fewer lines read faster: a small bonus per line saved.
      const score = size * breakQuality(tokens, breaks) * (1 - 0.02 * (k - 1));
      if (!best || score > best.score) best = { size, score, breaks };
      if (size >= heightCap) break;
    }
  }
  const label = req.label ?? "Khẩu hiệu";
  if (!best) {
    const per = req.unit?.perUnit ?? 1;
    const unitName = req.unit?.name ?? "px";
    const minCap = (req.minFontSize * capEm) / per;
    const gotCap = (largest * capEm) / per;
    throw new RenderError(
      "TEXT_DOES_NOT_FIT",
      `${label} quá dài cho khổ này: chữ in hoa chỉ cao được ${gotCap.toFixed(1)} ${unitName}, cần tối thiểu ${minCap.toFixed(1)} ${unitName} để đọc được từ khoảng cách xem. Hãy rút gọn nội dung hoặc chọn khổ lớn hơn.`,
      {
        fontSize: largest,
        minFontSize: req.minFontSize,
        maxLines: req.maxLines,
        capHeight: gotCap,
        minCapHeight: minCap,
      },
    );
  }
  const { size, breaks } = best;
  const lines: string[] = [];
  const lineWidths: number[] = [];
  for (let l = 0; l + 1 < breaks.length; l++) {
    lines.push(
      tokens
        .slice(breaks[l], breaks[l + 1])
        .map((t) => t.text)
        .join(" "),
    );
    lineWidths.push(lineEm(tokens, spaceEm, breaks[l], breaks[l + 1]) * size);
  }
  return {
    fontSize: size,
    lines,
    lineWidths,
    lineHeight: size * req.lineHeight,
    blockHeight: size * (req.lineHeight * lines.length + allowance),
    capHeight: size * capEm,
    markAllowance: size * topEm,
    descentAllowance: size * bottomEm,
  };
}
