// What the CLI does with a preflight report, whatever codes it carries: the real engine renders, and
// the report gets extra issues added so the test does not depend on which checks exist today.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { bulkCommand } from "../../scripts/cli/bulk";
import { describeError } from "../../scripts/cli/output";
import { renderCommand } from "../../scripts/cli/render";

type Issue = { code: string; messageVi: string };
const extra = vi.hoisted(() => ({
  errors: [] as Issue[],
  warnings: [] as Issue[],
  calls: [] as { format: string; rasters: unknown }[],
}));

vi.mock("../../templates/render/index.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../templates/render/index.server")>();
  return {
    ...real,
    checkRendered: (...args: Parameters<typeof real.checkRendered>) => {
      extra.calls.push({ format: args[0].format.id, rasters: args[1] });
      const report = real.checkRendered(...args);
      report.errors.push(...(extra.errors as never[]));
      report.warnings.push(...(extra.warnings as never[]));
      report.ok = report.errors.length === 0;
      return report;
    },
  };
});

describe("CLI handling of the preflight report", () => {
  const dir = mkdtempSync(join(tmpdir(), "co-dong-cli-report-"));
  let stderr: string[] = [];

  beforeEach(() => {
    extra.errors = [];
    extra.warnings = [];
    extra.calls = [];
    stderr = [];
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
      stderr.push(a.join(" "));
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const args = (out: string, format = "fb-link-1200x630") => [
    "--template",
    "co-dong-truyen-thong",
    "--format",
    format,
    "--text",
    "Người dân hài lòng",
    "--out",
    out,
  ];

  it("render: warnings are printed as CẢNH BÁO lines and the file is still written", async () => {
    extra.warnings = [{ code: "SOME_FUTURE_WARNING", messageVi: "chữ hơi sát mép." }];
    const out = join(dir, "warned.png");
    expect(await renderCommand(args(out))).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(stderr).toContain("CẢNH BÁO SOME_FUTURE_WARNING: chữ hơi sát mép.");
  });

  it("render: an error code this CLI does not know still blocks the file, in one line", async () => {
    extra.errors = [
      { code: "SOME_FUTURE_CHECK", messageVi: "lỗi mới." },
      { code: "LOW_CONTRAST", messageVi: "tương phản thấp." },
    ];
    extra.warnings = [{ code: "OUTSIDE_SAFE_AREA", messageVi: "sát mép." }];
    const out = join(dir, "blocked.pdf");
    const e = await renderCommand(args(out, "bang-ron-0.8x5")).then(
      () => null,
      (x: unknown) => x,
    );
    expect(describeError(e)).toBe("SOME_FUTURE_CHECK: lỗi mới.; LOW_CONTRAST: tương phản thấp.");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.includes("blocked"))).toEqual([]);
    expect(stderr).toEqual([]);
    // The print PDF's rasters were handed to preflight.
    expect(extra.calls).toHaveLength(1);
    expect(Array.isArray(extra.calls[0].rasters)).toBe(true);
  });

  it("bulk: a blocked row is reported as `dòng N: CODE: …`, the run exits 1, warnings carry the line", async () => {
    extra.errors = [{ code: "OUTSIDE_TRIM", messageVi: "Chữ vượt ra ngoài mép xén." }];
    const csv = join(dir, "plan.csv");
    writeFileSync(
      csv,
      "content_item,slogan,template,format\n1.1,Người dân hài lòng,co-dong-truyen-thong,bang-ron-0.8x5\n",
    );
    const out = join(dir, "bulk");
    expect(await bulkCommand([csv, "--out", out])).toBe(1);
    expect(stderr).toContain("dòng 2: OUTSIDE_TRIM: Chữ vượt ra ngoài mép xén.");
    expect(stderr.at(-1)).toBe("Xong: 0 dòng thành công, 1 dòng lỗi.");
    expect(readdirSync(out)).toEqual([]);

    extra.errors = [];
    extra.warnings = [{ code: "LETTER_TOO_SMALL", messageVi: "chữ khá nhỏ." }];
    stderr = [];
    expect(await bulkCommand([csv, "--out", out])).toBe(0);
    expect(stderr).toContain("dòng 2: CẢNH BÁO LETTER_TOO_SMALL: chữ khá nhỏ.");
    expect(readdirSync(out).sort()).toEqual([
      "1.1-002-co-dong-truyen-thong-bang-ron-0.8x5.pdf",
      "1.1-002-co-dong-truyen-thong-bang-ron-0.8x5.png",
    ]);
  });
});
