// Decoding of bulk CSV files (decision 070): real files written as bytes, read back the way `bulk` reads them.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readBulkCsv } from "../../scripts/cli/bulk";
import { decodeCsv, detectDelimiter } from "../../scripts/cli/csv-input";
import { PreflightFailed, warningLines } from "../../scripts/cli/render";

const dir = mkdtempSync(join(tmpdir(), "co-dong-csv-"));
let n = 0;
function file(bytes: Uint8Array): string {
  const path = join(dir, `in-${++n}.csv`);
  writeFileSync(path, bytes);
  return path;
}

const SLOGANS = ["Đẩy mạnh cải cách hành chính", "Người dân hài lòng"];
const CSV = [
  "content_item,slogan,template,format",
  `1.1,${SLOGANS[0]},co-dong-truyen-thong,bang-ron-0.8x5`,
  `1.2,"${SLOGANS[1]}",hanh-chinh-hien-dai,fb-link-1200x630`,
  "",
].join("\r\n");

/**
 * Text as Windows' cp1258 conversion writes it: base letters (â ê ô ơ ư ă đ, and the few with a
 * tone that cp1258 has) precomposed, other tone marks as a combining character after the letter.
 */
function cp1258Form(s: string): string {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/gu;
  return [...s.normalize("NFC")]
    .map((c) => {
      if (iconv.decode(iconv.encode(c, "windows-1258"), "windows-1258") === c) return c;
      const d = c.normalize("NFD");
      return d.replace(tones, "").normalize("NFC") + (d.match(tones)?.join("") ?? "");
    })
    .join("");
}

describe("bulk CSV input encoding", () => {
  it("reads UTF-8 without BOM and with BOM, NFC", async () => {
    for (const bytes of [
      Buffer.from(CSV, "utf8"),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, "utf8")]),
      Buffer.from(CSV.normalize("NFD"), "utf8"),
    ]) {
      const csv = await readBulkCsv(file(bytes));
      expect(csv.encoding).toBe("utf-8");
      expect(csv.rows.map((r) => r.slogan)).toEqual(SLOGANS);
      expect(csv.rows.map((r) => r.content_item)).toEqual(["1.1", "1.2"]);
      expect(csv.rows.map((r) => r.line)).toEqual([2, 3]);
    }
  });

  it("reads Windows-1258 written by iconv-lite, tone marks composed to NFC", async () => {
    const bytes = iconv.encode(cp1258Form(CSV), "windows-1258");
    // The file really is cp1258 with combining tone marks: not UTF-8, and "ẩ" is â (E2) + hook (D2).
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(Buffer.from([0xe2, 0xd2]))).toBe(true);
    const csv = await readBulkCsv(file(bytes));
    expect(csv.encoding).toBe("windows-1258");
    expect(csv.rows.map((r) => r.slogan)).toEqual(SLOGANS);
    expect(csv.rows.every((r) => r.slogan === r.slogan.normalize("NFC"))).toBe(true);
  });

  it("reads a hand-written Windows-1258 byte sequence", async () => {
    // Each \xNN is one byte, written out by hand from the cp1258 table (latin1 maps char → byte).
    const bytes = Buffer.from(
      "content_item,slogan,template,format\r\n" +
        // Đ=D0  ẩ=â(E2)+hook(D2)  ạ=a+dot(F2)  ả=a+hook(D2)  á=E1  à=E0  í=ED
        "1.1,\xd0\xe2\xd2y ma\xf2nh ca\xd2i c\xe1ch h\xe0nh ch\xednh,co-dong-truyen-thong,bang-ron-0.8x5\r\n" +
        // ư=FD  ờ=ơ(F5)+grave(CC)  â=E2  à=E0  ò=o+grave(CC)
        "1.2,Ng\xfd\xf5\xcci d\xe2n h\xe0i lo\xccng,hanh-chinh-hien-dai,fb-link-1200x630\r\n",
      "latin1",
    );
    const decoded = decodeCsv(bytes);
    expect(decoded.encoding).toBe("windows-1258");
    expect(decoded.text).not.toContain("\uFFFD");
    const csv = await readBulkCsv(file(bytes));
    expect(csv.rows.map((r) => r.slogan)).toEqual(SLOGANS);
  });

  it("reads UTF-16 LE and BE with BOM (Excel's tab-separated Unicode text)", async () => {
    const tsv = CSV.replaceAll(",", "\t").replace(`"${SLOGANS[1]}"`, SLOGANS[1]);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const [bytes, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const csv = await readBulkCsv(file(bytes));
      expect(csv.encoding).toBe(encoding);
      expect(csv.delimiter).toBe("\t");
      expect(csv.rows.map((r) => r.slogan)).toEqual(SLOGANS);
      expect(csv.rows.map((r) => r.format)).toEqual(["bang-ron-0.8x5", "fb-link-1200x630"]);
    }
  });

  it("finds the ';' delimiter Excel uses under Vietnamese regional settings", async () => {
    const text =
      "content_item;slogan;template;format\n1.1;Dịch vụ công, trực tuyến;co-dong-truyen-thong;a3\n";
    expect(detectDelimiter(text, ["content_item", "slogan", "template", "format"])).toBe(";");
    const csv = await readBulkCsv(file(Buffer.from(text, "utf8")));
    expect(csv.rows[0].slogan).toBe("Dịch vụ công, trực tuyến");
  });

  it("refuses Latin-1 text, random bytes, an .xlsx and UTF-16 without BOM with CSV_ENCODING", async () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 600 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >> 16;
    });
    const cases = [
      iconv.encode("content_item,slogan,template,format\n1.1,Grüße aus Köln – façade naïve,x,a3\n", "latin1"),
      random,
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xc3, 0x88]),
      Buffer.from(CSV, "utf16le"),
      // A UTF-8 BOM over cp1258 bytes: the BOM is believed, the bytes are not UTF-8.
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode(cp1258Form(CSV), "windows-1258")]),
    ];
    for (const bytes of cases) {
      const path = file(bytes);
      await expect(readBulkCsv(path)).rejects.toMatchObject({ code: "CSV_ENCODING" });
      let message = "";
      try {
        decodeCsv(bytes);
      } catch (e) {
        message = (e as { messageVi: string }).messageVi;
      }
      expect(message).toContain("Tệp > Lưu thành > CSV UTF-8 (Phân cách bằng dấu phẩy) (*.csv)");
      expect(message).not.toContain("\n");
    }
  });
});

describe("preflight report in the CLI", () => {
  it("puts every error of a report, whatever its code, into one line led by the first code", () => {
    const e = new PreflightFailed({
      ok: false,
      errors: [
        { code: "GLYPH_MISSING", messageVi: "Khẩu hiệu: thiếu “★”." },
        // A code this CLI has never heard of still blocks.
        { code: "SOME_NEW_CHECK" as never, messageVi: "dòng một\ndòng hai" },
      ],
      warnings: [],
    });
    expect(e.code).toBe("GLYPH_MISSING");
    expect(`${e.code}: ${e.messageVi}`).toBe(
      "GLYPH_MISSING: Khẩu hiệu: thiếu “★”.; SOME_NEW_CHECK: dòng một dòng hai",
    );
    expect(
      warningLines([
        { code: "OUTSIDE_SAFE_AREA", messageVi: "Chữ sát mép." },
        { code: "X" as never, messageVi: "y" },
      ]),
    ).toEqual(["CẢNH BÁO OUTSIDE_SAFE_AREA: Chữ sát mép.", "CẢNH BÁO X: y"]);
  });
});
