import LineBreaker from "linebreak";
import { NO_BREAK_AFTER } from "./abbreviations";
import { upperVi } from "./clean";

/** A run of text no line may break inside, with what follows it. */
export interface Segment {
  /** As typed: no-break joins kept (see `forDrawing`), no trailing space. */
  text: string;
  /** A breakable space follows: it is drawn when the next segment shares the line. */
  spaceAfter: boolean;
  /** A forced line break follows ("\n", or the end of the text). */
  hardBreakAfter: boolean;
}

const ABBREVIATIONS = new Set(NO_BREAK_AFTER.map((a) => upperVi(a)));
// Closing punctuation and a dash standing alone before a space belong to the line before.
const STARTS_CLOSING = /^[,.:;!?…)\]}”’»%]/u;
const LONE_DASH = /^[–—-]$/u;

/** Whether the break between `left` and `right` (both trimmed) is forbidden by our rules. */
function keepTogether(left: string, right: string, spaceBetween: boolean): boolean {
  // A number group: "0225 3842 123", "1800 1096" — digits on both sides of a space.
  if (spaceBetween && /\d$/u.test(left) && /^\d/u.test(right)) return true;
  if (STARTS_CLOSING.test(right) || LONE_DASH.test(right)) return true;
  const lastWord = left.split(/\s/u).pop() ?? "";
  return ABBREVIATIONS.has(upperVi(lastWord));
}

/**
 * Splits text into unbreakable segments: the break opportunities of UAX #14 (Unicode Line
 * Breaking Algorithm, via the `linebreak` package — so U+00A0, U+202F, U+2007 and U+2060 join),
 * less the Vietnamese ones we forbid: inside a number group joined by spaces ("0225 3842 123"),
 * after an abbreviation of NO_BREAK_AFTER ("TP. Hải Phòng"), and before closing punctuation or a
 * dash standing alone ("nhanh chóng – minh bạch" breaks after the dash, never before it).
 * "\n" is a forced break. Input: cleaned text (see `cleanText`).
 */
export function segmentText(text: string): Segment[] {
  const out: Segment[] = [];
  for (const para of text.split("\n")) {
    const chunks: string[] = [];
    const breaker = new LineBreaker(para);
    let last = 0;
    for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) {
      if (bk.position > last) chunks.push(para.slice(last, bk.position));
      last = bk.position;
    }
    if (last < para.length) chunks.push(para.slice(last));
    let current = "";
    chunks.forEach((chunk, i) => {
      current += chunk;
      const next = chunks[i + 1];
      if (next !== undefined && keepTogether(current.trimEnd(), next.trim(), / $/u.test(current))) return;
      const trimmed = current.trimEnd();
      if (trimmed) out.push({ text: trimmed, spaceAfter: trimmed !== current, hardBreakAfter: false });
      current = "";
    });
    if (out.length) {
      out[out.length - 1].hardBreakAfter = true;
      out[out.length - 1].spaceAfter = false;
    }
  }
  return out;
}
