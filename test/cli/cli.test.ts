import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { cli } from "../support/cli";

describe("CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "co-dong-cli-"));

  it("lists formats and templates as JSON", async () => {
    const f = JSON.parse((await cli("formats", "--json")).stdout);
    const a2 = f.find((x: { id: string }) => x.id === "a2");
    expect(a2).toMatchObject({ kind: "poster", trimWidthMm: 420, trimHeightMm: 594, bleedMm: 3 });
    expect(f.find((x: { id: string }) => x.id === "fb-link-1200x630")).toMatchObject({
      kind: "screen",
      widthPx: 1200,
      heightPx: 630,
    });
    const t = JSON.parse((await cli("templates", "--json")).stdout);
    expect(t.map((x: { id: string }) => x.id)).toContain("co-dong-truyen-thong");
  });

  it("renders a true-size print PDF", async () => {
    const out = join(dir, "a2.pdf");
    const r = await cli(
      "render",
      "--template",
      "ap-phich-trang-trong",
      "--format",
      "a2",
      "--text",
      "Người dân hài lòng",
      "--out",
      out,
    );
    expect(r.code).toBe(0);
    const doc = await PDFDocument.load(readFileSync(out));
    const trim = doc.getPage(0).getTrimBox();
    expect((trim.width / 72) * 25.4).toBeCloseTo(420, 1);
    expect((trim.height / 72) * 25.4).toBeCloseTo(594, 1);
  });

  it("gives one clear line and leaves no file on bad input", async () => {
    for (const [args, code] of [
      [["--template", "khong-co", "--format", "a2", "--text", "x"], "UNKNOWN_TEMPLATE"],
      [["--template", "ap-phich-trang-trong", "--format", "a9", "--text", "x"], "UNKNOWN_FORMAT"],
      [
        [
          "--template",
          "co-dong-truyen-thong",
          "--format",
          "bang-ron-0.8x5",
          "--text",
          "Cải cách hành chính ".repeat(7),
        ],
        "TEXT_DOES_NOT_FIT",
      ],
    ] as const) {
      const out = join(dir, `bad-${code}.png`);
      const r = await cli("render", ...args, "--out", out);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^${code}: `));
      expect(existsSync(out)).toBe(false);
    }
    const r = await cli(
      "render",
      "--template",
      "co-dong-truyen-thong",
      "--format",
      "fb-link-1200x630",
      "--text",
      "x",
      "--out",
      "/proc/nope/x.png",
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^OUTPUT_NOT_WRITABLE/);
    expect(readdirSync(dir).some((n) => n.endsWith(".tmp"))).toBe(false);
  });

  it("bulk renders the good rows, reports the bad one and exits non-zero", async () => {
    const csv = join(dir, "plan.csv");
    writeFileSync(
      csv,
      [
        "content_item,slogan,template,format",
        '1.12,"Dịch vụ công trực tuyến – nhanh chóng, minh bạch",hanh-chinh-hien-dai,fb-link-1200x630',
        "1.10,Chính quyền số vì nhân dân,khong-co-mau,a3",
        "1.1,Cải cách hành chính vì dân,co-dong-truyen-thong,bang-ron-0.8x5",
      ].join("\n"),
    );
    const out = join(dir, "bulk");
    const r = await cli("bulk", csv, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dòng 3: UNKNOWN_TEMPLATE/);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(3);
    expect(files.filter((f) => f.endsWith(".pdf"))).toHaveLength(1);
  });
});
