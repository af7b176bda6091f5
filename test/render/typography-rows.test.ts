// The ten inputs of issue 10, as a clerk types them, each with the result a reader expects.
// CLI and web halves of rows 7 and 8: test/cli/cli-checks.test.ts, test/app/preflight-gate.test.ts.
import { describe, expect, it } from "vitest";
import { checkRendered, renderSvg } from "../../templates/render/index.server";
import { drawnLinesByPlacement, textPaths } from "../../templates/preflight";

async function render(templateId: string, formatId: string, text: string) {
  const r = await renderSvg(templateId, formatId, { text });
  const slogan = r.design.texts.find((t) => t.role === "primary");
  if (!slogan) throw new Error("no primary text");
  const drawn = drawnLinesByPlacement(r.design.texts, textPaths(r.svg))[r.design.texts.indexOf(slogan)];
  return { r, slogan, drawn, report: checkRendered(r) };
}

/** Smallest gap between the drawn ink of adjacent slogan lines, as a fraction of the font size. */
function smallestGap(drawn: { y: number; height: number }[], fontSize: number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let l = 0; l + 1 < drawn.length; l++)
    min = Math.min(min, drawn[l + 1].y - (drawn[l].y + drawn[l].height));
  return min / fontSize;
}

describe("issue 10: the ten inputs", () => {
  it("1. dot under Ạ of ĐOẠN and the comma after MỚI clear the marks of the next line", async () => {
    const { slogan, drawn, report } = await render(
      "hanh-chinh-hien-dai",
      "a3",
      "Lạc Phượng đoàn kết, đổi mới, phát triển bền vững",
    );
    expect(slogan.lines.length).toBeGreaterThan(1);
    expect(smallestGap(drawn, slogan.fontSize)).toBeGreaterThanOrEqual(0.02);
    expect(report.errors).toEqual([]);
  });

  it("2. MẠNH over CÁCH: clear on the A3 modern design, all three poster designs and the link image", async () => {
    const cases = [
      ["hanh-chinh-hien-dai", "a3"],
      ["hanh-chinh-hien-dai", "a2"],
      ["chinh-quyen-so", "a3"],
      ["ap-phich-trang-trong", "a3"],
      ["ap-phich-trang-trong", "a2"],
      ["hanh-chinh-hien-dai", "fb-link-1200x630"],
      ["co-dong-truyen-thong", "fb-link-1200x630"],
    ];
    for (const [t, f] of cases) {
      const { slogan, drawn, report } = await render(t, f, "Đẩy mạnh cải cách hành chính");
      expect(drawn, `${t} × ${f}`).toHaveLength(slogan.lines.length);
      if (drawn.length > 1)
        expect(smallestGap(drawn, slogan.fontSize), `${t} × ${f}`).toBeGreaterThanOrEqual(0.02);
      expect(report.errors, `${t} × ${f}`).toEqual([]);
    }
  });

  it("3. a number typed with no-break spaces, or with spaces, stays on one line", async () => {
    for (const text of [
      "Gọi 0225\u00A03842\u00A0123 để phản ánh về thủ tục hành chính",
      "Gọi 0225 3842 123 để phản ánh về thủ tục hành chính",
    ]) {
      for (const f of ["co-phuon-0.6x2", "square-1080", "a3"]) {
        const { slogan } = await render("hanh-chinh-hien-dai", f, text);
        expect(
          slogan.lines.some((l) => l.includes("0225 3842 123")),
          `${f}: ${slogan.lines.join(" / ")}`,
        ).toBe(true);
      }
    }
  });

  it("3b. a word joiner and narrow no-break space join without a missing-glyph error", async () => {
    const { slogan, report } = await render(
      "chinh-quyen-so",
      "fb-link-1200x630",
      "Tổng đài 1800\u202F1096 và mã 12\u2060345",
    );
    expect(report.errors).toEqual([]);
    expect(slogan.lines.join(" ")).toContain("1800 1096");
    expect(slogan.lines.join(" ")).toContain("12345");
  });

  it("4. TP. stays with HẢI PHÒNG, on a vertical flag too", async () => {
    const text = "Nhân dân xã Lạc Phượng, TP. Hải Phòng đồng lòng cải cách hành chính";
    for (const f of ["co-phuon-0.6x2", "co-phuon-0.8x2.5", "bang-ron-0.8x5", "a3"]) {
      const { slogan } = await render("hanh-chinh-hien-dai", f, text);
      for (const l of slogan.lines) {
        expect(l, f).not.toMatch(/(^|\s)TP\.$/u);
        expect(l, f).not.toBe("TP.");
      }
      expect(slogan.lines.join(" / "), f).toContain("TP. HẢI");
    }
  });

  it("5. a line separator pasted from Word is one forced break; drawn lines are the planned lines", async () => {
    for (const f of ["a3", "square-1080", "co-phuon-0.8x2.5"]) {
      const { slogan, drawn, report } = await render(
        "hanh-chinh-hien-dai",
        f,
        "Cải cách hành chính\u2028vì nhân dân phục vụ",
      );
      expect(slogan.text).toBe("CẢI CÁCH HÀNH CHÍNH\nVÌ NHÂN DÂN PHỤC VỤ");
      expect(drawn).toHaveLength(slogan.lines.length);
      const end = slogan.lines.findIndex((l) => l.endsWith("HÀNH CHÍNH") || l === "CHÍNH");
      expect(slogan.lines[end + 1]?.startsWith("VÌ"), slogan.lines.join(" / ")).toBe(true);
      expect(
        report.errors.map((e) => e.code),
        f,
      ).toEqual([]);
    }
  });

  it("6. Icelandic eth and African D render byte-identical to Đ/đ, with a warning", async () => {
    const real = await renderSvg("co-dong-truyen-thong", "fb-link-1200x630", { text: "Đẩy mạnh đổi mới" });
    for (const fake of ["\u00D0ẩy mạnh \u00F0ổi mới", "\u0189ẩy mạnh \u0256ổi mới"]) {
      const r = await renderSvg("co-dong-truyen-thong", "fb-link-1200x630", { text: fake });
      expect(r.svg).toBe(real.svg);
      expect(checkRendered(r).warnings.map((w) => w.code)).toContain("TEXT_LOOKALIKE_REPLACED");
    }
  });

  it("7. a character no font has is a preflight error, not an empty box", async () => {
    const { report } = await render(
      "co-dong-truyen-thong",
      "fb-link-1200x630",
      "★ Cải cách hành chính vì nhân dân phục vụ ★",
    );
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.code)).toContain("GLYPH_MISSING");
    expect(report.errors.find((e) => e.code === "GLYPH_MISSING")?.messageVi).toContain("★");
  });

  it("9. text typed without any marks is warned about, not called right", async () => {
    const { report } = await render("chinh-quyen-so", "fb-link-1200x630", "Tra cuu ho so truc tuyen");
    expect(report.warnings.map((w) => w.code)).toContain("TEXT_NO_DIACRITICS");
    const typed = await render("chinh-quyen-so", "fb-link-1200x630", "Tra cứu hồ sơ trực tuyến");
    expect(typed.report.warnings.map((w) => w.code)).not.toContain("TEXT_NO_DIACRITICS");
  });

  it("10. a vertical flag: no short word alone, and the letters use the column", async () => {
    for (const f of ["co-phuon-0.8x2.5", "co-phuon-0.6x2"]) {
      const { slogan } = await render("co-dong-truyen-thong", f, "Cải cách hành chính vì nhân dân phục vụ");
      expect(slogan.lines, f).toEqual(["CẢI CÁCH", "HÀNH CHÍNH", "VÌ NHÂN DÂN", "PHỤC VỤ"]);
      // Capitals 15 % of the column's width (10 % before, in the wide face with VÌ alone).
      expect(slogan.capHeight / slogan.box.width, f).toBeGreaterThan(0.14);
    }
  });
});
