// The CLI refuses what preflight refuses and reads Excel's CSV encodings (decision 070): real runs of
// `scripts/cli.ts` on files written as bytes.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli";

const STAR = "★ Cải cách hành chính vì nhân dân phục vụ ★";

async function pdfTitle(path: string): Promise<string | undefined> {
  return (await PDFDocument.load(readFileSync(path), { updateMetadata: false })).getTitle();
}

describe("CLI preflight and CSV encodings", () => {
  const dir = mkdtempSync(join(tmpdir(), "co-dong-cli-checks-"));

  it("render: a preflight error (★ has no glyph) is one GLYPH_MISSING line, non-zero, no file", async () => {
    for (const out of [join(dir, "star.png"), join(dir, "star.svg")]) {
      const r = await cli(
        "render",
        "--template",
        "co-dong-truyen-thong",
        "--format",
        "fb-link-1200x630",
        "--text",
        STAR,
        "--out",
        out,
      );
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/^GLYPH_MISSING: .*★/);
      expect(existsSync(out)).toBe(false);
    }
    expect(readdirSync(dir).filter((n) => n.startsWith("star") || n.endsWith(".tmp"))).toEqual([]);
  });

  it("bulk: the ★ row fails preflight and writes neither PNG nor PDF; the other rows are written", async () => {
    const csv = join(dir, "star.csv");
    writeFileSync(
      csv,
      [
        "content_item,slogan,template,format",
        `1.1,${STAR},co-dong-truyen-thong,bang-ron-0.8x5`,
        "1.2,Người dân hài lòng,co-dong-truyen-thong,bang-ron-0.8x5",
        "1.3,Chính quyền số vì nhân dân,hanh-chinh-hien-dai,fb-link-1200x630",
      ].join("\n"),
    );
    const out = join(dir, "bulk-star");
    const r = await cli("bulk", csv, "--out", out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^dòng 2: GLYPH_MISSING: .*★/m);
    expect(r.stderr).toMatch(/Xong: 2 dòng thành công, 1 dòng lỗi\./);
    const files = readdirSync(out).sort();
    expect(files.filter((f) => f.includes("-002-"))).toEqual([]);
    expect(files).toEqual([
      "1.2-003-co-dong-truyen-thong-bang-ron-0.8x5.pdf",
      "1.2-003-co-dong-truyen-thong-bang-ron-0.8x5.png",
      "1.3-004-hanh-chinh-hien-dai-fb-link-1200x630.png",
    ]);
  });

  it("bulk: a Windows-1258 CSV from Excel is decoded, noticed, and rendered with the right text", async () => {
    const slogans = ["Đẩy mạnh cải cách hành chính", "Người dân hài lòng"];
    // cp1258 as Windows writes it: â ơ ư … precomposed, tone marks as combining characters.
    const tones = /[\u0300\u0301\u0303\u0309\u0323]/gu;
    const cp1258 = (s: string) =>
      [...s]
        .map((c) => {
          const d = c.normalize("NFD");
          return d.replace(tones, "").normalize("NFC") + (d.match(tones)?.join("") ?? "");
        })
        .join("");
    const text = [
      "content_item,slogan,template,format",
      ...slogans.map((s, i) => `1.${i + 1},${cp1258(s)},co-dong-truyen-thong,bang-ron-0.8x5`),
      "",
    ].join("\r\n");
    const csv = join(dir, "excel-1258.csv");
    writeFileSync(csv, iconv.encode(text, "windows-1258"));
    const out = join(dir, "bulk-1258");
    const r = await cli("bulk", csv, "--out", out);
    expect(r.stderr).toMatch(/Windows-1258/);
    expect(r.stderr).not.toContain("\uFFFD");
    expect(r.code).toBe(0);
    for (const [i, s] of slogans.entries()) {
      const base = join(out, `1.${i + 1}-00${i + 2}-co-dong-truyen-thong-bang-ron-0.8x5`);
      expect(existsSync(`${base}.png`)).toBe(true);
      // The print PDF's title is the slogan as the engine set it.
      expect(await pdfTitle(`${base}.pdf`)).toBe(s.normalize("NFC"));
    }
  });

  it("bulk: a file that is neither UTF-8 nor Windows-1258 is refused whole with CSV_ENCODING", async () => {
    const csv = join(dir, "latin1.csv");
    writeFileSync(
      csv,
      iconv.encode(
        "content_item,slogan,template,format\n1.1,Grüße aus Köln – façade naïve,co-dong-truyen-thong,a3\n",
        "latin1",
      ),
    );
    const out = join(dir, "bulk-latin1");
    const r = await cli("bulk", csv, "--out", out);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^CSV_ENCODING: .*CSV UTF-8 \(Phân cách bằng dấu phẩy\) \(\*\.csv\)/);
    expect(existsSync(out)).toBe(false);
  });

  it("bulk: a UTF-16 LE file with BOM renders; a row holding U+FFFD fails as TEXT_INVALID_CHAR", async () => {
    const text = [
      "content_item\tslogan\ttemplate\tformat",
      "1.1\tNgười dân hài lòng\thanh-chinh-hien-dai\tfb-link-1200x630",
      "1.2\tNg\uFFFDi dân hài lòng\thanh-chinh-hien-dai\tfb-link-1200x630",
    ].join("\r\n");
    const csv = join(dir, "unicode.txt");
    writeFileSync(csv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const out = join(dir, "bulk-utf16");
    const r = await cli("bulk", csv, "--out", out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/UTF-16 LE/);
    expect(r.stderr).toMatch(/^dòng 3: TEXT_INVALID_CHAR: /m);
    expect(readdirSync(out)).toEqual(["1.1-002-hanh-chinh-hien-dai-fb-link-1200x630.png"]);
  });
});
