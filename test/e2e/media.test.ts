import { describe, expect, it } from "vitest";
import { phonePhoto } from "../support/installation-fixtures";
import { dbRow, shot } from "./asset-page-helpers";
import { jsErrors, PHONE, signedIn } from "./browser";
import { appUnderTest } from "./suite";

// Issue 14 §2 on a phone (390 × 844): a drafter uploads photos of the one-stop counter and of the
// commune's contest (item 1.7, 1.15), and the commune's logo, to the library; opens one photo and
// taps on the official in it; the focal point is stored as 'manual' and the crops follow it.

const app = appUnderTest();

/** A one-stop counter with an official at the right third, as a camera would see it. */
function counterScene(): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200">
    <defs><linearGradient id="wall" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#f3ead8"/><stop offset="1" stop-color="#d9cdb4"/></linearGradient></defs>
    <rect width="1800" height="1200" fill="url(#wall)"/>
    <rect x="120" y="120" width="560" height="90" rx="10" fill="#b3121b"/>
    <rect x="150" y="150" width="500" height="30" rx="6" fill="#f2c230"/>
    <rect x="0" y="760" width="1800" height="440" fill="#8a5a2b"/>
    <rect x="0" y="740" width="1800" height="40" fill="#6d4520"/>
    <rect x="1080" y="470" width="330" height="330" rx="60" fill="#1f4f8f"/>
    <circle cx="1245" cy="380" r="105" fill="#d9a07f"/>
    <path d="M1140 350 Q1245 220 1350 350 Q1300 290 1245 290 Q1190 290 1140 350Z" fill="#1d1d1f"/>
    <rect x="300" y="560" width="420" height="200" rx="8" fill="#ffffff" opacity="0.85"/>
    <rect x="330" y="600" width="360" height="20" rx="4" fill="#9aa3ad"/>
    <rect x="330" y="640" width="300" height="20" rx="4" fill="#9aa3ad"/>
  </svg>`);
}

/** A contest stage: a red backdrop, three contestants at a table. */
function contestScene(): Buffer {
  const people = [500, 900, 1300]
    .map(
      (x) => `<rect x="${x - 110}" y="560" width="220" height="260" rx="40" fill="#2d5d3b"/>
        <circle cx="${x}" cy="480" r="80" fill="#d6a183"/>`,
    )
    .join("");
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200">
    <rect width="1800" height="1200" fill="#7c0d13"/>
    <rect x="200" y="140" width="1400" height="160" fill="#b3121b"/>
    <rect x="260" y="190" width="1280" height="50" rx="10" fill="#f2c230"/>
    ${people}
    <rect x="250" y="780" width="1300" height="180" fill="#f4f1ea"/>
    <rect x="0" y="960" width="1800" height="240" fill="#3a2a20"/>
  </svg>`);
}

const LOGO = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">
  <circle cx="100" cy="100" r="96" fill="#b3121b"/>
  <polygon points="100,38 116,84 164,84 125,112 140,158 100,130 60,158 75,112 36,84 84,84" fill="#f2c230"/>
</svg>`);

describe("the media library on a phone", () => {
  it("uploads photos and a logo, captions one and sets its focal point with a tap", async () => {
    const { page } = await signedIn(app.browser, app.server.url, "soanthao", { phone: true });
    await page.goto("/media");
    const form = page.locator("form.media-upload");
    // Two photos in one post, tagged with item 1.7, one credit for both.
    await form.getByLabel("Chọn ảnh hoặc logo").setInputFiles([
      { name: "mot-cua.jpg", mimeType: "image/jpeg", buffer: await phonePhoto({ from: counterScene() }) },
      { name: "hoi-thi.jpg", mimeType: "image/jpeg", buffer: await phonePhoto({ from: contestScene() }) },
    ]);
    await expect.poll(() => form.getByTestId("files-chosen").textContent()).toBe("Đã chọn 2 tệp.");
    await form.getByLabel("Gắn với nội dung tuyên truyền").selectOption("cchc-2026:1.7");
    await form.getByLabel(/Tác giả\/nguồn/).fill("Trung tâm Dịch vụ sự nghiệp công");
    await form.getByRole("button", { name: "Tải lên" }).click();
    const outcome = page.getByTestId("upload-outcome");
    await outcome.getByText("Đã lưu 2/2 tệp vào thư viện.").waitFor();
    const counterHref = await outcome
      .locator("li", { hasText: "mot-cua.jpg" })
      .getByRole("link", { name: /đặt điểm chính/ })
      .getAttribute("href");
    const id = counterHref!.replace("/media/", "");

    // The logo, as a logo: the form was folded and emptied after the first upload.
    await page.locator("details.media-upload-card > summary").click();
    expect(await form.getByLabel(/Tác giả\/nguồn/).inputValue()).toBe("");
    await form
      .getByLabel("Chọn ảnh hoặc logo")
      .setInputFiles({ name: "logo-xa.svg", mimeType: "image/svg+xml", buffer: LOGO });
    await form.getByLabel(/Logo, biểu trưng/).check();
    await form.getByLabel(/Chú thích/).fill("Biểu trưng xã Lạc Phượng");
    await form.getByRole("button", { name: "Tải lên" }).click();
    await outcome.getByText("Đã thêm logo “logo-xa.svg”.").waitFor();
    expect(await page.getByTestId("media-grid").locator("li").count()).toBe(3);

    // The counter photo: a caption, then a tap on the official's face (right third, upper half).
    await page.goto(`/media/${id}`);
    await page.getByLabel("Chú thích", { exact: true }).fill("Cán bộ tiêu biểu tại bộ phận một cửa");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Đã lưu chú thích và nội dung gắn với ảnh.").waitFor();
    const tap = page.locator('input[type="image"][name="tap"]');
    const box = (await tap.boundingBox())!;
    expect(Math.round(box.width)).toBe(320);
    // The face is at (1245, 380) of 1800 × 1200; the tap is a plain form post (a page load).
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes(`/media/${id}`)),
      tap.click({ position: { x: (1245 / 1800) * box.width, y: (380 / 1200) * box.height } }),
    ]);
    await page.getByText("Đã đặt điểm chính của ảnh.").waitFor();
    const row = dbRow<{ focus_x: number; focus_y: number; focus_source: string }>(
      app.server,
      "SELECT focus_x, focus_y, focus_source FROM media WHERE id = ?",
      id,
    );
    expect(row.focus_source).toBe("manual");
    expect(row.focus_x).toBeCloseTo(1245 / 1800, 1);
    expect(row.focus_y).toBeCloseTo(380 / 1200, 1);
    expect(await page.getByTestId("focus-words").textContent()).toContain("do người đặt");
    // The crosshair sits where the tap was, and the tall crop keeps the face in view.
    const cross = (await page.getByTestId("focus-crosshair").boundingBox())!;
    const tapBox = (await tap.boundingBox())!;
    expect(Math.abs(cross.x + cross.width / 2 - tapBox.x - (1245 / 1800) * tapBox.width)).toBeLessThan(4);
    const tall = page.getByTestId("crop-tall");
    const frame = (await tall.locator(".media-crop-frame").boundingBox())!;
    const dot = (await tall.locator(".media-crop-dot").boundingBox())!;
    expect(dot.x >= frame.x && dot.x + dot.width <= frame.x + frame.width + 1).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "media-focus", true, true);

    // The library as it now stands: every thumbnail loaded from the thumbnail route.
    await page.goto("/media");
    await page.getByTestId("media-grid").waitFor();
    await expect
      .poll(() =>
        page.$$eval(".media-grid img", (imgs) =>
          imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
        ),
      )
      .toBe(true);
    expect(await page.getByTestId("media-grid").textContent()).toContain(
      "Cán bộ tiêu biểu tại bộ phận một cửa",
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "media-library", true, true);
    expect(jsErrors(page)).toEqual([]);
  });
});
