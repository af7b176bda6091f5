import { readFileSync } from "node:fs";
import type ExcelJS from "exceljs";
import { PDFDocument, PDFName } from "pdf-lib";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { DECISION_LABELS_VI } from "../../domain/decisions";
import { pdfInfo } from "../documents/pdf-tools";
import { dbRow } from "./asset-page-helpers";
import { signedIn } from "./browser";
import type { E2eApp } from "./suite";

// Steps of the issue-13 walk (test/e2e/order-walk.test.ts) that read as one action of a person —
// making assets in the editor, a bulk decision on the review page, a download — and the readers
// of what the walk downloads (a PDF's page size, an XLSX sheet as rows keyed by header).

const MM_PER_PT = 25.4 / 72;

/** An asset as the walk knows it: id from the asset page's URL, code as the pages print it. */
export interface WalkAsset {
  id: string;
  code: string;
}

/**
 * The drafter opens the editor on content item `itemId`, ticks `extraFormats` (labels as the
 * format picker prints them, e.g. "Băng rôn 1,2 × 10 m") beside the editor's default 1 × 7 m
 * banner, and sends all of them for approval at once. Resolves to the assets the "created" page
 * lists, in its order, each with its format's label.
 */
export async function draftInEditor(
  app: E2eApp,
  itemId: string,
  extraFormats: string[],
): Promise<(WalkAsset & { format: string })[]> {
  const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
  try {
    await page.goto(`/editor?item=${encodeURIComponent(itemId)}`);
    await page.getByTestId("preview").waitFor();
    for (const label of extraFormats) await page.getByLabel(label, { exact: true }).check();
    const count = extraFormats.length + 1;
    await Promise.all([
      page.waitForURL(/\/created\?/),
      page.getByRole("button", { name: `Tạo và gửi duyệt (${count} ấn phẩm)` }).click(),
    ]);
    const items = page.getByTestId("created-list").locator("li");
    await expect.poll(() => items.count()).toBe(count);
    const made: (WalkAsset & { format: string })[] = [];
    for (const li of await items.all()) {
      const link = li.locator("a.code");
      const href = (await link.getAttribute("href")) ?? "";
      made.push({
        id: decodeURIComponent(href.split("/")[2] ?? ""),
        code: ((await link.textContent()) ?? "").trim(),
        format: ((await li.locator(":scope > span").first().textContent()) ?? "").trim(),
      });
    }
    return made;
  } finally {
    await context.close();
  }
}

/**
 * `username` ticks `assets` on /review and takes `decision` (FORWARD for the office, APPROVE for
 * the approver) for all of them with the page's one confirmation; throws unless every asset
 * reports success.
 */
export async function bulkDecide(
  app: E2eApp,
  username: string,
  decision: "FORWARD" | "APPROVE",
  assets: readonly WalkAsset[],
): Promise<void> {
  const { context, page } = await signedIn(app.browser, app.server.url, username);
  try {
    await page.goto("/review");
    for (const a of assets) await page.getByLabel(`Chọn ${a.code}`).check();
    const label = DECISION_LABELS_VI[decision];
    await page.getByRole("button", { name: `${label} các ấn phẩm đã chọn` }).click();
    const confirm = `Xác nhận ${label.toLowerCase()} ${assets.length} ấn phẩm`;
    await page.getByRole("button", { name: confirm, exact: true }).click();
    const results = page.getByTestId("bulk-results");
    await results.waitFor();
    expect(await results.locator("li.ok").count()).toBe(assets.length);
  } finally {
    await context.close();
  }
}

/** Waits until the server's publisher has put every one of `assets` in the object store (≤ 60 s). */
export async function allPublished(app: E2eApp, assets: readonly WalkAsset[]): Promise<void> {
  for (const a of assets)
    await expect
      .poll(() => dbRow<{ state: string }>(app.server, "SELECT state FROM assets WHERE id = ?", a.id).state, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("published");
}

/** A file the browser downloaded: the name the server suggested, its bytes and where it lies. */
export interface Downloaded {
  name: string;
  bytes: Buffer;
  file: string;
}

/** Clicks `target` (a link or a form's button) and waits for the download it starts. */
export async function downloadBy(page: Page, target: Locator): Promise<Downloaded> {
  const [download] = await Promise.all([page.waitForEvent("download"), target.click()]);
  const file = (await download.path()) ?? "";
  return { name: download.suggestedFilename(), bytes: readFileSync(file), file };
}

/** A PDF's first page as two independent readers see it, in millimetres. */
export interface PdfPageSize {
  /** Poppler's pdfinfo "Page size" (it ignores /UserUnit). */
  pdfinfoMm: { w: number; h: number };
  /** The page's /UserUnit as written, or undefined when the page has none (1 pt per unit). */
  userUnit: number | undefined;
  /** MediaBox × UserUnit: the size a RIP that reads /UserUnit prints. */
  trueMm: { w: number; h: number };
}

/** Page 1 of `pdf` measured by pdfinfo and by pdf-lib (MediaBox and /UserUnit). */
export async function pdfPageSize(pdf: Uint8Array): Promise<PdfPageSize> {
  const size = /^([\d.]+) x ([\d.]+) pts/.exec(pdfInfo(pdf)["Page size"] ?? "");
  if (!size) throw new Error("pdfinfo printed no page size");
  const page = (await PDFDocument.load(pdf, { updateMetadata: false })).getPage(0);
  const raw = page.node.get(PDFName.of("UserUnit"));
  const userUnit = raw === undefined ? undefined : Number(raw.toString());
  const box = page.getMediaBox();
  const k = (userUnit ?? 1) * MM_PER_PT;
  return {
    pdfinfoMm: { w: Number(size[1]) * MM_PER_PT, h: Number(size[2]) * MM_PER_PT },
    userUnit,
    trueMm: { w: box.width * k, h: box.height * k },
  };
}

/**
 * The rows of an XLSX sheet below its header row, each as header → plain value (formula cells
 * give their stored result, hyperlinks their text), so a test names columns as a reader does.
 */
export function sheetRows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const headers: string[] = [];
  ws.getRow(1).eachCell((cell, col) => {
    headers[col] = String(cell.value ?? "");
  });
  const plain = (v: ExcelJS.CellValue): unknown => {
    if (v && typeof v === "object" && "result" in v) return v.result;
    if (v && typeof v === "object" && "text" in v) return v.text;
    return v;
  };
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const out: Record<string, unknown> = {};
    headers.forEach((h, col) => {
      if (h) out[h] = plain(row.getCell(col).value);
    });
    rows.push(out);
  });
  return rows;
}
