import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEFAULT_BRAND } from "../../templates/brand";
import { dbRow, shot } from "./asset-page-helpers";
import { jsErrors, signedIn } from "./browser";
import { appUnderTest } from "./suite";

// Issue 14 §4 on a phone: the design cards with their pictures, a palette variant chosen, a slogan
// typed with `*…*`, and the live preview drawing both; then the choice is kept with the asset.

const app = appUnderTest();
const ITEM = "cchc-2026:1.12";
const SLOGAN = "Xây dựng *chính quyền số*, phục vụ Nhân dân";
const NAVY = DEFAULT_BRAND.palette.navy.rgb;
const STAR_YELLOW = DEFAULT_BRAND.palette.accent.rgb;

/**
 * Runs `step` and returns the SVG /api/preview draws for the query it led to (`wanted` says which:
 * an earlier request may still be answering), once the preview shows a new picture. Neither the
 * page's blob: URL nor the answer's body can be read from the test, so the query is asked again.
 */
async function previewChanges(
  page: Page,
  step: () => Promise<unknown>,
  wanted: (q: URLSearchParams) => boolean = () => true,
): Promise<string> {
  const before = await page.getByTestId("preview").getAttribute("src");
  const answer = page.waitForResponse((r) => {
    const url = new URL(r.url());
    return url.pathname === "/api/preview" && r.ok() && wanted(url.searchParams);
  });
  await step();
  // The page read the body into its blob; the same query asked again gives the same drawing.
  const svg = await (await page.request.get((await answer).url())).text();
  await page.waitForFunction(
    (b) => document.querySelector("[data-testid=preview]")?.getAttribute("src") !== b,
    before,
  );
  return svg;
}

describe("the editor's designer controls on a phone", () => {
  it("chooses a variant, emphasises words and sees the preview follow", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao", { phone: true });
    await page.goto(`/editor?item=${encodeURIComponent(ITEM)}&template=co-dong-truyen-thong`);

    // Design cards: a picture each, the chosen one checked, every target at least 44 px.
    const designs = page.getByRole("group", { name: "Mẫu thiết kế" });
    const traditional = designs.getByRole("radio", { name: "Cổ động truyền thống" });
    expect(await traditional.isChecked()).toBe(true);
    const thumb = designs.locator("img.tpl-thumb").first();
    await thumb.scrollIntoViewIfNeeded();
    await expect
      .poll(() => thumb.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);
    for (const card of await page.locator(".pick-card, .dc-choice").all()) {
      const box = await card.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    }

    // A format whose preview reads on a phone, instead of the 7 m banner.
    const formats = page.getByRole("group", { name: /Khổ, kích thước/ });
    await formats.getByRole("checkbox", { name: /Ảnh chia sẻ Facebook\/Zalo/ }).check();
    await formats.getByRole("checkbox", { name: /Băng rôn 1 × 7 m/ }).uncheck();
    await page.getByTestId("preview").waitFor();

    // Only what this design offers: palettes and fonts, no alignment.
    const controls = page.getByTestId("design-controls");
    expect(await controls.getByRole("group", { name: "Căn lề khẩu hiệu" }).count()).toBe(0);
    const palettes = controls.getByRole("group", { name: "Phối màu" });
    expect(await palettes.getByRole("radio").count()).toBe(2);
    const navy = await previewChanges(
      page,
      () => palettes.getByRole("radio", { name: "Xanh – trắng" }).check(),
      (q) => q.get("palette") === "xanh-trang",
    );
    expect(navy).toContain(`fill="${NAVY}"`);

    // Emphasis typed into the slogan is drawn in the variant's emphasis colour, markers gone.
    const text = page.getByLabel("Nội dung chữ trên ấn phẩm");
    const marked = await previewChanges(
      page,
      () => text.fill(SLOGAN),
      (q) => q.get("text") === SLOGAN,
    );
    expect(marked).toContain(`fill="${STAR_YELLOW}"`);
    expect(marked).toContain(`fill="${NAVY}"`);
    // Runs of one line are one line to preflight (joinRunBoxes): no error for the emphasis.
    await page.locator(".preflight li").first().waitFor();
    expect(await page.locator(".preflight .pf-error").allTextContents()).toEqual([]);

    // Keyboard: the arrows move through the font choices as in any radio group.
    const fonts = controls.getByRole("group", { name: "Phông chữ khẩu hiệu" });
    await fonts.getByRole("radio").first().focus();
    await previewChanges(
      page,
      () => page.keyboard.press("ArrowDown"),
      (q) => q.get("font") === "oswald",
    );
    expect(await fonts.getByRole("radio", { name: /Oswald/ }).isChecked()).toBe(true);

    // An unbalanced marker is refused with where it stands, before anything is made.
    await text.fill("Xây dựng *chính quyền số");
    await expect.poll(() => page.locator(".preview-pane .error").textContent()).toContain("vị trí 10");
    await text.fill(SLOGAN);
    await expect.poll(() => page.locator(".preview-pane .error").count()).toBe(0);
    await page.getByTestId("preview").scrollIntoViewIfNeeded();
    await shot(page, "editor-controls", true);

    // The choice is kept with what is made.
    await Promise.all([
      page.waitForURL(/\/asset\//),
      page.getByRole("button", { name: "Lưu bản nháp" }).click(),
    ]);
    const row = dbRow<{ text: string; options_json: string }>(
      app.server,
      "SELECT v.text, v.options_json FROM assets a JOIN asset_versions v ON v.id = a.current_version_id ORDER BY a.created_at DESC LIMIT 1",
    );
    expect(row.text).toBe(SLOGAN);
    expect(JSON.parse(row.options_json)).toMatchObject({ palette: "xanh-trang", font: "oswald" });
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the pickers on a wide screen: design pictures, format proportions, alignment where offered", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "soanthao");
    await page.goto(`/editor?item=${encodeURIComponent(ITEM)}&template=chinh-quyen-so`);
    const controls = page.getByTestId("design-controls");
    const align = controls.getByRole("group", { name: "Căn lề khẩu hiệu" });
    expect(await align.getByRole("radio").count()).toBe(3);
    await page.getByTestId("preview").waitFor();
    await previewChanges(
      page,
      () => align.getByRole("radio", { name: "Căn giữa" }).check(),
      (q) => q.get("align") === "center",
    );
    // Every design card's picture has loaded.
    const thumbs = page.locator("img.tpl-thumb");
    await expect
      .poll(() =>
        thumbs.evaluateAll((imgs) =>
          imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
        ),
      )
      .toBe(true);
    // Banners are drawn long and low, flags tall and narrow.
    const box = async (name: RegExp) =>
      (await page.getByRole("checkbox", { name }).locator("xpath=..").locator(".fmt-box").boundingBox())!;
    const banner = await box(/Băng rôn 1 × 7 m/);
    expect(banner.width / banner.height).toBeGreaterThan(5);
    await page.goto("/editor?template=co-dong-truyen-thong");
    const flag = await box(/Cờ phướn 0,6 × 2 m/);
    expect(flag.height / flag.width).toBeGreaterThan(2.5);
    await shot(page, "editor-pickers", true);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
