import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsset } from "../../workflows/service";
import { openDatabase } from "../../storage/db/connection";
import { fakeFiles, USERS } from "../support/db";
import { decodeWords, parseMail, startTestSmtp, type TestSmtp } from "../support/smtp";
import { jsErrors, launch, signedIn } from "./browser";
import { shot as pageShot } from "./asset-page-helpers";
import { freePort, startServer, type TestServer } from "./server";

// Issue 12 §1 and §6 in the browser: a submission reaches the office as an inbox entry (count in
// the header) and as an e-mail through a real SMTP server; opening the entry marks it read. Then
// the person's account page and the admin's settings page.

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let origin = "";

const shot = (page: Page, name: string) => pageShot(page, name, true, true);

/** A draft on item 1.12 written into the running server's database, as the drafter made it. */
function draftInServerDb(label: string) {
  const handle = openDatabase(path.join(server.dataDir, "co-dong.sqlite"));
  try {
    return createAsset(handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "co-dong-truyen-thong",
      formatId: "bang-ron-1x7",
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: fakeFiles(label),
    });
  } finally {
    handle.close();
  }
}

function assetState(assetId: string): string {
  const handle = openDatabase(path.join(server.dataDir, "co-dong.sqlite"));
  try {
    return (handle.conn.prepare("SELECT state FROM assets WHERE id = ?").get(assetId) as { state: string })
      .state;
  } finally {
    handle.close();
  }
}

/** Reloads `path` until `selector` is on the page: the notifier works in its own loop. */
async function reloadUntil(page: Page, url: string, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.goto(url);
    if ((await page.locator(selector).count()) > 0) return;
    await page.waitForTimeout(250);
  }
  throw new Error(`${selector} never appeared on ${url}`);
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = await startServer(
    {
      SMTP_URL: smtp.url,
      PUBLIC_ORIGIN: origin,
      MAIL_FROM: "Cổ động <no-reply@lacphuong.example>",
      NOTIFIER_INTERVAL_MS: "300",
    },
    { port },
  );
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

describe("notifications in the browser and by e-mail", () => {
  it("the drafter submits; the office sees the count, the entry and an e-mail; opening it marks it read", async () => {
    const draft = draftInServerDb("notice-1");
    const drafter = await signedIn(browser, server.url, "soanthao");
    await drafter.page.goto(`/asset/${draft.assetId}`);
    await drafter.page.screenshot({
      path: path.join(os.tmpdir(), "co-dong-notice-draft.png"),
      fullPage: true,
    });
    await drafter.page.locator("button[data-decision=SUBMIT]").first().click();
    await drafter.page.getByRole("button", { name: "Xác nhận: Gửi duyệt" }).click();
    await expect.poll(() => assetState(draft.assetId), { timeout: 20_000 }).toBe("office_review");
    await drafter.context.close();

    const { context, page } = await signedIn(browser, server.url, "vanhoa", { phone: true });
    await reloadUntil(page, "/", "[data-testid=unread-count]");
    expect(await page.getByTestId("unread-count").textContent()).toBe("1");

    await page.getByTestId("inbox-link").click();
    await page.waitForURL(/\/inbox$/);
    const entry = page.locator(".inbox-entry").first();
    expect(await entry.getAttribute("data-unread")).toBe("true");
    expect(await entry.textContent()).toContain(draft.code);
    await shot(page, "inbox");

    // The e-mail: to the office's address, with the asset code and the absolute link.
    await expect.poll(() => smtp.received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const mail = smtp.received.find((m) => m.to.includes("vanhoa@lacphuong.example"));
    expect(mail).toBeDefined();
    const parsed = parseMail(mail!.raw);
    const text = Object.values(parsed.parts)
      .map((p) => p.body)
      .join("\n");
    expect(`${decodeWords(parsed.headers.subject ?? "")}\n${text}`).toContain(draft.code);
    expect(text).toContain(`${origin}/asset/${draft.assetId}`);

    await Promise.all([page.waitForURL(new RegExp(`/asset/${draft.assetId}$`)), entry.locator("a").click()]);
    await page.waitForLoadState("networkidle");
    expect(await page.getByTestId("unread-count").count()).toBe(0);
    expect(await page.getByTestId("inbox-link").getAttribute("aria-label")).toBe(
      "Thông báo: không có thông báo mới",
    );
    await page.goto("/inbox");
    expect(await page.locator(".inbox-entry").first().getAttribute("data-unread")).toBe("false");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the account page shows the address, saves the e-mail mode", async () => {
    const { context, page } = await signedIn(browser, server.url, "vanhoa", { phone: true });
    await page.goto("/account");
    expect(await page.getByTestId("account-email").textContent()).toBe("vanhoa@lacphuong.example");
    await page.getByLabel("Gộp thành một thư mỗi ngày").check();
    await page.getByRole("button", { name: "Lưu cách nhận thư" }).click();
    await page.getByText("Đã lưu: Gộp thành một thư mỗi ngày.").waitFor();
    await page.reload();
    expect(await page.getByLabel("Gộp thành một thư mỗi ngày").isChecked()).toBe(true);
    await shot(page, "account");
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(390);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the admin sets reminder days, holidays and the plan's number; the dashboard shows it", async () => {
    const { context, page } = await signedIn(browser, server.url, "quantri");
    await page.goto("/admin/settings");
    await page.getByLabel("Chờ lãnh đạo phê duyệt").fill("3");
    await page.getByRole("button", { name: "Lưu số ngày nhắc việc" }).click();
    await page.getByText("Đã lưu số ngày nhắc việc.").waitFor();

    await page.getByLabel(/Mỗi dòng một ngày/).fill("2/9/2026\n01/09/2026\n30/02/2026");
    await page.getByRole("button", { name: "Lưu ngày nghỉ lễ" }).click();
    await page.getByText("Dòng 3: “30/02/2026” không phải một ngày có thật", { exact: false }).waitFor();
    await page.getByLabel(/Mỗi dòng một ngày/).fill("2/9/2026\n01/09/2026");
    await page.getByRole("button", { name: "Lưu ngày nghỉ lễ" }).click();
    await page.getByText("Đã lưu 2 ngày nghỉ lễ.").waitFor();
    // Shown back as stored: sorted, dd/mm/yyyy.
    await expect.poll(() => page.getByLabel(/Mỗi dòng một ngày/).inputValue()).toBe("01/09/2026\n02/09/2026");

    await page.getByLabel(/Số kế hoạch/).fill("125/kh-ubnd");
    await page.getByLabel(/Ngày ban hành/).fill("15/01/2026");
    await page.getByRole("button", { name: "Lưu số kế hoạch" }).click();
    await page.getByText("Đã lưu số kế hoạch 125/KH-UBND ngày 15/01/2026.").waitFor();
    expect(await page.getByLabel("Chờ lãnh đạo phê duyệt").inputValue()).toBe("3");
    await shot(page, "admin-settings");

    await page.goto("/");
    expect(await page.locator("body").textContent()).toContain("Kế hoạch 125/KH-UBND ngày 15/01/2026");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
