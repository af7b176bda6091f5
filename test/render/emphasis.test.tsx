import satori from "satori";
import { describe, expect, it } from "vitest";
import { getOpentypeFont, getSatoriFonts } from "../../fonts/registry.server";
import { contrastRatio } from "../../templates/color";
import { textBlock, type TextBlockSpec } from "../../templates/designs/parts";
import { isRenderError } from "../../templates/errors";
import { textPaths } from "../../templates/preflight";
import { renderSvg } from "../../templates/render/index.server";
import { cleanText, upperVi } from "../../templates/text/clean";
import {
  joinRunBoxes,
  joinRuns,
  parseEmphasis,
  stripEmphasis,
  type TextRun,
  upperEmphasis,
} from "../../templates/text/emphasis";
import { fitText } from "../../templates/text/fit";
import { rejection, refusal } from "../support/errors";

// Issue 14 §4: `*chính quyền số*` in a slogan is set in the design's emphasis colour. The markers
// are parsed once, never drawn; the fitter breaks lines on the plain text and measures each run as
// satori lays it out; textBlock draws every line as its runs.

const FAMILY = "Be Vietnam Pro";
const font = getOpentypeFont(FAMILY, 800);
const INK = "#1f2937";
const ACCENT = "#a50f15";

const plainOf = (runs: TextRun[]) => runs.map((r) => r.text).join("");

describe("parseEmphasis", () => {
  it("takes the markers out and says which stretch they marked", () => {
    const e = parseEmphasis("Xây dựng *chính quyền số*, phục vụ Nhân dân");
    expect(e.text).toBe("Xây dựng chính quyền số, phục vụ Nhân dân");
    expect(e.spans).toEqual([{ start: 9, end: 23 }]);
    expect(e.text.slice(9, 23)).toBe("chính quyền số");
  });

  it("leaves text without markers as it is", () => {
    expect(parseEmphasis("Cải cách hành chính")).toEqual({ text: "Cải cách hành chính", spans: [] });
  });

  it("folds the spaces a marker leaves doubled or at a line's edge, as the cleaner does", () => {
    const e = parseEmphasis("Xây dựng * chính quyền * số\n* Vì dân*");
    expect(e.text).toBe("Xây dựng chính quyền số\nVì dân");
    expect(e.spans.map((s) => e.text.slice(s.start, s.end).trim())).toEqual(["chính quyền", "Vì dân"]);
  });

  it("keeps a run across a forced line break", () => {
    const e = parseEmphasis("*Xây dựng\nchính quyền số*");
    expect(e.spans).toEqual([{ start: 0, end: e.text.length }]);
  });

  it("refuses an asterisk with no partner, naming where it stands", () => {
    const e = refusal(() => parseEmphasis("Xây dựng *chính quyền số"), isRenderError);
    expect(e.code).toBe("EMPHASIS_UNBALANCED");
    expect(e.details).toMatchObject({ kind: "unclosed", position: 10 });
    expect(e.messageVi).toContain("vị trí 10");
    expect(e.messageVi).toContain("*chính quyền số*");
    // Three markers: the third opens a run no marker closes.
    const odd = refusal(() => parseEmphasis("*Xây* dựng *số"), isRenderError);
    expect(odd.details).toMatchObject({ kind: "unclosed", position: 12 });
  });

  it("refuses a pair around nothing", () => {
    for (const text of ["Xây ** dựng", "Xây * * dựng"]) {
      const e = refusal(() => parseEmphasis(text), isRenderError);
      expect(e.code).toBe("EMPHASIS_UNBALANCED");
      expect(e.details.kind).toBe("empty");
      expect(e.messageVi).toMatch(/vị trí 5 và [67]/);
    }
  });

  it("upper-cases run by run, every span still on its letters", () => {
    const e = upperEmphasis(parseEmphasis("đường dây *nóng ổn định*, ữ ặ"));
    expect(e.text).toBe(upperVi("đường dây nóng ổn định, ữ ặ"));
    expect(e.spans.map((s) => e.text.slice(s.start, s.end))).toEqual(["NÓNG ỔN ĐỊNH"]);
  });

  it("strips markers for titles and metadata, even unbalanced ones", () => {
    expect(stripEmphasis("Xây dựng *chính quyền số*")).toBe("Xây dựng chính quyền số");
    expect(stripEmphasis("Xây * dựng")).toBe("Xây dựng");
  });
});

describe("the cleaner and the markers", () => {
  it("keeps asterisks for the emphasis parser, and a full-width one becomes one", () => {
    expect(cleanText("Xây dựng  *chính quyền số*").text).toBe("Xây dựng *chính quyền số*");
    expect(cleanText("Xây dựng ＊chính quyền số＊").text).toBe("Xây dựng *chính quyền số*");
  });
});

describe("joinRuns", () => {
  it("merges neighbours of one colour and gives a run of spaces to its neighbour", () => {
    expect(
      joinRuns([
        { text: "XÂY", emphasis: true },
        { text: " ", emphasis: false },
        { text: "DỰNG", emphasis: true },
        { text: " SỐ", emphasis: false },
      ]),
    ).toEqual([
      { text: "XÂY DỰNG", emphasis: true },
      { text: " SỐ", emphasis: false },
    ]);
  });
});

/** The fitter on `marked` upper-cased, as the designs set slogans. */
function fitMarked(marked: string, width: number, maxLines: number) {
  const e = upperEmphasis(parseEmphasis(marked));
  return fitText({
    text: e.text,
    emphasis: e.spans,
    font,
    width,
    height: 2000,
    maxLines,
    lineHeight: 1.2,
    minFontSize: 10,
    maxFontSize: 100,
  });
}

describe("fitText with emphasis", () => {
  it("breaks lines on the plain text and carries a run across a line break", () => {
    const f = fitMarked("*Đẩy mạnh cải cách hành chính, xây dựng chính quyền số* vì nhân dân", 1200, 3);
    expect(f.lines.length).toBeGreaterThan(1);
    expect(f.runs).toHaveLength(f.lines.length);
    f.lines.forEach((line, l) => {
      expect(plainOf(f.runs![l])).toBe(line);
      expect(line).not.toContain("*");
    });
    // The run starts the first line and goes on into the next one.
    expect(f.runs![0]).toEqual([{ text: f.lines[0], emphasis: true }]);
    expect(f.runs![1][0].emphasis).toBe(true);
    expect(f.runs!.at(-1)!.at(-1)).toMatchObject({ emphasis: false });
    expect(f.runs!.at(-1)!.at(-1)!.text).toContain("NHÂN DÂN");
  });

  it("sets runs at a line's start and end (a space between runs goes with the run before it)", () => {
    const f = fitMarked("*Xây dựng* chính quyền *số*", 5000, 1);
    expect(f.runs).toEqual([
      [
        { text: "XÂY DỰNG ", emphasis: true },
        { text: "CHÍNH QUYỀN ", emphasis: false },
        { text: "SỐ", emphasis: true },
      ],
    ]);
  });

  it("sets a wholly emphasised slogan exactly as the plain one, one run a line", () => {
    const text = "Cải cách hành chính vì nhân dân phục vụ, minh bạch, hiệu quả";
    const whole = fitMarked(`*${text}*`, 900, 4);
    const plain = fitMarked(text, 900, 4);
    expect(whole.lines).toEqual(plain.lines);
    expect(whole.fontSize).toBeCloseTo(plain.fontSize, 9);
    for (const runs of whole.runs!) expect(runs).toHaveLength(1);
    expect(whole.runs!.every((r) => r[0].emphasis)).toBe(true);
    expect(plain.runs).toBeUndefined();
  });

  it("prefers a break outside an emphasised phrase when one reads as well", () => {
    const f = fitMarked("Xây dựng *chính quyền số*, phục vụ Nhân dân", 560, 3);
    const phrase = f.runs!.flat().filter((r) => r.emphasis);
    expect(phrase.map((r) => r.text.trim())).toEqual(["CHÍNH QUYỀN SỐ"]);
  });
});

/** textBlock's layer drawn by satori: the text paths, in document order. */
async function drawBlock(spec: TextBlockSpec) {
  const b = textBlock(spec);
  const width = spec.box.x * 2 + spec.box.width;
  const height = spec.box.y * 2 + spec.box.height;
  const svg = await satori(
    <div style={{ display: "flex", position: "relative", width, height, background: spec.background }}>
      {b.element}
    </div>,
    { width, height, fonts: getSatoriFonts([{ family: FAMILY, weight: 800 }]) },
  );
  return { b, paths: textPaths(svg) };
}

const block = (text: string, maxLines: number, width = 3000): TextBlockSpec => ({
  role: "primary",
  label: "Khẩu hiệu",
  text,
  box: { x: 40, y: 40, width, height: 160 * maxLines },
  family: FAMILY,
  weight: 800,
  color: INK,
  emphasisColor: ACCENT,
  background: "#ffffff",
  maxLines,
  minCapHeight: 10,
  uppercase: true,
});

/** Side bearings of a line's first and last glyphs at `size`: the advance a line's ink does not fill. */
function bearings(line: string, size: number): number {
  const chars = [...line];
  const first = font.charToGlyph(chars[0]);
  const last = font.charToGlyph(chars[chars.length - 1]);
  const lsb = first.getBoundingBox().x1;
  const rsb = (last.advanceWidth ?? 0) - last.getBoundingBox().x2;
  return ((lsb + rsb) / font.unitsPerEm) * size;
}

describe("textBlock draws the runs", () => {
  it("draws each run in its colour, one path a run, and never a marker", async () => {
    const { b, paths } = await drawBlock(block("Xây dựng *chính quyền số*, phục vụ Nhân dân", 1));
    expect(b.placement.text).toBe("XÂY DỰNG CHÍNH QUYỀN SỐ, PHỤC VỤ NHÂN DÂN");
    expect(b.placement.emphasisColor).toBe(ACCENT);
    expect(b.placement.runs).toEqual(b.fitted.runs);
    expect(paths.map((p) => p.fill)).toEqual([INK, ACCENT, INK]);
    expect(
      joinRunBoxes(
        paths.map((p) => p.box),
        [3],
      ),
    ).toHaveLength(1);
  });

  it("leaves plain text as one path a line, with no runs in its placement", async () => {
    const { b, paths } = await drawBlock(block("Xây dựng chính quyền số", 1));
    expect(paths).toHaveLength(1);
    expect(b.placement.runs).toBeUndefined();
    expect(b.placement.emphasisColor).toBeUndefined();
  });

  it("never reads markers in the design's own lines", () => {
    const fixed = textBlock({ ...block("Hotline *1022*", 1), role: "secondary", fixed: true });
    expect(fixed.placement.text).toBe("HOTLINE *1022*");
    expect(fixed.placement.runs).toBeUndefined();
  });

  it.each([
    ["a phrase", "Xây dựng *chính quyền số*, phục vụ Nhân dân"],
    ["runs at both ends", "*Xây dựng* chính quyền *số*"],
    ["a run edge inside a word", "Chính quyền *số* hóa toàn diện, *Ph*ục vụ nhân dân"],
  ])("draws what the fitter measured, ±1 %%, for %s", async (_, marked) => {
    const { b, paths } = await drawBlock(block(marked, 1));
    const runsPerLine = b.fitted.runs!.map((l) => l.length);
    const lines = joinRunBoxes(
      paths.map((p) => p.box),
      runsPerLine,
    );
    expect(lines).toHaveLength(1);
    const measured = b.fitted.lineWidths[0] - bearings(b.fitted.lines[0], b.fitted.fontSize);
    expect(Math.abs(lines[0].width - measured) / measured).toBeLessThan(0.01);
    // And as wide as the same line drawn without emphasis.
    const { paths: plain } = await drawBlock(block(stripEmphasis(marked), 1));
    expect(plain).toHaveLength(1);
    expect(Math.abs(lines[0].width - plain[0].box.width) / plain[0].box.width).toBeLessThan(0.01);
  });

  it("draws each line of several as its runs, as many lines as planned", async () => {
    const { b, paths } = await drawBlock(
      block("*Đẩy mạnh cải cách hành chính, xây dựng chính quyền số* vì nhân dân", 3, 1400),
    );
    const runsPerLine = b.fitted.runs!.map((l) => l.length);
    expect(paths).toHaveLength(runsPerLine.reduce((a, n) => a + n, 0));
    const lines = joinRunBoxes(
      paths.map((p) => p.box),
      runsPerLine,
    );
    expect(lines).toHaveLength(b.fitted.lines.length);
    for (let l = 0; l + 1 < lines.length; l++)
      expect(lines[l + 1].y).toBeGreaterThan(lines[l].y + lines[l].height);
  });
});

describe("a design's emphasis", () => {
  it("is the variant's emphasis colour, legible on the ground", async () => {
    const r = await renderSvg("co-dong-truyen-thong", "fb-link-1200x630", {
      text: "Xây dựng *chính quyền số*, phục vụ Nhân dân",
      options: { palette: "xanh-trang" },
    });
    const slogan = r.design.texts.find((t) => t.role === "primary")!;
    expect(slogan.emphasisColor).toBe("#ffe34d");
    expect(slogan.color).toBe("#ffffff");
    expect(contrastRatio(slogan.emphasisColor!, slogan.background)).toBeGreaterThanOrEqual(4.5);
    expect(textPaths(r.svg).some((p) => p.fill === "#ffe34d")).toBe(true);
  });

  it("refuses unbalanced markers before drawing", async () => {
    const e = await rejection(
      () => renderSvg("hanh-chinh-hien-dai", "square-1080", { text: "Xây dựng *chính quyền số" }),
      isRenderError,
    );
    expect(e.code).toBe("EMPHASIS_UNBALANCED");
    expect(e.messageVi).toMatch(/^Khẩu hiệu: dấu \* ở vị trí 10/);
  });
});
