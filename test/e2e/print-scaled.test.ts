import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../storage/db/connection";
import { type RenderedFile, renderAssetFiles } from "../../templates/render/index.server";
import { createAsset } from "../../workflows/service";
import { decide as decideIn } from "../support/approved-asset";
import { USERS } from "../support/db";
import { dbRow, shot } from "./asset-page-helpers";
import { jsErrors, signedIn } from "./browser";
import { appUnderTest } from "./suite";

// Decision 031 in the browser: a published 1.2 × 10 m road banner shows the print shop two files,
// each saying which RIP it is for; the 1:10 file downloads under a name with its scale and a page
// a tenth of the true size; the verify page accepts it. A version stored without a 1:10 file gets
// one from the server's publisher (the built render worker draws it).

const app = appUnderTest();
const BANNER = "bang-ron-1.2x10";
const TEXT = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

let files: RenderedFile[];
const bytes = (kind: string) => files.find((f) => f.kind === kind)!.bytes;

/** A road banner approved in the server's database, with or without its 1:10 file. */
function approvedBanner(scaled: boolean): { assetId: string; code: string; versionId: string } {
  const handle = openDatabase(path.join(app.server.dataDir, "co-dong.sqlite"));
  try {
    const a = createAsset(handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "co-dong-truyen-thong",
      formatId: BANNER,
      text: TEXT,
      placement: "road",
      files: {
        pdf: bytes("pdf"),
        ...(scaled ? { pdf_scaled: bytes("pdf_scaled") } : {}),
        png: bytes("png"),
        svg: bytes("svg"),
      },
    });
    for (const [type, user] of [
      ["SUBMIT", USERS.drafter],
      ["FORWARD", USERS.office],
      ["APPROVE", USERS.approver],
    ] as const)
      decideIn(handle, a.assetId, type, user);
    return a;
  } finally {
    handle.close();
  }
}

/** Waits (in a hook, where expect.poll is not allowed) until the server's publisher is done. */
async function published(assetId: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const state = () =>
    dbRow<{ state: string }>(app.server, "SELECT state FROM assets WHERE id = ?", assetId).state;
  while (state() !== "published") {
    if (Date.now() > deadline) throw new Error(`publisher did not publish ${assetId} within 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let current: { assetId: string; code: string; versionId: string };
let legacy: { assetId: string; code: string; versionId: string };

beforeAll(async () => {
  ({ files } = await renderAssetFiles(
    "co-dong-truyen-thong",
    BANNER,
    { text: TEXT },
    {
      assetCode: "CCHC-2026-1.12-0001",
      version: "1",
      date: "02/03/2026",
    },
  ));
  current = approvedBanner(true);
  legacy = approvedBanner(false);
  await published(current.assetId);
  await published(legacy.assetId);
});

describe("the 1:10 print file in the browser", () => {
  it("a version stored without one is published with a 1:10 file the server's worker drew", () => {
    const row = dbRow<{ sha256: string; size: number } | undefined>(
      app.server,
      "SELECT sha256, size FROM version_files WHERE version_id = ? AND kind = 'pdf_scaled'",
      legacy.versionId,
    );
    expect(row?.size).toBeGreaterThan(10_000);
    const obj = dbRow<{ sha256: string; object_key: string }>(
      app.server,
      "SELECT sha256, object_key FROM published_objects WHERE version_id = ? AND kind = 'pdf_scaled'",
      legacy.versionId,
    );
    expect(obj.sha256).toBe(row!.sha256);
    expect(obj.object_key).toMatch(/_ti-le-1-10\.pdf$/);
  });

  it("the print shop sees both files labelled on a phone and downloads the 1:10 one; verify accepts it", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "inan", { phone: true });
    const card = page.locator(".print-card", { hasText: current.code });
    await card.waitFor();
    const list = card.locator(".print-files");
    await expect
      .poll(() => list.locator(".print-file-label").allTextContents())
      .toEqual([
        "File in đúng kích thước (cho RIP đọc được /UserUnit)",
        "File tỷ lệ 1:10 (phóng 1000% khi in; cho RIP không đọc /UserUnit)",
      ]);
    await list.scrollIntoViewIfNeeded();
    await shot(page, "print-scaled-phone");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.locator("[data-download-scaled]").click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${current.code}-v1-${BANNER}_ti-le-1-10.pdf`);
    const file = (await download.path()) ?? "";
    const got = readFileSync(file);
    expect(sha(got)).toBe(sha(bytes("pdf_scaled")));
    // Poppler reads the page a tenth of the banner's true page (10 068 × 1 268 mm).
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
    expect(Math.abs((Number(w) * 25.4) / 72 - 1006.8)).toBeLessThan(0.5);
    expect(Math.abs((Number(h) * 25.4) / 72 - 126.8)).toBeLessThan(0.5);
    const logged = dbRow<{ n: number }>(
      app.server,
      "SELECT count(*) AS n FROM downloads WHERE asset_id = ? AND file_kind = 'pdf_scaled'",
      current.assetId,
    );
    expect(logged.n).toBe(1);

    const code = dbRow<{ verify_code: string }>(
      app.server,
      "SELECT verify_code FROM asset_versions WHERE id = ?",
      current.versionId,
    ).verify_code;
    await page.goto(`/verify/${code}`);
    await page.getByLabel("Tải lên file PDF").setInputFiles(file);
    await page.getByRole("button", { name: "Kiểm tra" }).click();
    const verdict = page.locator("[data-identical]");
    await verdict.waitFor();
    expect(await verdict.getAttribute("data-identical")).toBe("yes");
    expect(await verdict.textContent()).toContain("file in tỷ lệ 1:10 của phiên bản này");
    await verdict.scrollIntoViewIfNeeded();
    await shot(page, "verify-scaled-phone");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("on a desktop the card shows both files and both hashes", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "inan");
    const card = page.locator(".print-card", { hasText: current.code });
    await card.waitFor();
    await expect
      .poll(() => card.locator("dd.hash").allTextContents())
      .toEqual([sha(bytes("pdf")), sha(bytes("pdf_scaled"))]);
    await card.locator(".print-files").scrollIntoViewIfNeeded();
    await shot(page, "print-scaled");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
