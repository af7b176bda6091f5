import { RenderError } from "../errors";
import type { Box } from "../types";
import { upperVi } from "./clean";

// Emphasis in a slogan: a pair of asterisks marks the words a banner sets in its accent colour
// ("Xây dựng *chính quyền số*"), as Vietnamese campaign banners do. The markers are parsed here
// once; the fitter breaks lines on the plain text and measures each run on its own, and textBlock
// draws every line as its runs. A slogan never needs a literal asterisk, so one standing alone is
// a typing slip and is refused with its position rather than drawn.

/** The character that opens and closes an emphasised run. */
export const EMPHASIS_MARK = "*";

/** An emphasised stretch of the plain text: [start, end) in UTF-16 code units. */
export interface EmphasisSpan {
  start: number;
  end: number;
}

/** A slogan with its markers taken out: the text as drawn, and which stretches are emphasised. */
export interface EmphasisText {
  text: string;
  /** In order, not overlapping, never empty, never touching (adjacent runs are merged). */
  spans: EmphasisSpan[];
}

/** A piece of one drawn line set in one colour. */
export interface TextRun {
  text: string;
  emphasis: boolean;
}

interface Marked {
  ch: string;
  em: boolean;
}

/**
 * Parses `marked` (cleaned text, see `cleanText`): every `*` opens or closes an emphasised run;
 * the markers are removed and the spaces around them folded as the cleaner folds spaces (no
 * double space, none at a line's start or end). `field` names the text in messages.
 * Throws RenderError EMPHASIS_UNBALANCED with `details.kind` "unclosed" (an opening `*` with no
 * closing one; `details.position`, 1-based code point in `marked`) or "empty" (a pair around
 * nothing but spaces; `details.from`/`details.to`, the positions of the two markers).
 */
export function parseEmphasis(marked: string, field = "Khẩu hiệu"): EmphasisText {
  if (!marked.includes(EMPHASIS_MARK)) return { text: marked, spans: [] };
  const chars: Marked[] = [];
  let open = 0;
  let inked = false;
  let position = 0;
  for (const ch of marked) {
    position++;
    if (ch === EMPHASIS_MARK) {
      if (!open) {
        open = position;
        inked = false;
      } else if (!inked) {
        throw new RenderError(
          "EMPHASIS_UNBALANCED",
          `${field}: cặp dấu * ở vị trí ${open} và ${position} không bao quanh chữ nào. Hãy viết phần cần nhấn mạnh giữa hai dấu sao, ví dụ *chính quyền số*, hoặc xóa cặp dấu ấy.`,
          { kind: "empty", from: open, to: position, field },
        );
      } else open = 0;
      continue;
    }
    if (open && !/\s/u.test(ch)) inked = true;
    chars.push({ ch, em: open > 0 });
  }
  if (open) {
    throw new RenderError(
      "EMPHASIS_UNBALANCED",
      `${field}: dấu * ở vị trí ${open} mở phần nhấn mạnh nhưng không có dấu * đóng lại. Hãy đặt phần cần nhấn mạnh giữa một cặp dấu sao, ví dụ *chính quyền số*; khẩu hiệu không dùng dấu * đứng riêng.`,
      { kind: "unclosed", position: open, field },
    );
  }
  return fromMarked(foldSpaces(chars));
}

/** Drops the spaces a removed marker left doubled or at a line's edge. */
function foldSpaces(chars: Marked[]): Marked[] {
  const out: Marked[] = [];
  for (const c of chars) {
    const last = out[out.length - 1];
    if (c.ch === " " && (!last || last.ch === " " || last.ch === "\n")) continue;
    if (c.ch === "\n" && last?.ch === " ") out.pop();
    out.push(c);
  }
  while (out.length && out[out.length - 1].ch === " ") out.pop();
  return out;
}

function fromMarked(chars: Marked[]): EmphasisText {
  let text = "";
  const spans: EmphasisSpan[] = [];
  for (const c of chars) {
    const start = text.length;
    text += c.ch;
    if (!c.em) continue;
    const last = spans[spans.length - 1];
    if (last && last.end === start) last.end = text.length;
    else spans.push({ start, end: text.length });
  }
  return { text, spans };
}

/** The slogan as plain text, markers removed (titles, file metadata); unbalanced markers are simply dropped. */
export function stripEmphasis(marked: string): string {
  return fromMarked(
    foldSpaces([...marked].filter((ch) => ch !== EMPHASIS_MARK).map((ch) => ({ ch, em: false }))),
  ).text;
}

/**
 * Vietnamese capitals run by run (see `upperVi`), so every span still covers the same letters even
 * where upper-casing changes a run's length.
 */
export function upperEmphasis(e: EmphasisText): EmphasisText {
  const chars: Marked[] = [];
  for (const r of runsOf(e.text, e.spans, 0, e.text.length)) {
    for (const ch of upperVi(r.text)) chars.push({ ch, em: r.emphasis });
  }
  return fromMarked(chars);
}

/** Whether the code unit at `i` lies inside one of `spans`. */
export function emphasisedAt(spans: readonly EmphasisSpan[], i: number): boolean {
  return spans.some((s) => i >= s.start && i < s.end);
}

/** The runs of text[from, to): split where emphasis starts or ends, in order, none empty. */
export function runsOf(text: string, spans: readonly EmphasisSpan[], from: number, to: number): TextRun[] {
  const cuts = new Set([from, to]);
  for (const s of spans) {
    if (s.start > from && s.start < to) cuts.add(s.start);
    if (s.end > from && s.end < to) cuts.add(s.end);
  }
  const at = [...cuts].sort((a, b) => a - b);
  const runs: TextRun[] = [];
  for (let k = 0; k + 1 < at.length; k++) {
    runs.push({ text: text.slice(at[k], at[k + 1]), emphasis: emphasisedAt(spans, at[k]) });
  }
  return runs;
}

/**
 * The runs one line is drawn as: neighbours of one colour merged, and a run of nothing but spaces
 * given to the run before it (or after it, at the line's start), since it draws no ink and would
 * otherwise be a run satori lays out on its own.
 */
export function joinRuns(pieces: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const p of pieces) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && (last.emphasis === p.emphasis || !p.text.trim())) last.text += p.text;
    else if (last && !last.text.trim())
      out[out.length - 1] = { text: last.text + p.text, emphasis: p.emphasis };
    else out.push({ ...p });
  }
  return out;
}

/**
 * Drawn lines from drawn runs: satori draws each run of a line as its own path, in document order,
 * so the boxes of a placement set as runs (`runsPerLine`, the runs of each line) are joined line by
 * line. When the count differs from what was planned, the boxes come back as they are and the
 * line check reports the difference.
 */
export function joinRunBoxes(boxes: readonly Box[], runsPerLine: readonly number[]): Box[] {
  const total = runsPerLine.reduce((a, b) => a + b, 0);
  if (total !== boxes.length) return [...boxes];
  const out: Box[] = [];
  let k = 0;
  for (const n of runsPerLine) {
    const part = boxes.slice(k, k + n);
    k += n;
    const x = Math.min(...part.map((b) => b.x));
    const y = Math.min(...part.map((b) => b.y));
    const r = Math.max(...part.map((b) => b.x + b.width));
    const bottom = Math.max(...part.map((b) => b.y + b.height));
    out.push({ x, y, width: r - x, height: bottom - y });
  }
  return out;
}
