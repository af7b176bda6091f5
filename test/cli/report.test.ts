/** `npm run cli -- report --out FILE.xlsx|FILE.docx [--from] [--to]` (issue 13 §5), called in-process. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reportCommand } from "../../scripts/cli/report";
import { missingDatabaseEnv } from "../support/cli-db";
import { dbEnv, seededDb, type TempDb } from "../support/db";
import { docxParts } from "../support/docx";
import { setEnv } from "../support/env";
import { buildReportScenario } from "../support/report-scenario";

let t: TempDb;
const saved = {
  DATABASE_PATH: process.env.DATABASE_PATH,
  DATABASE_URL: process.env.DATABASE_URL,
  AUDIT_KEY: process.env.AUDIT_KEY,
};
beforeEach(async () => {
  t = await seededDb();
  buildReportScenario(t.handle);
  setEnv(dbEnv(t.file));
});
afterEach(() => {
  vi.restoreAllMocks();
  t.cleanup();
  setEnv(saved);
});

/** Runs the command, returning its exit code and what it printed. */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const code = await reportCommand(args);
  vi.restoreAllMocks();
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

describe("report", () => {
  it("writes the workbook for a period and says what it counted", async () => {
    const file = path.join(t.dir, "bao-cao.xlsx");
    const r = await run("--out", file, "--from", "01/03/2026", "--to", "31/03/2026");
    // The scenario's photo rows have no objects in the store: the report is still written, and says so.
    expect(r).toMatchObject({
      code: 0,
      stderr: "CẢNH BÁO PHOTO_MISSING: 2 ảnh nghiệm thu không đọc được từ kho lưu trữ, bỏ qua.",
    });
    expect(r.stdout).toBe(
      `Đã ghi báo cáo XLSX (từ 01/03/2026 đến 31/03/2026) vào ${file}: 2 ấn phẩm đã tạo, 1 đã phê duyệt, 1 đã phát hành; 0 bản đã in, 0 đã giao; 1 vị trí đã treo/đặt (2 ảnh); 2 bài đã đăng; 1 quá hạn.`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet("Bài đã đăng")!.rowCount).toBe(3);
  });

  it("writes the DOCX for the whole plan when no period is given (extension in any case)", async () => {
    const file = path.join(t.dir, "Bao-cao.DOCX");
    const r = await run("--out", file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã ghi báo cáo DOCX (từ đầu kế hoạch đến nay)");
    expect(r.stdout).toContain("4 ấn phẩm đã tạo");
    expect(docxParts(readFileSync(file)).text).toContain("Đã đăng 3 bài");
  });

  it("refuses bad usage, extensions and dates with one coded line and exit 2, writing nothing", async () => {
    const out = (name: string) => path.join(t.dir, name);
    const cases: [string[], RegExp][] = [
      [[], /^USAGE: thiếu --out/],
      [["--out"], /^USAGE: /],
      [["--out", out("a.xlsx"), "--bogus"], /^USAGE: /],
      [["--out", out("a.xlsx"), "extra"], /^USAGE: /],
      [["--out", out("a.pdf")], /^BAD_EXTENSION: tệp ra phải có đuôi \.xlsx hoặc \.docx/],
      [["--out", out("a.xlsx"), "--from", "31/02/2026"], /^INVALID_DATE: Ngày không hợp lệ/],
      [["--out", out("a.xlsx"), "--to", "hôm qua"], /^INVALID_DATE: /],
      [["--out", out("a.docx"), "--from", "31/03/2026", "--to", "01/03/2026"], /^INVALID_PERIOD: /],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.split("\n")[0], args.join(" ")).toMatch(message);
      expect(r.stdout).toBe("");
    }
    expect(readdirSync(t.dir).filter((f) => /^a\./.test(f))).toEqual([]);
  });

  it("a PostgreSQL server that refuses the connection is one DATABASE_UNREACHABLE line and exit 1", async () => {
    // Port 1 on this machine: nothing listens there, so libpq's connection is refused at once.
    setEnv({
      DATABASE_URL: "postgres://codong:bi-mat@127.0.0.1:1/codong",
      DATABASE_PATH: undefined,
      AUDIT_KEY: "k".repeat(64),
    });
    const file = path.join(t.dir, "x.xlsx");
    const r = await run("--out", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^DATABASE_UNREACHABLE: /);
    expect(r.stderr.split("\n")).toHaveLength(1);
    expect(r.stderr).not.toContain("bi-mat");
    expect(existsSync(file)).toBe(false);
  });

  it("a missing database is one DATABASE_NOT_FOUND line and exit 1", async () => {
    setEnv(missingDatabaseEnv(t.dir));
    const file = path.join(t.dir, "x.xlsx");
    const r = await run("--out", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^DATABASE_NOT_FOUND: /);
    expect(existsSync(file)).toBe(false);
  });
});
