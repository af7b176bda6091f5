import type { CDPSession } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { jsErrors, PHONE, signedIn } from "./browser";
import { appUnderTest } from "./suite";
import { dbRow, decide, openAsset, shot } from "./asset-page-helpers";

// Issue 12 §4: approval on a phone (390 × 844). The image first and full width, zoomed by a pinch
// and panned to the letter; the office's note and the history; the decisions in a bar fixed at the
// bottom; header and bars together at most 20 % of the screen; one confirmation.

let asset = { id: "", code: "" };

const touch = (cdp: CDPSession, type: string, points: [number, number][]) =>
  cdp.send("Input.dispatchTouchEvent", {
    type,
    touchPoints: points.map(([x, y], id) => ({ x, y, id })),
  } as never);

const app = appUnderTest();

beforeAll(async () => {
  // A 1.2 × 10 m banner, made and forwarded through the pages.
  const d = await signedIn(app.browser, app.server.url, "soanthao");
  await d.page.goto(`/editor?item=${encodeURIComponent("cchc-2026:1.12")}`);
  await d.page.getByTestId("preview").waitFor();
  await d.page.locator('input[name=formats][value="bang-ron-1x7"]').uncheck();
  await d.page.locator('input[name=formats][value="bang-ron-1.2x10"]').check();
  await Promise.all([
    d.page.waitForURL(/\/asset\//),
    d.page.getByRole("button", { name: /Tạo và gửi duyệt/ }).click(),
  ]);
  asset = await openAsset(d.page);
  await d.context.close();
  const o = await signedIn(app.browser, app.server.url, "vanhoa");
  await o.page.goto(`/asset/${encodeURIComponent(asset.id)}`);
  await decide(o.page, {
    decision: "FORWARD",
    code: asset.code,
    label: "Chuyển lãnh đạo phê duyệt",
    done: /Đã chuyển lãnh đạo phê duyệt/,
  });
  await o.context.close();
});

describe("approval on a phone", () => {
  it("image first and zoomable to the letter, compact bars, approve after one confirmation", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "phochutich", { phone: true });
    await page.goto(`/asset/${encodeURIComponent(asset.id)}`);
    const frame = page.getByTestId("zoom-frame");
    const img = page.getByTestId("zoom-image");
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)))
      .toBeGreaterThan(0);

    // The image first (above the title), full width.
    const box = await frame.boundingBox();
    const title = await page.locator(".asset-head h1").boundingBox();
    expect(box && title && box.y < title.y).toBe(true);
    expect(box?.x).toBeLessThanOrEqual(0.5);
    expect(box?.width).toBeGreaterThanOrEqual(PHONE.width - 1);
    // The full-resolution proof, so zooming shows real pixels, not a stretched thumbnail.
    const natural = await img.evaluate((i: HTMLImageElement) => i.naturalWidth / i.clientWidth);
    expect(natural).toBeGreaterThan(4);
    // Then the office's note and the history, before the rest.
    const y = async (sel: string) => (await page.locator(sel).first().boundingBox())?.y ?? Number.NaN;
    expect(await y(".office-note")).toBeLessThan(await y("#hist-h"));
    expect(await y("#hist-h")).toBeLessThan(await y("#cmp-h"));

    // The header and the decision bar together: at most 20 % of the screen height.
    const heights = await page.evaluate(() => {
      const h = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().height ?? 0;
      return { header: h("header.top"), bar: h("[data-testid=decision-bar]") };
    });
    console.log(`[e2e] phone header ${heights.header} px + decision bar ${heights.bar} px`);
    expect(heights.bar).toBeGreaterThan(0);
    expect(heights.header + heights.bar).toBeLessThanOrEqual(0.2 * PHONE.height);
    const bar = await page.getByTestId("decision-bar").boundingBox();
    expect(Math.round((bar?.y ?? 0) + (bar?.height ?? 0))).toBe(PHONE.height);
    const approve = page.locator("[data-decision=APPROVE]");
    expect(await approve.getAttribute("class")).toContain("primary");
    await shot(page, "phone-approval");

    // A pinch, two fingers moving apart about the middle of the image.
    const cdp = await context.newCDPSession(page);
    const f = (await frame.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
    const cx = f.x + f.width / 2;
    const cy = f.y + f.height / 2;
    await touch(cdp, "touchStart", [
      [cx - 20, cy],
      [cx + 20, cy],
    ]);
    for (let i = 1; i <= 12; i++) {
      await touch(cdp, "touchMove", [
        [cx - 20 - i * 10, cy],
        [cx + 20 + i * 10, cy],
      ]);
    }
    await touch(cdp, "touchEnd", []);
    const pinched = Number(await frame.getAttribute("data-scale"));
    expect(pinched).toBeGreaterThan(2);
    // The + button zooms further, and the zoom level is shown.
    await page.getByRole("button", { name: "Phóng to" }).click();
    const scale = Number(await frame.getAttribute("data-scale"));
    expect(scale).toBeGreaterThan(pinched);
    expect(await page.locator(".zoom-level").textContent()).toBe(`${Math.round(scale * 100)} %`);
    // One finger pans.
    const layer = page.getByTestId("zoom-layer");
    const before = await layer.evaluate((el) => getComputedStyle(el).transform);
    await touch(cdp, "touchStart", [[cx, cy]]);
    for (let i = 1; i <= 8; i++) await touch(cdp, "touchMove", [[cx + i * 15, cy]]);
    await touch(cdp, "touchEnd", []);
    const after = await layer.evaluate((el) => getComputedStyle(el).transform);
    expect(after).not.toBe(before);
    const tx = (m: string) => Number(m.match(/matrix\(([^)]+)\)/)?.[1].split(",")[4]);
    expect(tx(after)).toBeGreaterThan(tx(before));
    await shot(page, "phone-approval-zoom");
    // The keyboard: 0 goes back to 100 %.
    await frame.focus();
    await page.keyboard.press("0");
    expect(Number(await frame.getAttribute("data-scale"))).toBe(1);

    // One confirmation, naming the decision and the asset; then approved.
    await decide(page, { decision: "APPROVE", code: asset.code, label: "Phê duyệt", done: /Đã phê duyệt/ });
    const state = dbRow<{ state: string }>(
      app.server,
      "SELECT state FROM assets WHERE id = ?",
      asset.id,
    ).state;
    expect(["approved", "published"]).toContain(state);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
