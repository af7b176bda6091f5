/** Pure helpers: key building, metadata encoding, Content-Disposition. */
import { describe, expect, it } from "vitest";
import {
  assertKey,
  contentDisposition,
  decodeMetadataValue,
  encodeMetadataValue,
  ObjectStoreError,
  objectKey,
  slugSegment,
} from "../../storage/objects/index.server";

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ObjectStoreError) return err.code;
    throw err;
  }
  return undefined;
}

describe("slugSegment", () => {
  it("strips Vietnamese diacritics, maps đ/Đ to d, lowercases", () => {
    expect(slugSegment("Băng rôn Đường")).toBe("bang-ron-duong");
    expect(slugSegment("Chủ động thực thi; phát huy động lực")).toBe("chu-dong-thuc-thi-phat-huy-dong-luc");
    expect(slugSegment("ĐƯỜNG LÀNG")).toBe("duong-lang");
    expect(slugSegment("Áp phích A3")).toBe("ap-phich-a3");
  });

  it("gives the same slug for composed (NFC) and decomposed (NFD) input", () => {
    const s = "Phượng Đức ủy ban";
    expect(slugSegment(s.normalize("NFD"))).toBe(slugSegment(s.normalize("NFC")));
    expect(slugSegment(s.normalize("NFD"))).toBe("phuong-duc-uy-ban");
  });
});

describe("objectKey", () => {
  it("builds {year}/{contentItem}/{assetId}/v{n}/{format}.{ext}", () => {
    expect(
      objectKey({
        year: 2026,
        contentItem: "1.12",
        assetId: "a7f3",
        version: 3,
        format: "banner-1x7m",
        ext: "pdf",
      }),
    ).toBe("2026/1.12/a7f3/v3/banner-1x7m.pdf");
    expect(
      objectKey({
        year: "2026",
        contentItem: "1.2",
        assetId: "X1",
        version: 1,
        format: "Băng rôn Đường",
        ext: ".PNG",
      }),
    ).toBe("2026/1.2/x1/v1/bang-ron-duong.png");
  });

  it("rejects traversal, separators, empty parts, bad years and versions", () => {
    const base = { year: 2026, contentItem: "1.12", assetId: "a1", version: 1, format: "a3", ext: "pdf" };
    for (const over of [
      { assetId: "../etc" },
      { assetId: ".." },
      { contentItem: "1/12" },
      { format: "a\\b" },
      { assetId: "" },
      { format: "!!!" },
      { ext: "" },
      { ext: "p.df" },
      { year: 26 },
      { version: 0 },
      { version: 1.5 },
    ]) {
      expect(
        code(() => objectKey({ ...base, ...over })),
        JSON.stringify(over),
      ).toBe("BAD_KEY");
    }
  });
});

describe("assertKey", () => {
  it("accepts slugs and rejects everything that could escape or be ambiguous", () => {
    expect(code(() => assertKey("2026/1.12/a1/v1/a3.pdf"))).toBeUndefined();
    for (const bad of [
      "",
      "/a",
      "a//b",
      "a/",
      "../a",
      "a/..",
      "a/./b",
      "Đ/a",
      "a b",
      "a\\b",
      "x".repeat(1025),
    ]) {
      expect(
        code(() => assertKey(bad)),
        bad,
      ).toBe("BAD_KEY");
    }
  });
});

describe("metadata encoding (RFC 2047)", () => {
  it("leaves plain ASCII readable and encodes the rest as one UTF-8 B-word", () => {
    expect(encodeMetadataValue("Pho Chu tich")).toBe("Pho Chu tich");
    const enc = encodeMetadataValue("Nguyễn Văn Đức");
    expect(enc).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
    expect(enc).toMatch(/^[\x20-\x7e]+$/);
    expect(decodeMetadataValue(enc)).toBe("Nguyễn Văn Đức");
  });

  it("round-trips values that would otherwise be ambiguous", () => {
    for (const v of ["=?UTF-8?B?SGVsbG8=?=", " padded ", "tab\there", "", "100%", "a\r\nb"]) {
      expect(decodeMetadataValue(encodeMetadataValue(v)), JSON.stringify(v)).toBe(v);
    }
  });

  it("decodes Q-words and multiple words written by other tools", () => {
    expect(decodeMetadataValue("=?utf-8?Q?=C4=90=E1=BB=A9c_A?=")).toBe("Đức A");
    const a = Buffer.from("Đức ").toString("base64");
    const b = Buffer.from("Anh").toString("base64");
    expect(decodeMetadataValue(`=?UTF-8?B?${a}?= =?UTF-8?B?${b}?=`)).toBe("Đức Anh");
    expect(decodeMetadataValue("not =?UTF-8?B?eA==?= encoded")).toBe("not =?UTF-8?B?eA==?= encoded");
  });
});

describe("contentDisposition", () => {
  it("gives an ASCII fallback plus an RFC 5987 UTF-8 name", () => {
    expect(contentDisposition("Băng rôn Đường.pdf")).toBe(
      "attachment; filename=\"bang-ron-duong.pdf\"; filename*=UTF-8''B%C4%83ng%20r%C3%B4n%20%C4%90%C6%B0%E1%BB%9Dng.pdf",
    );
    expect(contentDisposition('a"b\\c\r\n.pdf')).toMatch(
      /^attachment; filename="a-b-c.pdf"; filename\*=UTF-8''/,
    );
    expect(contentDisposition("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
  });
});
