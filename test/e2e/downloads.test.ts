import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { approvedAssetInDbFile } from "../support/approved-asset";
import { jsErrors, signedIn } from "./browser";
import { shot } from "./asset-page-helpers";
import { appUnderTest } from "./suite";

// Decision 081 in the browser: "Tải tất cả" on a content item saves a ZIP whose manifest names
// each file's SHA-256; the admin's per-person account controls fit a phone.

const ITEM = "cchc-2026:1.12";

const app = appUnderTest();

describe("downloads in the browser", () => {
  it("the office saves the item's ZIP; its manifest matches the files", async () => {
    const created = approvedAssetInDbFile(path.join(app.server.dataDir, "co-dong.sqlite"), "e2e-zip");
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa", { phone: true });
    await page.goto(`/items/${encodeURIComponent(ITEM)}`);
    await shot(page, "item-downloads", true);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-all").click(),
    ]);
    expect(download.suggestedFilename()).toBe("an-pham-da-duyet-muc-1.12.zip");
    const zip = unzipSync(new Uint8Array(readFileSync((await download.path()) ?? "")));
    const manifest = JSON.parse(new TextDecoder().decode(zip["manifest.json"])) as {
      files: { code: string; fileName: string; sha256: string }[];
    };
    expect(manifest.files.map((f) => f.code)).toEqual([created.code]);
    const f = manifest.files[0];
    expect(createHash("sha256").update(zip[f.fileName]).digest("hex")).toBe(f.sha256);
    expect(f.fileName.endsWith(".pdf")).toBe(true);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the admin users page with its account controls does not overflow a phone", async () => {
    const { context, page } = await signedIn(app.browser, app.server.url, "quantri", { phone: true });
    await page.goto("/admin/users");
    await page.locator("details.user-admin summary").first().click();
    await shot(page, "admin-users-phone", true);
    const body = await page.evaluate(() => document.body.scrollWidth);
    expect(body).toBeLessThanOrEqual(390);
    await context.close();
  });
});
