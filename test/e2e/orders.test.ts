import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { vnDate } from "../../domain/working-days";
import { nextAssetCode } from "../../storage/assets";
import { openDatabase } from "../../storage/db/connection";
import { renderAssetFiles } from "../../templates/render/index.server";
import { createAsset } from "../../workflows/service";
import { decide } from "../support/approved-asset";
import { USERS } from "../support/db";
import { dbRow, shot } from "./asset-page-helpers";
import { jsErrors, signedIn } from "./browser";
import { appUnderTest } from "./suite";

// Issue 13 §1–2 in the browser: the office orders two published banners with their places on a
// phone, the print shop downloads a file and marks both lines printed and delivered, and the
// office hears of it.

const app = appUnderTest();

const viDate = (d: Date) => vnDate(d).split("-").reverse().join("/");

/**
 * A 1 × 7 m banner rendered as the app renders it (true-size PDF, 1:10 PDF, PNG proof, SVG),
 * written into the server's database and approved: the server's publisher uploads it.
 */
async function approvedBanner(text: string) {
  const handle = openDatabase(path.join(app.server.dataDir, "co-dong.sqlite"));
  try {
    const code = nextAssetCode(handle, "CCHC-2026", "1.12");
    const { files } = await renderAssetFiles(
      "co-dong-truyen-thong",
      "bang-ron-1x7",
      { text },
      { assetCode: code, version: "1", date: viDate(new Date()) },
    );
    const bytes = (kind: string) => files.find((f) => f.kind === kind)?.bytes;
    const created = createAsset(handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "co-dong-truyen-thong",
      formatId: "bang-ron-1x7",
      text,
      files: { pdf: bytes("pdf"), pdf_scaled: bytes("pdf_scaled"), png: bytes("png"), svg: bytes("svg") },
    });
    for (const [type, user] of [
      ["SUBMIT", USERS.drafter],
      ["FORWARD", USERS.office],
      ["APPROVE", USERS.approver],
    ] as const)
      decide(handle, created.assetId, type, user);
    return created;
  } finally {
    handle.close();
  }
}

/** Two published banners. */
async function twoPublished() {
  const assets = [
    await approvedBanner("Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi"),
    await approvedBanner("Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá"),
  ];
  for (const a of assets) {
    await expect
      .poll(
        () => dbRow<{ state: string }>(app.server, "SELECT state FROM assets WHERE id = ?", a.assetId).state,
        {
          timeout: 60_000,
        },
      )
      .toBe("published");
  }
  return assets;
}

describe("print orders in the browser", () => {
  it("the register of places shows the demo set by kind, marked as demo", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa");
    await page.getByRole("link", { name: "Vị trí" }).click();
    await page.waitForURL(/\/placements$/);
    // The URL changes before React has rendered the new page.
    await page.getByRole("heading", { name: "Vị trí treo/đặt" }).waitFor();
    expect(await page.locator("h2").allTextContents()).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Trục đường chính"),
        expect.stringContaining("Nhà văn hóa thôn"),
      ]),
    );
    expect(await page.locator(".placement-card .demo-badge").count()).toBeGreaterThanOrEqual(6);
    await shot(page, "placements", false, true);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("office orders two published banners with places on a phone; the print shop marks them printed and delivered", async () => {
    const [a, b] = await twoPublished();
    const office = await signedIn(app.browser, app.server.url, "vanhoa", { phone: true });
    let page = office.page;
    await page.goto("/orders");
    await page.getByRole("link", { name: "Tạo đơn đặt in" }).click();
    await page.waitForURL(/\/orders\/new$/);
    for (const x of [a!, b!]) {
      const card = page.locator(`[data-asset="${x.code}"]`);
      await card.getByLabel(`Chọn ${x.code}`).check();
      await card.getByLabel(`Số lượng ${x.code}`).fill("3");
      await card.getByRole("checkbox", { name: /\[Mẫu\] Nhà văn hóa thôn 1/ }).check();
      await card.getByLabel(`Số bản tại [Mẫu] Nhà văn hóa thôn 1 (${x.code})`).fill("2");
      await card.getByRole("checkbox", { name: /\[Mẫu\] Trụ sở cơ quan, đơn vị 1/ }).check();
    }
    await page
      .getByLabel("Cần giao trước ngày (ngày/tháng/năm)")
      .fill(viDate(new Date(Date.now() + 7 * 86_400_000)));
    await page.getByLabel("Ghi chú cho đơn vị in").fill("Giao tại bộ phận một cửa");
    await page.locator(`[data-asset="${a!.code}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(tmpdir(), "co-dong-order-new-phone.png") });
    expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Tạo đơn đặt in" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?created=1$/);
    const status = page.getByRole("status");
    await status.waitFor();
    const code = /DI-\d{4}-\d{3}/.exec((await status.textContent()) ?? "")?.[0] ?? "";
    expect(code).toMatch(/^DI-\d{4}-\d{3}$/);
    expect(await page.locator(".order-line").count()).toBe(2);
    expect(await page.locator(".order-head").textContent()).toContain("Đã đặt in: 2");
    await page.screenshot({ path: path.join(tmpdir(), "co-dong-order-office-phone.png") });
    const sheet = await page.request.get((await page.getByTestId("order-sheet").getAttribute("href")) ?? "");
    expect(sheet.headers()["content-type"]).toBe("application/pdf");
    const sheetBytes = await sheet.body();
    expect(sheetBytes.subarray(0, 5).toString()).toBe("%PDF-");
    writeFileSync(path.join(tmpdir(), "co-dong-order-sheet.pdf"), sheetBytes);
    expect(jsErrors(page)).toEqual([]);
    await office.context.close();

    const printer = await signedIn(app.browser, app.server.url, "inan");
    page = printer.page;
    await page.getByRole("link", { name: "Đơn đặt in" }).click();
    // The print library (the printer's landing page) also links the order from each of its cards:
    // every such link leads to the same order.
    await page.getByRole("link", { name: code }).first().click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const lineA = page.locator(`[data-line="${a!.code}"]`);
    // Both print files: true size, and 1:10 for RIPs that ignore /UserUnit (the banner is 7 m long).
    const names: string[] = [];
    for (const button of ["Tải file in (PDF, đúng kích thước)", "Tải file in tỉ lệ 1:10 (PDF)"]) {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        lineA.getByRole("button", { name: button }).click(),
      ]);
      names.push(download.suggestedFilename());
    }
    expect(names[0]).toBe(`${a!.code}-v1-bang-ron-1x7.pdf`);
    expect(names[1]).toMatch(new RegExp(`^${a!.code}-v1-bang-ron-1x7.*1-10\\.pdf$`));
    expect(
      dbRow<{ kinds: string }>(
        app.server,
        "SELECT group_concat(file_kind, ',') AS kinds FROM (SELECT file_kind FROM downloads WHERE asset_id = ? ORDER BY file_kind)",
        a!.assetId,
      ).kinds,
    ).toBe("pdf,pdf_scaled");

    for (const [x, n] of [
      [a!, 1],
      [b!, 2],
    ] as const) {
      const line = page.locator(`[data-line="${x.code}"]`);
      await line.getByRole("button", { name: "Xác nhận đã in" }).click();
      await page.getByText(`Đã xác nhận đã in dòng ${n} (${x.code})`).waitFor();
      await line.locator(".badge.line-printed").waitFor();
    }
    await lineA.getByRole("button", { name: "Xác nhận đã giao" }).click();
    await page.getByText(`Đã xác nhận đã giao dòng 1 (${a!.code})`).waitFor();
    // The message comes with the action's answer; the line's new status with the reload after it.
    await lineA.locator(".badge.line-delivered").waitFor();
    expect(await lineA.locator(".badge").first().textContent()).toBe("Đã giao");
    await shot(page, "order", true, true);
    const lineB = page.locator(`[data-line="${b!.code}"]`);
    await lineB.getByRole("button", { name: "Xác nhận đã giao" }).click();
    await page.getByText(`Đã xác nhận đã giao dòng 2 (${b!.code})`).waitFor();
    await page.locator(".order-head .line-delivered", { hasText: "Đã giao: 2" }).waitFor();
    expect(
      dbRow<{ n: number }>(
        app.server,
        `SELECT count(*) AS n FROM print_order_lines l JOIN print_orders o ON o.id = l.order_id
         WHERE o.code = ? AND l.printed_on IS NOT NULL AND l.delivered_on IS NOT NULL`,
        code,
      ).n,
    ).toBe(2);
    expect(jsErrors(page)).toEqual([]);
    await printer.context.close();

    // The office hears of each confirmation through the notifier.
    await expect
      .poll(
        () =>
          dbRow<{ n: number }>(
            app.server,
            "SELECT count(*) AS n FROM notifications WHERE user_id = 'user-vanhoa' AND kind IN ('PRINTED','DELIVERED')",
          ).n,
        { timeout: 60_000 },
      )
      .toBe(4);
  });
});
