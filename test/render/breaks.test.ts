import { describe, expect, it } from "vitest";
import { getOpentypeFont } from "../../fonts/registry.server";
import { segmentText } from "../../templates/text/breaks";
import { upperVi } from "../../templates/text/clean";
import { fitText } from "../../templates/text/fit";

const texts = (s: string) => segmentText(s).map((x) => x.text);
const font = getOpentypeFont("be-vietnam-pro", 800);

/** Every way the fitter sets `text` in boxes from very narrow to wide: the lines it chose. */
function settings(text: string, maxLines = 8): string[][] {
  const out: string[][] = [];
  for (let width = 300; width <= 3000; width += 50) {
    try {
      out.push(
        fitText({
          text: upperVi(text),
          font,
          width,
          height: 2000,
          maxLines,
          lineHeight: 1.2,
          minFontSize: 20,
          maxFontSize: 400,
        }).lines,
      );
    } catch {
      // too narrow for this text at the minimum size: nothing set, nothing to check
    }
  }
  expect(out.length).toBeGreaterThan(10);
  return out;
}

describe("line breaking: UAX #14 plus Vietnamese rules", () => {
  it("never breaks inside a number group, typed with spaces or no-break spaces", () => {
    expect(texts("Gọi 0225 3842 123 để phản ánh")).toEqual(["Gọi", "0225 3842 123", "để", "phản", "ánh"]);
    expect(texts("Gọi 0225\u00A03842\u00A0123 nhé")).toEqual(["Gọi", "0225\u00A03842\u00A0123", "nhé"]);
    expect(texts("Tổng đài 1800 1096")).toEqual(["Tổng", "đài", "1800 1096"]);
    expect(texts("ngày 31/12/2025")).toEqual(["ngày", "31/12/2025"]);
    expect(texts("tiêu chuẩn TCVN ISO 9001:2015 tại xã")).toEqual([
      "tiêu",
      "chuẩn",
      "TCVN ISO 9001:2015",
      "tại",
      "xã",
    ]);
  });

  it("never breaks after a listed abbreviation", () => {
    expect(texts("xã Lạc Phượng, TP. Hải Phòng")).toEqual(["xã", "Lạc", "Phượng,", "TP. Hải", "Phòng"]);
    expect(texts("UBND xã Lạc Phượng")).toEqual(["UBND xã", "Lạc", "Phượng"]);
    expect(texts("Tp. Hải Phòng")).toEqual(["Tp. Hải", "Phòng"]);
    // At a clause end the abbreviation is not followed by its name: the break stays.
    expect(texts("của UBND, vì dân")).toEqual(["của", "UBND,", "vì", "dân"]);
  });

  it("keeps closing punctuation and a lone dash with the word before", () => {
    expect(texts("nhanh chóng – minh bạch")).toEqual(["nhanh", "chóng –", "minh", "bạch"]);
    expect(texts("nhanh chóng , minh bạch !")).toEqual(["nhanh", "chóng ,", "minh", "bạch !"]);
    expect(texts("“Chủ động thực thi ” nhé")).toEqual(["“Chủ", "động", "thực", "thi ”", "nhé"]);
  });

  it("breaks only at forced breaks across paragraphs, and marks them", () => {
    const s = segmentText("Cải cách\nvì dân");
    expect(s.map((x) => [x.text, x.spaceAfter, x.hardBreakAfter])).toEqual([
      ["Cải", true, false],
      ["cách", false, true],
      ["vì", true, false],
      ["dân", false, true],
    ]);
  });

  it("in every box width: no split number, no line ending in TP., no line starting with closing marks", () => {
    const rows = [
      "Gọi 0225 3842 123 để phản ánh thủ tục hành chính",
      "Gọi 0225\u00A03842\u00A0123 để phản ánh thủ tục hành chính",
      "Công dân xã Lạc Phượng, TP. Hải Phòng đồng lòng cải cách hành chính",
      "Dịch vụ công trực tuyến – nhanh chóng, minh bạch: tiện lợi",
    ];
    for (const row of rows) {
      for (const lines of settings(row)) {
        const joined = lines.join("\n");
        expect(joined).not.toMatch(/0225\n|3842\n/);
        for (const l of lines) {
          expect(l).not.toMatch(/(^|\s)TP\.$/u);
          expect(l).not.toMatch(/^[,.:;!?…”’»)–—]/u);
          expect(l).not.toMatch(/[\u00A0\u202F\u2060]/u);
        }
      }
    }
  });
});
