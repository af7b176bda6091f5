import { describe, expect, it } from "vitest";
import { getOpentypeFont } from "../../fonts/registry.server";
import { isRenderError } from "../../templates/errors";
import { fitText } from "../../templates/text/fit";
import { measureEm } from "../../templates/text/measure";
import { upperVi } from "../../templates/text/clean";

const font = getOpentypeFont("be-vietnam-pro", 800);
const fitUpper = (text: string, width: number, height: number, maxLines: number, minFontSize = 10) =>
  fitText({
    text: upperVi(text),
    font,
    width,
    height,
    maxLines,
    lineHeight: 1.25,
    minFontSize,
    maxFontSize: 10_000,
  });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isRenderError(e) ? e.code : "OTHER";
  }
  return undefined;
}

describe("upperVi", () => {
  it("uppercases with Vietnamese letters intact", () => {
    expect(upperVi("đường dây nóng ổn định, ữ ặ ẫ")).toBe("ĐƯỜNG DÂY NÓNG ỔN ĐỊNH, Ữ Ặ Ẫ");
  });
});

describe("fitText", () => {
  it("never sets a line wider than the box and fills it", () => {
    const r = fitUpper("Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi", 2000, 600, 3);
    for (const w of r.lineWidths) expect(w).toBeLessThanOrEqual(2000);
    expect(Math.max(...r.lineWidths)).toBeGreaterThan(2000 * 0.8);
    expect(r.blockHeight).toBeLessThanOrEqual(600 + 1e-6);
  });
  it("measures widths rather than counting characters", () => {
    expect(measureEm(font, "WWWW")).toBeGreaterThan(measureEm(font, "IIII") * 2);
  });
  it("grows the text when the box grows (largest size that fits)", () => {
    const small = fitUpper("Cải cách hành chính vì nhân dân", 1000, 400, 2);
    const big = fitUpper("Cải cách hành chính vì nhân dân", 2000, 800, 2);
    expect(big.fontSize).toBeCloseTo(small.fontSize * 2, 0);
  });
  it("balances lines and keeps a dash with the word before it", () => {
    const r = fitUpper("Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi", 5000, 700, 2);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0].endsWith("–")).toBe(true);
    for (const l of r.lines) expect(l.startsWith("–")).toBe(false);
  });
  it("does not leave one syllable alone on the last line when another break exists", () => {
    for (const w of [900, 1100, 1300, 1500, 1700]) {
      const r = fitUpper("Người dân và doanh nghiệp hài lòng là thước đo của chúng ta", w, 2000, 4);
      if (r.lines.length > 1) expect(r.lines.at(-1)!.split(" ").length).toBeGreaterThan(1);
    }
  });
  it("honours forced line breaks", () => {
    const r = fitUpper("Chủ động thực thi\nphát huy động lực", 4000, 1000, 3);
    expect(r.lines).toEqual(["CHỦ ĐỘNG THỰC THI", "PHÁT HUY ĐỘNG LỰC"]);
  });
  it("fails loudly, never clips, when the legible minimum cannot fit", () => {
    expect(codeOf(() => fitUpper("Cải cách hành chính vì nhân dân phục vụ", 300, 100, 2, 60))).toBe(
      "TEXT_DOES_NOT_FIT",
    );
  });
});
