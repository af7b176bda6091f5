// The brand kit in the browser (issue 14 §1): the admin changes the issuer line and the flag red
// on /admin/brand on a phone, the form keeps the colour picker and the hex field in step, the saved
// kit's sample is drawn, and the drafter's next editor preview is exactly what the engine draws
// with the new kit (not with the old one).
import type { Page, Request as PwRequest } from "playwright-core";
import { describe, expect, it } from "vitest";
import { renderParamsSchema, toRenderInput } from "../../app/lib/render-input.server";
import { type Brand, DEFAULT_BRAND } from "../../templates/brand";
import { renderPreview } from "../../templates/render/index.server";
import { dbRow, shot } from "./asset-page-helpers";
import { jsErrors, signedIn } from "./browser";
import { appUnderTest } from "./suite";

const app = appUnderTest();

const NEW_ISSUER = "Ủy ban nhân dân xã Kiến Thụy";
const NEW_RED = "#b5121b";
const NEW_BRAND: Brand = {
  ...DEFAULT_BRAND,
  issuerLines: [NEW_ISSUER],
  palette: { ...DEFAULT_BRAND.palette, primary: { ...DEFAULT_BRAND.palette.primary, rgb: NEW_RED } },
};

/** The fields of a preview request as the editor sent it (a GET query or a form POST). */
function previewFields(req: PwRequest): URLSearchParams {
  return req.method() === "POST"
    ? new URLSearchParams(req.postData() ?? "")
    : new URL(req.url()).searchParams;
}

/** Every sample image on the page has loaded and painted. */
async function samplesPainted(page: Page): Promise<boolean> {
  return page
    .locator(".brand-sample img")
    .evaluateAll((imgs) => imgs.length > 0 && imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0));
}

describe("brand kit", () => {
  it("the admin changes the issuer and the red on a phone; the sample is drawn with the saved kit", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "quantri", { phone: true });
    await page.goto("/admin/brand");
    expect(await page.textContent("h1")).toBe("Bộ nhận diện");
    // A refused save says why on the field itself, and keeps what was typed.
    const portal = page.getByLabel("Cổng thông tin điện tử");
    await portal.fill("http://lacphuong.gov.vn");
    await page.getByRole("button", { name: "Lưu bộ nhận diện" }).click();
    await page.getByRole("alert").filter({ hasText: "Chưa lưu" }).waitFor();
    expect(await portal.getAttribute("aria-invalid")).toBe("true");
    const why = await page.locator(`#${await portal.getAttribute("aria-describedby")}`).textContent();
    expect(why).toContain("phải là một địa chỉ https://");
    expect(await portal.inputValue()).toBe("http://lacphuong.gov.vn");
    await portal.scrollIntoViewIfNeeded();
    await shot(page, "admin-brand-error");
    await portal.fill("https://lacphuong.gov.vn");

    await page.getByLabel("Tên cơ quan ban hành").fill(NEW_ISSUER);
    const red = page.locator("fieldset[data-slot=primary]");
    await red.getByLabel("Mã màu").fill(NEW_RED);
    // The picker follows the typed hex.
    expect(await red.locator("input[type=color]").inputValue()).toBe(NEW_RED);
    await page.getByRole("button", { name: "Lưu bộ nhận diện" }).click();
    await page.getByRole("status").filter({ hasText: "Đã lưu bộ nhận diện" }).waitFor();

    const kit = JSON.parse(
      dbRow<{ value_json: string }>(app.server, "SELECT value_json FROM settings WHERE key = 'brand_kit'")
        .value_json,
    );
    expect(kit.issuerLines).toEqual([NEW_ISSUER]);
    expect(kit.palette.primary.rgb).toBe(NEW_RED);
    // The form shows the stored values after the save.
    expect(await page.getByLabel("Tên cơ quan ban hành").inputValue()).toBe(NEW_ISSUER);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "admin-brand", false, true);

    await red.scrollIntoViewIfNeeded();
    await shot(page, "admin-brand-palette");
    await page.locator(".brand-sample").scrollIntoViewIfNeeded();
    await expect.poll(() => samplesPainted(page), { timeout: 20_000 }).toBe(true);
    await shot(page, "admin-brand-sample");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the drafter's editor preview is drawn with the new issuer and red", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
    // Every preview the editor asks for passes through here on its way to the page: its fields
    // and the SVG the server answered.
    const seen: { fields: URLSearchParams; svg: string }[] = [];
    await page.route("**/api/preview**", async (route) => {
      const response = await route.fetch();
      seen.push({ fields: previewFields(route.request()), svg: await response.text() });
      await route.fulfill({ response });
    });
    await page.goto("/editor?item=cchc-2026%3A1.12");
    const preview = page.getByTestId("preview");
    await preview.waitFor();
    await expect
      .poll(() => preview.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
    const last = seen[seen.length - 1];
    const shown = last.svg;
    const fields = renderParamsSchema.parse(Object.fromEntries(last.fields));
    const input = toRenderInput(fields);
    const withNew = await renderPreview(
      fields.template,
      fields.format,
      { ...input, brand: NEW_BRAND },
      { as: "svg" },
    );
    const withOld = await renderPreview(fields.template, fields.format, input, { as: "svg" });
    expect(shown).toBe(withNew.image.toString("utf8"));
    expect(shown).not.toBe(withOld.image.toString("utf8"));
    const issuer = withNew.texts.find((t) => t.label === "Dòng cơ quan");
    expect(issuer?.text).toBe(NEW_ISSUER.toLocaleUpperCase("vi-VN"));
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the admin uploads a logo with the form; it is kept in the library and chosen", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "quantri", { phone: true });
    await page.goto("/admin/brand");
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><circle cx="50" cy="50" r="46" fill="#a50f15"/><path d="M50 18l9 28h29l-23 17 9 28-24-17-24 17 9-28-23-17h29z" fill="#ffe34d"/></svg>';
    await page.getByLabel("Hoặc tải logo mới").setInputFiles({
      name: "quoc-huy.svg",
      mimeType: "image/svg+xml",
      buffer: Buffer.from(svg),
    });
    await page.getByRole("button", { name: "Lưu bộ nhận diện" }).click();
    await page.getByRole("status").filter({ hasText: "Đã lưu bộ nhận diện" }).waitFor();
    const row = dbRow<{ id: string; kind: string }>(
      app.server,
      "SELECT id, kind FROM media WHERE id = json_extract((SELECT value_json FROM settings WHERE key = 'brand_kit'), '$.logoMediaId')",
    );
    expect(row.kind).toBe("logo");
    const chosen = page.locator(`input[name=logo][value="${row.id}"]`);
    expect(await chosen.isChecked()).toBe(true);
    const thumb = page.locator(".brand-logo img").first();
    await expect.poll(() => thumb.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
    await page.locator(".brand-logos").scrollIntoViewIfNeeded();
    await shot(page, "admin-brand-logo");
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
