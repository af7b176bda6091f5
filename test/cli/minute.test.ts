import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { minuteCommand } from "../../scripts/cli/minute";
import { describeError } from "../../scripts/cli/output";
import { returnedThenApproved, type MinuteAsset } from "../documents/minute-fixture";
import { pdfInfo, pdfSig, pdfText, selfSignedP12 } from "../documents/pdf-tools";
import { dbEnv, seededDb, type TempDb } from "../support/db";
import { setEnv } from "../support/env";

// `npm run cli -- minute CODE --out FILE.pdf [--version N]` (issue 13 §4) on the database the app
// uses. The command is called as scripts/cli.ts calls it: its exit code, its one line on stdout,
// and a DomainError (printed by the CLI as one `CODE: message` line) for a refusal.

let t: TempDb;
let a: MinuteAsset;
const out: string[] = [];
const err: string[] = [];
beforeAll(async () => {
  t = await seededDb();
  a = await returnedThenApproved(t.handle, "cli");
  setEnv({ ...dbEnv(t.file), PUBLIC_ORIGIN: "https://codong.lacphuong.example" });
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
});
afterEach(() => {
  out.length = 0;
  err.length = 0;
  setEnv({ SIGNING_P12_PATH: undefined, SIGNING_P12_PASSWORD: undefined });
});
afterAll(() => {
  vi.restoreAllMocks();
  setEnv({ DATABASE_PATH: undefined, DATABASE_URL: undefined, PUBLIC_ORIGIN: undefined });
  t.cleanup();
});

/** The line scripts/cli.ts prints for what the command throws. */
async function refusal(args: string[]): Promise<string> {
  try {
    await minuteCommand(args);
  } catch (e) {
    return describeError(e);
  }
  throw new Error("no refusal");
}

describe("minute CODE --out FILE.pdf", () => {
  it("writes the approved version's minute, one A4 page, and says so in one line", async () => {
    const file = path.join(t.dir, "phieu.pdf");
    expect(await minuteCommand([a.code, "--out", file])).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(
        new RegExp(`^${a.code}: đã ghi phiếu duyệt phiên bản 2 vào ${file} \\(\\d+ kB, chưa ký số\\)\\.$`),
      ),
    ]);
    const pdf = new Uint8Array(readFileSync(file));
    expect(pdfInfo(pdf).Pages).toBe("1");
    const text = pdfText(pdf).replace(/\s+/g, " ");
    expect(text).toContain("PHIẾU DUYỆT ẤN PHẨM");
    expect(text).toContain(a.pdfSha);
    expect(text).toContain("https://codong.lacphuong.example/verify/");
  });

  it("signs when the settings name a key", async () => {
    const key = path.join(t.dir, "cli.p12");
    writeFileSync(key, selfSignedP12("Cổ động CLI", "mat-khau-cli"));
    setEnv({ SIGNING_P12_PATH: key, SIGNING_P12_PASSWORD: "mat-khau-cli" });
    const file = path.join(t.dir, "phieu-ky.pdf");
    expect(await minuteCommand([a.code, "--out", file])).toBe(0);
    expect(out[0]).toContain("có chữ ký số");
    expect(pdfSig(new Uint8Array(readFileSync(file)))).toContain("Signature Validation: Signature is Valid.");
  });

  it("refuses a version never approved, an unknown asset and a bad key with one CODE: message line, writing nothing", async () => {
    const file = path.join(t.dir, "khong-ghi.pdf");
    expect(await refusal([a.code, "--out", file, "--version", "1"])).toBe(
      "NOT_APPROVED: Phiên bản này chưa từng được phê duyệt nên chưa có phiếu duyệt.",
    );
    expect(await refusal(["CCHC-2026-9.99-9999", "--out", file])).toBe(
      "ASSET_NOT_FOUND: Không tìm thấy ấn phẩm này.",
    );
    setEnv({ SIGNING_P12_PATH: path.join(t.dir, "khong-co.p12"), SIGNING_P12_PASSWORD: "x" });
    expect(await refusal([a.code, "--out", file])).toMatch(
      /^SIGNING_P12_INVALID: Không mở được tệp chứng thư số/,
    );
    expect(existsSync(file)).toBe(false);
  });

  it("usage: CODE and --out are required (exit 2); the file must be a .pdf and the version a number", async () => {
    expect(await minuteCommand([a.code])).toBe(2);
    expect(err).toEqual(["USAGE: usage: minute CODE --out FILE.pdf [--version N]"]);
    expect(await minuteCommand(["--out", "x.pdf"])).toBe(2);
    expect(await refusal([a.code, "--out", "x.docx"])).toMatch(/^USAGE: tệp ra phải có đuôi \.pdf/);
    expect(await refusal([a.code, "--out", "x.pdf", "--version", "hai"])).toMatch(/^USAGE: --version/);
    expect(await refusal([a.code, "--out", "x.pdf", "--bogus"])).toMatch(/^USAGE: tham số không hợp lệ/);
  });
});
