import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { jsErrors, signedIn } from "./browser";
import { shot as pageShot } from "./asset-page-helpers";
import { appUnderTest } from "./suite";

// Issue 12 §5 "Finding things" in the browser: the drafter's asset list, a search without marks,
// a state filter, thumbnails, and a bulk submit behind one confirmation; on a desktop and a phone.

const shot = (page: Page, name: string) => pageShot(page, name, false, true);

/** Creates drafts through the editor's own form action (real renders, so real thumbnails). */
async function createDrafts(page: Page, text: string, formats: string[]) {
  const body = new URLSearchParams({
    item: "cchc-2026:1.12",
    sloganId: "",
    text,
    template: "co-dong-truyen-thong",
    intent: "save",
  });
  for (const f of formats) body.append("formats", f);
  const res = await page.request.post("/editor", {
    data: body.toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: app.server.url },
    maxRedirects: 0,
  });
  expect(res.status(), await res.text()).toBeLessThan(400);
}

/** Every thumbnail on the page has painted (none broken). */
async function thumbnailsPainted(page: Page) {
  await expect
    .poll(() =>
      page.$$eval("img.thumb", (imgs) =>
        (imgs as HTMLImageElement[]).every((i) => i.complete && i.naturalWidth > 0),
      ),
    )
    .toBe(true);
}

const app = appUnderTest();

describe("the asset list in the browser", () => {
  it("finds by a search without marks, filters by state, and bulk-submits two drafts after one confirmation", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
    await createDrafts(page, "Đơn giản hóa thủ tục hành chính", ["bang-ron-1x7", "fb-link-1200x630"]);
    await createDrafts(page, "Chuyển đổi số vì nhân dân phục vụ", ["square-1080"]);

    await page.goto("/assets");
    await expect.poll(() => page.getByTestId("asset-count").textContent()).toBe("Trang 1/1 — 3 ấn phẩm");

    await page.getByLabel("Tìm theo mã hoặc khẩu hiệu").fill("thu tuc");
    await Promise.all([page.waitForURL(/q=thu\+tuc/), page.getByRole("button", { name: "Lọc" }).click()]);
    await expect.poll(() => page.locator(".al-row").count()).toBe(2);
    for (const text of await page.locator(".al-text").allTextContents())
      expect(text).toBe("Đơn giản hóa thủ tục hành chính");
    expect(await page.locator(".al-format").first().textContent()).toMatch(/Băng rôn|1200/);

    // The filters beyond the search box start folded while none is set.
    await page.locator(".al-more > summary").click();
    await page.getByLabel("Trạng thái").selectOption("draft");
    await Promise.all([page.waitForURL(/states=draft/), page.getByRole("button", { name: "Lọc" }).click()]);
    await expect.poll(() => page.locator(".al-row").count()).toBe(2);
    await thumbnailsPainted(page);
    await shot(page, "asset-list");

    const boxes = page.locator(".al-select input[type=checkbox]");
    expect(await boxes.count()).toBe(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole("button", { name: "Gửi duyệt các ấn phẩm đã chọn" }).click();
    const confirm = page.getByRole("form", { name: /Xác nhận gửi duyệt 2 ấn phẩm/ });
    await confirm.waitFor();
    expect(await confirm.locator("li").allTextContents()).toHaveLength(2);
    await page.getByRole("button", { name: "Xác nhận gửi duyệt" }).click();
    const results = page.getByTestId("bulk-results");
    await results.waitFor();
    expect(await results.textContent()).toContain("Đã gửi duyệt 2/2 ấn phẩm");

    await page.goto("/assets?states=office_review");
    await expect.poll(() => page.locator(".al-row").count()).toBe(2);
    for (const badge of await page.locator(".al-row .badge").allTextContents())
      expect(badge).toBe("Đang thẩm định");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("on a 390 px phone each asset is a card with its thumbnail, and nothing scrolls sideways", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao", { phone: true });
    await page.goto("/assets");
    await expect.poll(() => page.locator(".al-row").count()).toBe(3);
    await thumbnailsPainted(page);
    expect(await page.locator(".al-table thead").isVisible()).toBe(false);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "asset-list-phone");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
