import { describe, expect, it } from "vitest";
import { parseStoredPreflight, toStoredPreflight } from "../../storage/assets/preflight";
import { fitPhotoInput } from "../../templates/photo/fit.server";
import { renderAssetFiles } from "../../templates/render/index.server";
import { withTestPhoto } from "../support/photo-designs-input";
import { makeTinyPhoto } from "../support/photo-fixture";

// A version keeps its photo's effective resolution with its preflight (decision 037): what the
// print file embeds, at the printed size, and what the format needs.
const SLUG = { assetCode: "CCHC-2026-1.7-0001", date: "30/11/2026" };

describe("the photo facts a version keeps", () => {
  it("survive storing and reading back, with the numbers the render measured", async () => {
    const input = await withTestPhoto("photo-honour", "a2", { text: "Tận tụy phục vụ người dân" });
    const files = await renderAssetFiles("photo-honour", "a2", input, SLUG);
    const measured = files.preflight.photo;
    expect(measured?.effectivePpi).toBeGreaterThan(0);
    const stored = parseStoredPreflight(JSON.stringify(toStoredPreflight(files.preflight)));
    expect(stored?.photo?.effectivePpi).toBe(measured?.effectivePpi);
    expect(stored?.photo?.requiredPpi).toBe(150);
    expect(stored?.photo?.cropWidthPx).toBe(measured?.crop.width);
    expect(stored?.photo?.printedMm?.width).toBeCloseTo(measured?.printedMm?.width ?? -1, 6);
  });

  it("keep a too-small photo's low ppi beside the LOW_RESOLUTION error", async () => {
    const input = await fitPhotoInput("photo-honour", "a2", {
      text: "Tận tụy phục vụ người dân",
      photo: { bytes: new Uint8Array(await makeTinyPhoto()) },
    });
    const files = await renderAssetFiles("photo-honour", "a2", input, SLUG);
    const stored = toStoredPreflight(files.preflight);
    expect(stored.ok).toBe(false);
    expect(stored.errors.map((e) => e.code)).toContain("LOW_RESOLUTION");
    expect(stored.photo?.effectivePpi).toBeLessThan(stored.photo?.requiredPpi ?? 0);
  });
});
