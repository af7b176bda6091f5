import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REMINDER_KIND } from "../../jobs/notifier/wording";
import { enqueueDueReminders } from "../../jobs/reminders/scan";
import { getAsset } from "../../storage/assets";
import { type DbHandle, openDatabase } from "../../storage/db/connection";
import { renderPreview } from "../../templates/render/index.server";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { vnDate } from "../../domain/working-days";
import { fakeFiles, USERS } from "../support/db";
import { jsErrors, launch, signedIn } from "./browser";
import { shot as pageShot } from "./asset-page-helpers";
import { startServer, type TestServer } from "./server";

// Issue 12 §2 and §4 in the browser: an asset past its "cần hoàn thành trước" date is marked
// "Quá hạn" in the queue and counted on the dashboard; an asset that has waited too long at the
// office brings the office a reminder (inbox + header count) through the running server's
// notifier; approving several at once asks once, showing the office's note for each.

/** Three days ago in Vietnam: past, whatever the machine's date. */
const PAST_DUE = vnDate(new Date(Date.now() - 3 * 86_400_000));
const OFFICE_NOTE = "Đã rà soát chính tả và khổ in, đề nghị lãnh đạo phê duyệt.";

let server: TestServer;
let browser: Browser;
const made: Record<string, { assetId: string; code: string }> = {};

const shot = (page: Page, name: string) => pageShot(page, name, false, true);

function withServerDb<T>(fn: (handle: DbHandle) => T): T {
  const handle = openDatabase(path.join(server.dataDir, "co-dong.sqlite"));
  try {
    return fn(handle);
  } finally {
    handle.close();
  }
}

/** An asset with a real PNG proof (so its thumbnail shows), taken through `steps` in the server's database. */
async function seedAsset(
  label: string,
  o: { item: string; text: string; dueOn: string | null; steps: ("SUBMIT" | "FORWARD")[]; note?: string },
) {
  const png = await renderPreview(
    "co-dong-truyen-thong",
    "bang-ron-1x7",
    { text: o.text },
    { maxPx: 900, as: "png" },
  );
  made[label] = withServerDb((handle) => {
    const a = createAsset(handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: o.item,
      templateId: "co-dong-truyen-thong",
      formatId: "bang-ron-1x7",
      text: o.text,
      dueOn: o.dueOn,
      files: { ...fakeFiles(label), png: new Uint8Array(png.image) },
    });
    for (const type of o.steps)
      applyAssetEvent(handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: {
          type,
          actor: { userId: type === "SUBMIT" ? USERS.drafter : USERS.office },
          ...(type === "FORWARD" && o.note ? { comment: o.note } : {}),
        },
      });
    return { assetId: a.assetId, code: a.code };
  });
}

const stateOf = (label: string) => withServerDb((h) => getAsset(h, made[label].assetId)!.state);

beforeAll(async () => {
  server = await startServer({ NOTIFIER_INTERVAL_MS: "300" });
  browser = await launch();
  await seedAsset("late", {
    item: "cchc-2026:1.12",
    text: "Chủ động thực thi, phát huy động lực",
    dueOn: PAST_DUE,
    steps: ["SUBMIT"],
  });
  await seedAsset("fresh", {
    item: "cchc-2026:1.3",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch",
    dueOn: "2099-12-31",
    steps: ["SUBMIT"],
  });
  await seedAsset("noted", {
    item: "cchc-2026:1.12",
    text: "Cải cách hành chính vì nhân dân phục vụ",
    dueOn: null,
    steps: ["SUBMIT", "FORWARD"],
    note: OFFICE_NOTE,
  });
  await seedAsset("plain", {
    item: "cchc-2026:1.3",
    text: "Tăng trưởng bứt phá",
    dueOn: null,
    steps: ["SUBMIT", "FORWARD"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("deadlines and waiting time in the browser", () => {
  it("the office queue marks the overdue asset 'Quá hạn', shows waiting time, format and thumbnail", async () => {
    const { context, page } = await signedIn(browser, server.url, "vanhoa");
    await page.goto("/review");
    const late = page.locator(`li.queue-item[data-asset="${made.late.code}"]`);
    const fresh = page.locator(`li.queue-item[data-asset="${made.fresh.code}"]`);
    await late.waitFor();
    expect(await late.getAttribute("class")).toContain("is-overdue");
    expect(await late.getByTestId("overdue").textContent()).toBe("Quá hạn");
    expect(await late.getByTestId("due").textContent()).toContain(
      `Cần hoàn thành trước ${PAST_DUE.split("-").reverse().join("/")}`,
    );
    expect(await late.getByTestId("waiting").textContent()).toMatch(
      /Mới chuyển đến hôm nay|Đã chờ \d+ ngày làm việc/,
    );
    expect(await late.locator(".format-label").textContent()).toBe("Băng rôn 1 × 7 m");
    expect(await fresh.getByTestId("overdue").count()).toBe(0);
    expect(await fresh.getAttribute("class")).not.toContain("is-overdue");
    // The thumbnail is a real picture, not a broken link.
    await expect
      .poll(() =>
        late.locator("img.thumb").evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)),
      )
      .toBeGreaterThan(0);
    // Oldest wait first: seeded in this order.
    const codes = await page
      .locator("li.queue-item")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-asset")));
    expect(codes).toEqual([made.late.code, made.fresh.code]);
    await shot(page, "review-queue");
    expect(jsErrors(page)).toEqual([]);
    await context.close();

    const phone = await signedIn(browser, server.url, "vanhoa", { phone: true });
    await phone.page.goto("/review");
    await phone.page.locator(`li.queue-item[data-asset="${made.late.code}"] [data-testid=overdue]`).waitFor();
    // Nothing wider than the phone's screen.
    const overflow = await phone.page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(phone.page, "review-queue-phone");
    await phone.context.close();
  });

  it("the dashboard counts overdue assets per content item, red and linked to the asset list", async () => {
    const { context, page } = await signedIn(browser, server.url, "soanthao");
    const cell = page.getByTestId("overdue-1.12");
    await cell.waitFor();
    const link = cell.locator("a");
    expect(await link.textContent()).toBe("1");
    expect(await link.getAttribute("class")).toContain("hot");
    expect(await link.getAttribute("href")).toBe(
      `/assets?contentItemId=${encodeURIComponent("cchc-2026:1.12")}&overdue=1`,
    );
    const other = page.getByTestId("overdue-1.3").locator("a");
    expect(await other.textContent()).toBe("0");
    expect(await other.getAttribute("class")).not.toContain("hot");
    await pageShot(page, "dashboard", true);
    await context.close();
  });

  it("approving several at once asks once, listing each with the office's note, then reports each", async () => {
    const { context, page } = await signedIn(browser, server.url, "phochutich");
    await page.goto("/review");
    for (const l of ["noted", "plain"]) await page.getByLabel(`Chọn ${made[l].code}`).check();
    await page.getByRole("button", { name: "Phê duyệt các ấn phẩm đã chọn" }).click();
    const confirm = page.getByTestId("bulk-confirm");
    await confirm.waitFor();
    const noted = confirm.locator(`li[data-asset="${made.noted.code}"]`);
    expect(await noted.textContent()).toContain("Cải cách hành chính vì nhân dân phục vụ");
    expect(await noted.getByTestId("handoff-note").textContent()).toContain(OFFICE_NOTE);
    expect(await confirm.locator(`li[data-asset="${made.plain.code}"]`).textContent()).toContain(
      "không ghi ý kiến",
    );
    expect(await confirm.locator("img.thumb").count()).toBe(2);
    // Asked, not applied.
    expect([stateOf("noted"), stateOf("plain")]).toEqual(["awaiting_approval", "awaiting_approval"]);
    await shot(page, "review-bulk-confirm");
    await confirm.getByRole("button", { name: "Xác nhận phê duyệt 2 ấn phẩm" }).click();
    const results = page.getByTestId("bulk-results");
    await results.waitFor();
    expect(await results.textContent()).toContain(made.noted.code);
    expect(await results.locator("li.ok").count()).toBe(2);
    expect([stateOf("noted"), stateOf("plain")]).toEqual(["approved", "approved"]);
    await context.close();
  });

  it("an asset waiting too long at the office brings the office a reminder: header count and inbox", async () => {
    const { context, page } = await signedIn(browser, server.url, "vanhoa");
    const unread = async () => {
      const badge = page.getByTestId("unread-count");
      return (await badge.count()) ? Number(await badge.textContent()) : 0;
    };
    const before = await unread();
    // Nobody can wait days in a test: scan as if it were two weeks from now (well past 2 working days).
    const later = new Date(Date.now() + 14 * 86_400_000);
    const added = withServerDb((h) => {
      const n = enqueueDueReminders(h, later);
      // The scan stamps its jobs with the moment it was told; the server's notifier must see them now.
      h.conn
        .prepare("UPDATE outbox SET available_at = ? WHERE dedupe_key LIKE 'remind:%' AND status = 'pending'")
        .run(new Date().toISOString());
      return n;
    });
    expect(added).toBe(2); // late and fresh, both at the office
    let after = before;
    for (let i = 0; i < 80 && after < before + 2; i++) {
      await page.waitForTimeout(250);
      await page.reload();
      after = await unread();
    }
    expect(after).toBe(before + 2);
    const rows = withServerDb(
      (h) =>
        h.conn
          .prepare("SELECT count(*) AS n FROM notifications WHERE user_id = ? AND kind = ?")
          .get(USERS.office, REMINDER_KIND) as { n: number },
    );
    expect(rows.n).toBe(2);
    await page.goto("/inbox");
    const main = page.locator("main");
    await expect.poll(() => main.textContent()).toContain("Nhắc việc");
    expect(await main.textContent()).toContain(made.late.code);
    await context.close();
  });
});
