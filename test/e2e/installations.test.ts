import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../storage/db/connection";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { addOrderLine, addPlacement, phonePhoto } from "../support/installation-fixtures";
import { dbRow, decide, openAsset, shot } from "./asset-page-helpers";
import { jsErrors, PHONE, signedIn } from "./browser";
import { appUnderTest } from "./suite";

// Issue 13 §3 on a phone (390 × 844): the office opens a delivered order line, takes a photo with
// the camera input, leaves "Giữ vị trí GPS" unticked and records "Đã treo/đặt"; the stored file
// has no EXIF and no position; the photo shows on the line, the placement and the asset page.

const HAI_PHONG = { lat: 20.8527, lng: 106.6201 };
const app = appUnderTest();
let asset = { id: "", code: "" };
let line = { orderId: "", lineId: "" };
let places: string[] = [];

/** A roadside banner between two posts, as a phone would see it (shapes only, no fonts needed). */
function roadsideScene(): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#8ec5ef"/><stop offset="1" stop-color="#e8f4fb"/></linearGradient></defs>
    <rect width="1600" height="1200" fill="url(#sky)"/>
    <rect y="820" width="1600" height="380" fill="#8d8d86"/>
    <rect y="800" width="1600" height="30" fill="#5e8f3e"/>
    <rect x="180" y="300" width="26" height="560" fill="#555"/>
    <rect x="1394" y="300" width="26" height="560" fill="#555"/>
    <rect x="206" y="330" width="1188" height="200" fill="#c8161d"/>
    <rect x="206" y="330" width="1188" height="16" fill="#f2c230"/>
    <rect x="206" y="514" width="1188" height="16" fill="#f2c230"/>
    <rect x="330" y="395" width="940" height="26" rx="8" fill="#f2c230"/>
    <rect x="430" y="445" width="740" height="22" rx="8" fill="#fff3c4"/>
  </svg>`);
}

beforeAll(async () => {
  // A real banner through the pages: made and sent by the drafter, forwarded, approved.
  const d = await signedIn(app.browser, app.server.url, "soanthao");
  await d.page.goto(`/editor?item=${encodeURIComponent("cchc-2026:1.12")}`);
  await d.page.getByTestId("preview").waitFor();
  await Promise.all([
    d.page.waitForURL(/\/asset\//),
    d.page.getByRole("button", { name: /Tạo và gửi duyệt/ }).click(),
  ]);
  asset = await openAsset(d.page);
  await d.context.close();
  for (const [user, decision, label, done] of [
    ["vanhoa", "FORWARD", "Chuyển lãnh đạo phê duyệt", /Đã chuyển lãnh đạo phê duyệt/],
    ["phochutich", "APPROVE", "Phê duyệt", /Đã phê duyệt/],
  ] as const) {
    const s = await signedIn(app.browser, app.server.url, user);
    await s.page.goto(`/asset/${encodeURIComponent(asset.id)}`);
    await decide(s.page, { decision, code: asset.code, label, done });
    await s.context.close();
  }
  // The server's publisher puts it in the object store; then the order is written as the office's would be.
  await vi.waitFor(
    () => {
      const { state } = dbRow<{ state: string }>(
        app.server,
        "SELECT state FROM assets WHERE id = ?",
        asset.id,
      );
      if (state !== "published") throw new Error(`asset is ${state}`);
    },
    { timeout: 60_000, interval: 200 },
  );
  const handle = openDatabase(path.join(app.server.dataDir, "co-dong.sqlite"));
  try {
    places = [
      addPlacement(handle, "Cổng trụ sở UBND xã (mẫu)", "office"),
      addPlacement(handle, "Trục đường thôn Đông, đoạn cổng chào (mẫu)", "road"),
    ];
    line = addOrderLine(handle, asset.id, places);
  } finally {
    handle.close();
  }
});

describe("installation proof on a phone", () => {
  it("records 'đã treo/đặt' with a camera photo; the stored file has no EXIF GPS", async () => {
    const { page } = await signedIn(app.browser, app.server.url, "vanhoa", { phone: true });
    await page.goto(`/orders/${line.orderId}/lines/${line.lineId}`);
    const place = page.locator(`[data-placement="${places[0]}"]`);
    await expect.poll(() => place.getByText("Chưa treo/đặt").count()).toBe(1);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const camera = place.locator('input[type=file][capture="environment"]');
    expect(await camera.getAttribute("accept")).toBe("image/*");
    await camera.setInputFiles({
      name: "IMG_20260305_142210.jpg",
      mimeType: "image/jpeg",
      buffer: await phonePhoto({ from: roadsideScene(), gps: HAI_PHONG }),
    });
    await expect.poll(() => place.getByTestId("photos-chosen").textContent()).toContain("Đã chọn 1 ảnh.");
    expect(await place.getByLabel("Giữ vị trí GPS của ảnh").isChecked()).toBe(false);
    await place.getByLabel(/Ghi chú/).fill("Treo trên khung trước cổng, nhìn từ đường vào.");
    await shot(page, "installation-form-phone", true);
    await place.getByRole("button", { name: "Đã treo/đặt" }).click();
    await place.getByText("Đã ghi nhận treo/đặt với 1 ảnh.").waitFor();

    // The photo on the page, loaded (the thumbnail route answers with a JPEG).
    const thumb = place.locator(".install-photos img").first();
    await expect
      .poll(() => thumb.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)))
      .toBe(400);
    expect(await page.getByTestId("installed-count").textContent()).toBe("1/2 vị trí");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "installation-line-phone", true, true);

    // The stored file, read back from the object store: a JPEG without any EXIF; no position kept.
    const row = dbRow<{ object_key: string; lat: number | null; captured_at: string }>(
      app.server,
      `SELECT p.object_key, p.lat, p.captured_at FROM installation_photos p
         JOIN installations i ON i.id = p.installation_id WHERE i.placement_id = ?`,
      places[0],
    );
    expect([row.lat, row.captured_at]).toEqual([null, "2026-03-05T14:22:10"]);
    const store = new FolderObjectStore({ root: path.join(app.server.dataDir, "objects") });
    const stored = await store.get(row.object_key);
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.exif, meta.width, meta.height]).toEqual(["jpeg", undefined, 1600, 1200]);
    expect(row.object_key).toMatch(new RegExp(`^2026/1\\.12/${asset.id}/installations/`));
    expect(jsErrors(page)).toEqual([]);
  });

  it("the placement's page and the asset page show the photo", async () => {
    const { page } = await signedIn(app.browser, app.server.url, "phochutich", { phone: true });
    await page.goto(`/placements/${places[0]}`);
    await page.getByText("Lịch sử treo/đặt").waitFor();
    expect(await page.getByTestId("installation").count()).toBe(1);
    expect(await page.getByText(asset.code).count()).toBeGreaterThan(0);
    const img = page.locator(".install-photos img").first();
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)))
      .toBe(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "placement-phone", true, true);

    await page.goto(`/asset/${encodeURIComponent(asset.id)}`);
    const section = page.getByTestId("asset-installations");
    await section.waitFor();
    expect(await section.textContent()).toContain("Đang treo/đặt tại 1/1 vị trí · 1 ảnh");
    await section.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await shot(page, "asset-installations-phone");
    expect(jsErrors(page)).toEqual([]);
  });

  it("records 'đã tháo' with its day", async () => {
    const { page } = await signedIn(app.browser, app.server.url, "vanhoa", { phone: true });
    await page.goto(`/orders/${line.orderId}/lines/${line.lineId}`);
    const place = page.locator(`[data-placement="${places[0]}"]`);
    await place.getByText("Ghi nhận đã tháo").click();
    await place.getByRole("button", { name: "Đã tháo" }).click();
    await place.getByText("Đã ghi nhận tháo.").waitFor();
    expect(await place.locator(".install-removed").textContent()).toMatch(
      /^Đã tháo \d{2}\/\d{2}\/\d{4} \(treo từ/,
    );
    const audit = dbRow<{ n: number }>(
      app.server,
      "SELECT count(*) AS n FROM audit_events WHERE asset_id = ? AND action IN ('INSTALLED','REMOVED')",
      asset.id,
    );
    expect(audit.n).toBe(2);
  });
});
