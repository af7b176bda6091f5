import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../storage/db/connection";
import { docxParts } from "../support/docx";
import { buildReportScenario } from "../support/report-scenario";
import { shot } from "./asset-page-helpers";
import { jsErrors, signedIn } from "./browser";
import { appUnderTest } from "./suite";

// Issue 13 §5 in the browser: the admin sets targets in one form, the dashboard measures against
// them, the office reads the report over a period and downloads it as XLSX and DOCX (both parsed
// back), on a desktop and a 390 px phone. The publisher is off: the scenario publishes by itself.

const app = appUnderTest({ PUBLISHER: "0" });
beforeAll(() => {
  const handle = openDatabase(path.join(app.server.dataDir, "co-dong.sqlite"));
  try {
    buildReportScenario(handle);
  } finally {
    handle.close();
  }
});

/** The rendered text of the element with this test id, spaces collapsed. */
async function textOf(page: Page, testId: string): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the cells' spans carry no spaces between them; the rendered text is what a person reads.
  return (await page.getByTestId(testId).innerText()).replace(/\s+/g, " ").trim();
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The DOCX's first page as a PNG for the README (LibreOffice and poppler, when installed). */
function docxFirstPage(docx: string): void {
  if (!existsSync("/usr/bin/soffice") || !existsSync("/usr/bin/pdftoppm")) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), "co-dong-docx-"));
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, docx], {
    stdio: "pipe",
    env: { ...process.env, HOME: dir },
  });
  const pdf = path.join(dir, `${path.basename(docx, ".docx")}.pdf`);
  execFileSync("pdftoppm", [
    "-r",
    "80",
    "-png",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    pdf,
    path.join(dir, "page"),
  ]);
  const shots =
    process.env.UPDATE_SCREENSHOTS === "1"
      ? path.resolve(import.meta.dirname, "../../docs/screenshots")
      : path.join(os.tmpdir(), "co-dong-e2e-shots");
  mkdirSync(shots, { recursive: true });
  renameSync(path.join(dir, "page.png"), path.join(shots, "report-docx.png"));
}

describe("the plan report in the browser", () => {
  it("the admin sets a target in one form and the dashboard measures against targets", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "quantri");
    await page.goto("/admin/targets");
    await page.getByLabel("Băng rôn, mục 1.5", { exact: true }).fill("2");
    await page.getByLabel("Bài đăng, mục 1.5", { exact: true }).fill("6");
    await page.getByRole("button", { name: "Lưu chỉ tiêu" }).click();
    await page.getByText("Đã lưu chỉ tiêu của 15 nội dung tuyên truyền.").waitFor();
    expect(await page.getByLabel("Băng rôn, mục 1.5", { exact: true }).inputValue()).toBe("2");
    expect(await page.getByLabel("Băng rôn, mục 1.12", { exact: true }).inputValue()).toBe("3");

    await page.goto("/");
    const item = page.getByTestId("targets-1.12");
    await item.waitFor();
    expect(await item.locator("progress").count()).toBe(3);
    expect(await textOf(page, "targets-1.12")).toBe("Băng rôn 1/3 Áp phích 0/2 Bài đăng 3/4");
    expect(await textOf(page, "targets-1.5")).toBe("Băng rôn 0/2 Bài đăng 0/6");
    expect(await textOf(page, "targets-1.1")).toBe("Chưa đặt chỉ tiêu");
    expect(await textOf(page, "task-2")).toContain("Đã tạo 3 Đã phê duyệt 2 Đã phát hành 2");
    await page.getByTestId("targets-1.12").scrollIntoViewIfNeeded();
    await shot(page, "dashboard-targets");
    expect(await page.getByTestId("report-link").getAttribute("href")).toBe("/report");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the office reads March's report and downloads it as XLSX and DOCX", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa");
    await page.goto("/");
    await page.getByTestId("report-link").click();
    await page.waitForURL(/\/report$/);
    expect(await textOf(page, "report-totals")).toContain("4 ấn phẩm đã tạo");

    await page.getByLabel("Từ ngày").fill("01/03/2026");
    await page.getByLabel("Đến ngày").fill("31/03/2026");
    await Promise.all([
      page.waitForURL(/from=01%2F03%2F2026/),
      page.getByRole("button", { name: "Xem" }).click(),
    ]);
    await expect.poll(() => textOf(page, "report-totals")).toContain("2 ấn phẩm đã tạo");
    const totals = await textOf(page, "report-totals");
    expect(totals).toContain("1 vị trí đã treo/đặt (2 ảnh)");
    expect(totals).toContain("2 bài đã đăng");
    expect(await page.getByTestId("report-posts").locator("tbody tr").count()).toBe(2);
    expect(await page.getByTestId("report-installations").locator("tbody tr").count()).toBe(2);
    await shot(page, "report", true, true);

    const [xlsx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải XLSX" }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe("Báo cáo kết quả CCHC-2026 từ 2026-03-01 đến 2026-03-31.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await xlsx.path()) ?? "") as unknown as ExcelJS.Buffer);
    const hung = wb.getWorksheet("Treo đặt")!;
    expect(hung.getRow(3).getCell(5).value).toBe("Trục đường mẫu số 1");
    expect(hung.getRow(3).getCell(10).value).toBe(2);

    const [docx] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải DOCX" }).click(),
    ]);
    const docxPath = path.join(mkdtempSync(path.join(os.tmpdir(), "co-dong-report-")), "bao-cao.docx");
    await docx.saveAs(docxPath);
    const { text, tables } = docxParts(readFileSync(docxPath));
    expect(text).toContain("(Kỳ báo cáo: từ 01/03/2026 đến 31/03/2026)");
    expect(text).toContain("đã treo/đặt tại 1 vị trí, có 2 ảnh nghiệm thu");
    expect(tables[1].find((r) => r[0] === "1.12")).toEqual([
      "1.12",
      "Dịch vụ công, thanh toán trực tuyến; đường dây nóng",
      "0/3",
      "0/2",
      "2/4",
      "0/0",
      "1 (2 ảnh)",
      "0",
    ]);
    docxFirstPage(docxPath);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("on a 390 px phone each row is a card and nothing scrolls sideways", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "phochutich", { phone: true });
    await page.goto("/report");
    const row = page.getByTestId("report-items").locator('tr[data-item="1.12"]');
    await row.waitFor();
    expect(await page.getByTestId("report-items").locator("thead").isVisible()).toBe(false);
    expect(await row.evaluate((el) => getComputedStyle(el).display)).toBe("grid");
    await noSidewaysScroll(page);
    await row.scrollIntoViewIfNeeded();
    await shot(page, "report-phone");
    await page.goto("/admin/targets");
    expect(await page.locator("h1").textContent()).not.toBe("Chỉ tiêu theo nội dung tuyên truyền");
    await context.close();

    const admin = await signedIn(app.browser, app.server.url, "quantri", { phone: true });
    await admin.page.goto("/admin/targets");
    await admin.page.getByLabel("Băng rôn, mục 1.1", { exact: true }).waitFor();
    await noSidewaysScroll(admin.page);
    await shot(admin.page, "targets-phone");
    await admin.context.close();
  });
});
