import { describe, expect, it } from "vitest";
import { isRenderError } from "../../templates/errors";
import { cleanText, forDrawing } from "../../templates/text/clean";
import { refusal } from "../support/errors";

describe("cleanText: one pipeline for every input path", () => {
  it("renders decomposed (macOS / Word) input identical to composed input", () => {
    const composed = "Chính quyền số phục vụ người dân";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(cleanText(decomposed).text).toBe(composed);
  });

  it("maps every line separator to one forced break and folds spaces", () => {
    expect(cleanText("  Cải  cách\t hành chính \r\n vì dân ").text).toBe("Cải cách hành chính\nvì dân");
    for (const sep of ["\r\n", "\r", "\n", "\u2028", "\u2029", "\u000B", "\u0085"]) {
      expect(cleanText(`Cải cách hành chính${sep}vì nhân dân phục vụ`).text).toBe(
        "Cải cách hành chính\nvì nhân dân phục vụ",
      );
    }
    expect(cleanText("Cải cách\u2028hành chính", { multiline: false }).text).toBe("Cải cách hành chính");
  });

  it("keeps no-break spaces and the word joiner as joins; other spaces become ordinary ones", () => {
    expect(cleanText("Gọi 0225\u00A03842\u00A0123").text).toBe("Gọi 0225\u00A03842\u00A0123");
    expect(cleanText("1800\u202F1096 và 12\u2060345").text).toBe("1800\u202F1096 và 12\u2060345");
    expect(cleanText("Cải\u2003cách\u3000hành chính").text).toBe("Cải cách hành chính");
    expect(forDrawing("0225\u00A03842\u202F123\u2060")).toBe("0225 3842 123");
  });

  it("refuses invisible and broken characters, naming the character and its position", () => {
    const cases: [string, string, number][] = [
      ["Cải\u200Bcách", "U+200B", 4],
      ["Cải cách\u0007", "U+0007", 9],
      ["Cải\u202Ecách", "U+202E", 4],
      ["\uFEFFCải cách", "U+FEFF", 1],
      ["Cải \uFFFDcách", "U+FFFD", 5],
      ["Cải cách \uD800", "U+D800", 10],
      ["Cải\u200Dcách", "U+200D", 4],
      ["Cải\u2066cách", "U+2066", 4],
      ["Cải\uE000cách", "U+E000", 4],
    ];
    for (const [input, cp, position] of cases) {
      const e = refusal(() => cleanText(input), isRenderError);
      expect(e.code).toBe("TEXT_INVALID_CHAR");
      expect(e.details).toMatchObject({ codePoint: cp, position });
      expect(e.messageVi).toContain(cp);
      expect(e.messageVi).toContain(`vị trí ${position}`);
    }
  });

  it("refuses empty and over-long text with stable codes", () => {
    expect(refusal(() => cleanText("  \u2028 "), isRenderError).code).toBe("TEXT_EMPTY");
    expect(refusal(() => cleanText("a".repeat(161)), isRenderError).code).toBe("TEXT_TOO_LONG");
    expect(cleanText("", { allowEmpty: true }).text).toBe("");
  });

  it("replaces look-alike letters with the Vietnamese ones, byte for byte, and says so", () => {
    const real = "Đẩy mạnh cải cách hành chính, đổi mới";
    for (const fake of [
      "\u00D0ẩy mạnh cải cách hành chính, \u00F0ổi mới",
      "\u0189ẩy mạnh cải cách hành chính, \u0256ổi mới",
    ]) {
      const r = cleanText(fake);
      expect(r.text).toBe(real);
      expect(Buffer.from(r.text)).toEqual(Buffer.from(real));
      expect(r.notices.map((n) => n.code)).toEqual(["TEXT_LOOKALIKE_REPLACED", "TEXT_LOOKALIKE_REPLACED"]);
      expect(r.notices[0].messageVi).toContain("“Đ”");
    }
    // Cyrillic о and а inside a Vietnamese word; caron for breve; fullwidth Latin.
    expect(cleanText("Phục vụ nhân dân t\u043Et, c\u0430n bộ").text).toBe("Phục vụ nhân dân tot, can bộ");
    expect(cleanText("Ch\u01CEm chỉ phục vụ").text).toBe("Chăm chỉ phục vụ");
    expect(cleanText("\uFF35\uFF22\uFF2E\uFF24 xã").text).toBe("UBND xã");
    expect(cleanText("Đẩy mạnh cải cách").notices).toEqual([]);
  });

  it("warns when several words carry no Vietnamese mark at all", () => {
    const r = cleanText("Tra cuu ho so truc tuyen");
    expect(r.notices.map((n) => n.code)).toEqual(["TEXT_NO_DIACRITICS"]);
    expect(r.notices[0].messageVi).toMatch(/không có dấu tiếng Việt/);
    expect(cleanText("Tra cứu hồ sơ trực tuyến").notices).toEqual([]);
    // Abbreviations and numbers are not words typed without marks.
    expect(cleanText("UBND HĐND CCHC 2026").notices).toEqual([]);
    expect(cleanText("ISO 9001:2015").notices).toEqual([]);
    expect(cleanText("Tra cuu ho so", { checkMarks: false }).notices).toEqual([]);
  });
});
