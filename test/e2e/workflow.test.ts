import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { jsErrors, signedIn } from "./browser";
import { dbRow as serverRow, shot as screenshot } from "./asset-page-helpers";
import { appUnderTest } from "./suite";

const ITEM = "cchc-2026:1.12";

const app = appUnderTest();

const dbRow = <T>(sql: string, ...args: unknown[]): T => serverRow<T>(app.server, sql, ...args);

/** The README's screenshots are taken from the top of the page. */
const shot = (page: Page, name: string, fullPage = false) => screenshot(page, name, fullPage, true);

describe("approval workflow in the browser", () => {
  let assetId = "";
  let assetCode = "";

  it("a signed-out visitor sees only sign-in and verify", async () => {
    const ctx = await app.browser.newContext({ baseURL: app.server.url });
    const page = await ctx.newPage();
    for (const p of ["/", "/editor", "/review", "/print", "/admin/users", "/bulk", `/items/${ITEM}`]) {
      await page.goto(p);
      expect(new URL(page.url()).pathname, p).toBe("/login");
    }
    const preview = await page.request.get("/api/preview?template=co-dong-truyen-thong&format=a3&text=x", {
      maxRedirects: 0,
    });
    expect(preview.status()).toBe(302);
    const verify = await page.goto("/verify");
    expect(verify?.status()).toBe(200);
    expect(await page.textContent("h1")).toContain("Xác minh");
    const csp = verify?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-/);
    await ctx.close();
  });

  it("the drafter creates an asset from a content item's slogan and submits it", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
    expect(await page.textContent("h1")).toContain("Kế hoạch tuyên truyền cải cách hành chính");
    await shot(page, "dashboard");

    await page.goto(`/items/${encodeURIComponent(ITEM)}`);
    const slogan = (await page.locator(".asset-list li").first().textContent()) ?? "";
    await page.getByRole("link", { name: "Dùng để tạo ấn phẩm" }).first().click();
    await page.waitForURL(/\/editor/);
    const text = await page.getByLabel("Nội dung chữ trên ấn phẩm").inputValue();
    expect(slogan).toContain(text);

    // Live preview follows typing.
    const preview = page.getByTestId("preview");
    await preview.waitFor();
    const before = await preview.getAttribute("src");
    const t0 = Date.now();
    await page.getByLabel("Dòng phụ (không bắt buộc)").fill("Xã Lạc Phượng");
    await page.waitForFunction(
      (b) => document.querySelector("[data-testid=preview]")?.getAttribute("src") !== b,
      before,
    );
    const latency = Date.now() - t0;
    console.log(`[e2e] preview updated ${latency} ms after typing`);
    expect(latency).toBeLessThan(1500);
    await expect.poll(() => page.locator(".preflight li").count()).toBeGreaterThan(0);
    // The editor previews the SVG master: it must actually paint (the page's CSP allows blob: images).
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
    const q = "template=co-dong-truyen-thong&format=fb-link-1200x630&text=Th%E1%BB%AD";
    const svg = await page.request.get(`/api/preview?${q}&as=svg`);
    expect(svg.headers()["content-type"]).toBe("image/svg+xml");
    expect(svg.headers()["content-security-policy"]).toContain("default-src 'none'");
    expect((await svg.text()).startsWith("<svg")).toBe(true);
    const png = await page.request.get(`/api/preview?${q}&as=png&maxPx=600`);
    expect(png.headers()["content-type"]).toBe("image/png");
    expect((await png.body()).subarray(1, 4).toString()).toBe("PNG");
    expect(png.headers()["x-preview-size"]).toBe("600x315");
    const bad = await page.request.get(`/api/preview?${q}&as=gif`);
    expect(bad.status()).toBe(400);
    expect((await bad.json()).code).toBe("INVALID_PARAMS");
    await shot(page, "editor");

    // Preflight blocks: a slogan the design's font cannot set is refused with the reason, nothing written.
    const textBox = page.getByLabel("Nội dung chữ trên ấn phẩm");
    await textBox.fill("★ Cải cách hành chính vì nhân dân phục vụ ★");
    await expect.poll(() => page.locator(".preflight .pf-error").count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: /Tạo và gửi duyệt/ }).click();
    const refused = page.getByTestId("create-error");
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/kiểm tra trước khi in phát hiện \d+ lỗi.*★/);
    expect(new URL(page.url()).pathname).toBe("/editor");
    expect(dbRow<{ n: number }>("SELECT count(*) AS n FROM assets").n).toBe(0);
    await textBox.fill(text);

    await Promise.all([
      page.waitForURL(/\/asset\//),
      page.getByRole("button", { name: /Tạo và gửi duyệt/ }).click(),
    ]);
    // The URL changes before React has rendered the new page.
    await page.locator(".asset-head").waitFor();
    assetId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
    assetCode = ((await page.textContent("h1")) ?? "").split(":")[0].trim();
    expect(assetCode).toMatch(/^CCHC-2026-1\.12-\d{4}$/);
    expect(await page.textContent(".badge")).toContain("Đang thẩm định");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the server refuses an approver's forged approval while the asset is at office review", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "phochutich");
    const a = dbRow<{ row_version: number; content_hash: string }>(
      "SELECT a.row_version, v.content_hash FROM assets a JOIN asset_versions v ON v.id = a.current_version_id WHERE a.id = ?",
      assetId,
    );
    const res = await page.request.post(`/asset/${encodeURIComponent(assetId)}`, {
      form: {
        intent: "decide",
        decision: "APPROVE",
        versionHash: a.content_hash,
        rowVersion: String(a.row_version),
      },
      headers: { Origin: app.server.url },
      maxRedirects: 0,
    });
    expect(res.status()).toBeGreaterThanOrEqual(400);
    // Cross-site POST is refused before it reaches the workflow.
    const csrf = await page.request.post(`/asset/${encodeURIComponent(assetId)}`, {
      form: {
        intent: "decide",
        decision: "APPROVE",
        versionHash: a.content_hash,
        rowVersion: String(a.row_version),
      },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    // Remix refuses it (Origin ≠ Host) before any action code runs; resource routes use our own check.
    expect(csrf.status()).toBeGreaterThanOrEqual(400);
    expect(dbRow<{ state: string }>("SELECT state FROM assets WHERE id = ?", assetId).state).toBe(
      "office_review",
    );
    await context.close();
  });

  it("the office returns it with a reason", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa");
    // A comment pinned to a point of the image.
    await page.goto(`/asset/${encodeURIComponent(assetId)}`);
    await page.locator(".pinboard img").click({ position: { x: 40, y: 20 } });
    await page.getByLabel("Thêm ý kiến").fill("Dòng phụ thiếu dấu.");
    await page.getByRole("button", { name: "Gửi ý kiến" }).click();
    await page.getByText("Đã ghi ý kiến.").waitFor();
    await page.locator(".pinboard .pin:not(.new)").first().waitFor();
    await expect.poll(() => page.locator(".pinboard .pin:not(.new)").count()).toBe(1);
    const pin = dbRow<{ pin_x: number; pin_y: number }>(
      "SELECT pin_x, pin_y FROM comments WHERE asset_id = ?",
      assetId,
    );
    expect(pin.pin_x).toBeGreaterThan(0);
    expect(pin.pin_y).toBeGreaterThan(0);

    await page.goto("/review");
    const card = page.locator(".queue-item", { hasText: assetCode });
    await card.locator("summary", { hasText: "Yêu cầu chỉnh sửa" }).click();
    await card.getByLabel("Lý do").selectOption("diacritics");
    await card.getByLabel(/Ghi rõ nội dung/).fill("Kiểm tra lại dấu ở dòng phụ.");
    await card.getByRole("button", { name: /Xác nhận: Yêu cầu chỉnh sửa/ }).click();
    await page.getByText("Đã trả lại, yêu cầu chỉnh sửa.").waitFor();
    expect(dbRow<{ state: string }>("SELECT state FROM assets WHERE id = ?", assetId).state).toBe("returned");
    await context.close();
  });

  it("the drafter fixes and resubmits; the office forwards (bulk, one confirmation)", async () => {
    const d = await signedIn(app.browser, app.server.url, "soanthao");
    await d.page.goto(`/asset/${encodeURIComponent(assetId)}`);
    await d.page.getByText("Lý do: Sai dấu/chính tả", { exact: false }).first().waitFor();
    await d.page.getByText("Sửa nội dung và tạo phiên bản mới").click();
    await d.page.getByLabel("Dòng phụ", { exact: true }).fill("Ủy ban nhân dân xã Lạc Phượng");
    await d.page.getByRole("button", { name: "Tạo phiên bản mới" }).click();
    await d.page.getByText(/Đã tạo phiên bản 2 và gửi duyệt lại/).waitFor();
    // Clicked before hydration, the form posts natively and the answer streams in: the message can
    // be on screen while the comparison below it is still arriving.
    await expect.poll(() => d.page.locator(".compare figure").count()).toBe(2);
    await shot(d.page, "asset", true);
    await d.context.close();

    const o = await signedIn(app.browser, app.server.url, "vanhoa");
    await o.page.goto("/review");
    await o.page.getByLabel(`Chọn ${assetCode}`).check();
    await o.page.getByRole("button", { name: /Chuyển lãnh đạo phê duyệt các ấn phẩm đã chọn/ }).click();
    await o.page.getByRole("heading", { name: /Xác nhận chuyển lãnh đạo phê duyệt 1 ấn phẩm/ }).waitFor();
    await o.page.getByRole("button", { name: /^Xác nhận chuyển lãnh đạo phê duyệt 1 ấn phẩm$/ }).click();
    await o.page
      .getByTestId("bulk-results")
      .getByText(/✔ Đã chuyển lãnh đạo phê duyệt\./)
      .waitFor();
    expect(await o.page.getByTestId("bulk-results").locator("li.ok").textContent()).toBe(
      `${assetCode}: ✔ Đã chuyển lãnh đạo phê duyệt.`,
    );
    await o.context.close();
    expect(dbRow<{ state: string }>("SELECT state FROM assets WHERE id = ?", assetId).state).toBe(
      "awaiting_approval",
    );
  });

  it("the approver approves on a phone and the publisher uploads it", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "phochutich", { phone: true });
    await page.goto("/review");
    const card = page.locator(".queue-item", { hasText: assetCode });
    await card.waitFor();
    await shot(page, "review-phone", true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await card.getByRole("button", { name: "Phê duyệt" }).click();
    await page
      .getByText(/Đã phê duyệt/)
      .first()
      .waitFor();
    await context.close();
    const deadline = Date.now() + 20_000;
    while (dbRow<{ state: string }>("SELECT state FROM assets WHERE id = ?", assetId).state !== "published") {
      if (Date.now() > deadline) throw new Error("publisher did not publish within 20 s");
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it("the printer downloads the print PDF: same bytes as approved, a valid PDF; the verify page confirms", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "inan");
    expect(new URL(page.url()).pathname).toBe("/print");
    const card = page.locator(".print-card", { hasText: assetCode });
    await card.waitFor();
    await shot(page, "print-library");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.locator("[data-download]").click(),
    ]);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    execFileSync("qpdf", ["--check", file], { stdio: "pipe" });
    const approved = dbRow<{ content_hash: string; verify_code: string }>(
      `SELECT v.content_hash, v.verify_code FROM asset_versions v JOIN audit_events e ON e.version_id = v.id
       WHERE e.asset_id = ? AND e.action = 'APPROVE'`,
      assetId,
    );
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(approved.content_hash);
    const logged = dbRow<{ n: number }>("SELECT count(*) AS n FROM downloads WHERE asset_id = ?", assetId);
    expect(logged.n).toBe(1);

    await card.getByText("Xác nhận đã in / đã giao").click();
    await card.getByLabel("Số lượng").fill("12");
    await card.getByRole("button", { name: "Xác nhận", exact: true }).click();
    await page.getByText("Đã xác nhận đã in.").waitFor();

    // The printer may not open the editor or the review queue.
    const editor = await page.goto("/editor");
    expect(editor?.status()).toBe(403);
    const review = await page.goto("/review");
    expect(review?.status()).toBe(403);

    await page.goto(`/verify/${approved.verify_code}`);
    expect(await page.getAttribute("[data-verdict]", "data-verdict")).toBe("published");
    expect((await page.getByTestId("verify-hash").textContent())?.trim()).toBe(approved.content_hash);
    await page.locator("input[type=file]").setInputFiles(file);
    await page.getByRole("button", { name: "Kiểm tra" }).click();
    await page.locator("[data-identical=yes]").waitFor();
    await shot(page, "verify", true);

    // An unknown code is said to be unknown.
    await page.goto("/verify/ZZZZZZZZ");
    expect(await page.getAttribute("[data-verdict]", "data-verdict")).toBe("unknown");
    await context.close();
  });
});
