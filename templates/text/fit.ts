import type opentype from "opentype.js";
import { RenderError } from "../errors";
import { segmentText } from "./breaks";
import { forDrawing } from "./clean";
import { isCompoundBreak } from "./compounds";
import { type EmphasisSpan, emphasisedAt, joinRuns, runsOf, type TextRun } from "./emphasis";
import { capHeightEm, lineInk, measureEm } from "./measure";

export interface FitRequest {
  /** Cleaned text (see `cleanText`), already in the case it is drawn in. */
  text: string;
  font: opentype.Font;
  /** Box in canvas units. */
  width: number;
  height: number;
  maxLines: number;
  /** The design's line pitch as a multiple of the font size; raised where marks need room. */
  lineHeight: number;
  /** Smallest font size (canvas units) that is still legible for this format. */
  minFontSize: number;
  maxFontSize: number;
  letterSpacingEm?: number;
  /**
   * Room kept clear above the highest mark and below the lowest dot, as a multiple of the font
   * size (default 0.1): the box is the text's area, not its ink's, so rules and neighbours breathe.
   */
  marginEm?: number;
  /**
   * Stretches of `text` set as emphasised runs (see `parseEmphasis`). satori lays out each run on
   * its own (no kerning across a run's edge), so a word cut by a run edge is measured as its pieces.
   */
  emphasis?: EmphasisSpan[];
  /** Used in error messages: which text did not fit. */
  label?: string;
  /** Canvas units per reported unit, for messages in mm or px. */
  unit?: { perUnit: number; name: string };
}

/** Vertical ink of one drawn line, in canvas units from its baseline (both positive). */
export interface LineInk {
  top: number;
  bottom: number;
}

export interface FittedText {
  fontSize: number;
  /** The lines exactly as they are drawn, one element each. */
  lines: string[];
  /** Each line as the runs it is drawn in; set when the request marked any emphasis. */
  runs?: TextRun[][];
  /** Width of each line in canvas units at `fontSize`. */
  lineWidths: number[];
  /** Baseline-to-baseline distance in whole canvas units (every line box is this tall). */
  lineHeight: number;
  /** Ink of each line: what the glyph outlines reach above and below its baseline. */
  ink: LineInk[];
  /** From the top of the first line's ink to the bottom of the last line's. */
  blockHeight: number;
  /** Clear room kept above and below the ink inside the box, canvas units. */
  margin: number;
  capHeight: number;
}

/**
 * Least clearance between the ink of two adjacent lines, as a fraction of the font size: the
 * dot under Ạ must not touch the hook of Ổ below it. 2.5 % leaves room over the 2 % the print
 * check requires for the rounding of outlines into pixels.
 */
export const MARK_CLEARANCE_EM = 0.025;

interface Token {
  text: string;
  em: number;
  /** The token cut where emphasis starts or ends (one piece when it does not), as drawn. */
  pieces: TextRun[];
  /** Whether the space after it lies inside an emphasised run. */
  glueEmphasis: boolean;
  /** Width of the space drawn after it when the next token shares the line; 0 when none. */
  glueEm: number;
  hardBreakAfter: boolean;
  /** A clause ends here: a line break after it reads naturally. */
  clauseEnd: boolean;
  /** Breaking after this token would split a compound word. */
  compoundAfter: boolean;
  /**
   * Breaking after this token would split an emphasised phrase ("CHÍNH QUYỀN | SỐ"); never set
   * when the whole text is emphasised, where every break would.
   */
  inRunAfter: boolean;
}

const CLAUSE_END = /[,;:–—.!?…]$/u;
// A single word this short alone on a line ("VÌ", "VÀ") reads as a stray.
const SHORT_WORD_CHARS = 3;

function tokenize(text: string, font: opentype.Font, ls: number, spans: EmphasisSpan[]): Token[] {
  const spaceEm = measureEm(font, " ", ls);
  let cursor = 0;
  const tokens: Token[] = segmentText(text).map((s) => {
    // Segments keep the text's order; finding each one (rather than counting) stays right where
    // the segmenter trims a join or a space.
    const found = text.indexOf(s.text, cursor);
    const start = found < 0 ? cursor : found;
    cursor = start + s.text.length;
    const pieces = runsOf(text, spans, start, cursor).map((r) => ({ ...r, text: forDrawing(r.text) }));
    return {
      text: forDrawing(s.text),
      em: pieces.reduce((w, p) => w + measureEm(font, p.text, ls), 0),
      pieces,
      glueEmphasis: s.spaceAfter && emphasisedAt(spans, cursor),
      glueEm: s.spaceAfter ? spaceEm : 0,
      hardBreakAfter: s.hardBreakAfter,
      clauseEnd: CLAUSE_END.test(s.text),
      compoundAfter: false,
      inRunAfter: false,
    };
  });
  const whole = spans.length === 1 && spans[0].start === 0 && spans[0].end === text.length;
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    t.compoundAfter = !!next && !t.hardBreakAfter && isCompoundBreak(t.text, next.text);
    t.inRunAfter = t.glueEmphasis && !whole;
  });
  return tokens;
}

/** Width (em) of tokens [i, j) set on one line, or Infinity when a hard break lies inside. */
function lineEm(tokens: Token[], i: number, j: number): number {
  let w = 0;
  for (let t = i; t < j; t++) {
    if (t > i && tokens[t - 1].hardBreakAfter) return Number.POSITIVE_INFINITY;
    w += tokens[t].em + (t < j - 1 ? tokens[t].glueEm : 0);
  }
  return w;
}

function lineText(tokens: Token[], i: number, j: number): string {
  let s = "";
  for (let t = i; t < j; t++) s += tokens[t].text + (t < j - 1 && tokens[t].glueEm > 0 ? " " : "");
  return s;
}

/** Tokens [i, j) as the runs they are drawn in. */
function lineRuns(tokens: Token[], i: number, j: number): TextRun[] {
  const pieces: TextRun[] = [];
  for (let t = i; t < j; t++) {
    pieces.push(...tokens[t].pieces);
    if (t < j - 1 && tokens[t].glueEm > 0) pieces.push({ text: " ", emphasis: tokens[t].glueEmphasis });
  }
  return joinRuns(pieces);
}

/** Smallest possible widest line (em) when setting the tokens on exactly k lines. */
function minMaxWidth(tokens: Token[], k: number): number {
  const n = tokens.length;
  const INF = Number.POSITIVE_INFINITY;
  // best[l][j]: minimal widest line for the first j tokens on l lines
  const best: number[][] = Array.from({ length: k + 1 }, () => new Array(n + 1).fill(INF));
  best[0][0] = 0;
  for (let l = 1; l <= k; l++) {
    for (let j = l; j <= n; j++) {
      for (let i = l - 1; i < j; i++) {
        if (best[l - 1][i] === INF) continue;
        const v = Math.max(best[l - 1][i], lineEm(tokens, i, j));
        if (v < best[l][j]) best[l][j] = v;
      }
    }
  }
  // Hard breaks must end a line: a split that runs across one has width Infinity above.
  return best[k][n];
}

/** The most even breaking whose lines all fit `limitEm`; clause ends are preferred break points. */
function balancedBreaks(tokens: Token[], k: number, limitEm: number, lastLineMin: number): number[] | null {
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
        const w = lineEm(tokens, i, j);
        if (w > limitEm + tol) continue;
        const slack = limitEm - w;
        let c = cost[l - 1][i] + slack * slack;
        if (j < n && tokens[j - 1].clauseEnd) c -= 0.15 * limitEm * limitEm;
        if (j < n && tokens[j - 1].compoundAfter) c += 0.5 * limitEm * limitEm;
        if (j < n && tokens[j - 1].inRunAfter) c += 0.3 * limitEm * limitEm;
        if (k > 1 && j - i === 1 && [...tokens[i].text].length <= SHORT_WORD_CHARS)
          c += 0.4 * limitEm * limitEm;
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

/**
 * How well a breaking reads: splitting a compound or leaving a short word alone on a line costs;
 * clause breaks help.
 */
function breakQuality(tokens: Token[], breaks: number[]): number {
  let q = 1;
  for (const b of breaks.slice(1, -1)) {
    if (tokens[b - 1].hardBreakAfter) continue;
    if (tokens[b - 1].compoundAfter) q *= 0.8;
    else if (tokens[b - 1].inRunAfter) q *= 0.9;
    else if (tokens[b - 1].clauseEnd) q *= 1.06;
  }
  if (breaks.length > 2) {
    for (let l = 0; l + 1 < breaks.length; l++) {
      const alone = breaks[l + 1] - breaks[l] === 1 && !tokens[breaks[l + 1] - 1].hardBreakAfter;
      if (alone && [...tokens[breaks[l]].text].length <= SHORT_WORD_CHARS) q *= 0.85;
    }
  }
  return q;
}

/**
 * Pitch (em) at which no two adjacent lines' ink comes closer than MARK_CLEARANCE_EM, and never
 * tighter than the design's own leading.
 */
function pitchFor(ink: { topEm: number; bottomEm: number }[], leading: number): number {
  let pitch = leading;
  for (let l = 0; l + 1 < ink.length; l++) {
    pitch = Math.max(pitch, ink[l].bottomEm + ink[l + 1].topEm + MARK_CLEARANCE_EM);
  }
  return pitch;
}

const MEASURE_SAFETY = 0.985;

// Measures tried per line count: the tightest, then a little looser for better breaks.
const LOOSENESS = [1, 1.04, 1.08, 1.14, 1.2, 1.3];

/**
 * The largest size at which the text fits the box within `maxLines`: lines broken only where
 * UAX #14 and our Vietnamese rules allow (see `segmentText`), balanced, preferring clause ends,
 * keeping compounds whole and no short word alone on a line — trading a little size for that.
 * Leading comes from the ink of the lines actually set: the pitch is raised until the lowest mark
 * of each line clears the highest mark of the next by MARK_CLEARANCE_EM, and the text shrinks
 * (never the clearance) to keep the block inside the box. Never clips: when even the legible
 * minimum does not fit, it throws RenderError TEXT_DOES_NOT_FIT (details in the request's unit).
 * Sizes, widths and heights in canvas units.
 */
export function fitText(req: FitRequest): FittedText {
  const ls = req.letterSpacingEm ?? 0;
  const spans = req.emphasis ?? [];
  const tokens = tokenize(req.text, req.font, ls, spans);
  const n = tokens.length;
  const hardLines = tokens.filter((t) => t.hardBreakAfter).length;
  const capEm = capHeightEm(req.font);
  // Our advances come from opentype.js, satori shapes with HarfBuzz: keep a hair of measure spare.
  const width = req.width * MEASURE_SAFETY;
  const marginEm = req.marginEm ?? 0.1;
  let best: { size: number; score: number; breaks: number[] } | null = null;
  let largest = 0;
  for (let k = Math.max(1, hardLines); k <= Math.min(req.maxLines, n); k++) {
    const widest = minMaxWidth(tokens, k);
    if (!Number.isFinite(widest)) continue;
    // An optimistic bound from the design's leading and capitals; the real ink decides below.
    const heightBound = Math.min(
      req.height / ((k - 1) * req.lineHeight + capEm + 2 * marginEm),
      req.maxFontSize,
    );
    for (const loose of LOOSENESS) {
      const start = Math.min(width / (widest * loose), heightBound);
      if (start < req.minFontSize) {
        largest = Math.max(largest, start);
        break;
      }
      const limitEm = width / start;
      const breaks =
        balancedBreaks(tokens, k, limitEm, k > 1 ? 2 : 1) ?? balancedBreaks(tokens, k, limitEm, 1);
      if (!breaks) continue;
      let widestEm = 0;
      const ink: { topEm: number; bottomEm: number }[] = [];
      for (let l = 0; l + 1 < breaks.length; l++) {
        widestEm = Math.max(widestEm, lineEm(tokens, breaks[l], breaks[l + 1]));
        ink.push(lineInk(req.font, lineText(tokens, breaks[l], breaks[l + 1])));
      }
      const pitch = pitchFor(ink, req.lineHeight);
      const inkEm = ink[0].topEm + (ink.length - 1) * pitch + ink[ink.length - 1].bottomEm;
      // Less one canvas unit per line: the pitch is rounded up to whole units when drawn.
      const size = Math.min(
        width / widestEm,
        (req.height - ink.length) / (inkEm + 2 * marginEm),
        req.maxFontSize,
      );
      largest = Math.max(largest, size);
      if (size < req.minFontSize) continue;
      // Fewer lines read faster: a small bonus per line saved.
      const score = size * breakQuality(tokens, breaks) * (1 - 0.02 * (k - 1));
      if (!best || score > best.score) best = { size, score, breaks };
      // Looser measures only make the text smaller once the height is what limits it.
      if (size < width / widestEm - 1e-9) break;
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
  const runs: TextRun[][] = [];
  const lineWidths: number[] = [];
  const inkEm: { topEm: number; bottomEm: number }[] = [];
  for (let l = 0; l + 1 < breaks.length; l++) {
    const line = lineText(tokens, breaks[l], breaks[l + 1]);
    lines.push(line);
    runs.push(lineRuns(tokens, breaks[l], breaks[l + 1]));
    lineWidths.push(lineEm(tokens, breaks[l], breaks[l + 1]) * size);
    inkEm.push(lineInk(req.font, line));
  }
  // Whole canvas units: the layout engine rounds boxes to them, and a rounded pitch would move
  // baselines by up to a unit — 2.5 % of a 40 px line, the whole clearance.
  const pitch = Math.ceil(pitchFor(inkEm, req.lineHeight) * size);
  return {
    fontSize: size,
    lines,
    ...(spans.length ? { runs } : {}),
    lineWidths,
    lineHeight: pitch,
    ink: inkEm.map((i) => ({ top: i.topEm * size, bottom: i.bottomEm * size })),
    blockHeight: inkEm[0].topEm * size + (inkEm.length - 1) * pitch + inkEm[inkEm.length - 1].bottomEm * size,
    capHeight: size * capEm,
    margin: marginEm * size,
  };
}
