import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import type { TestServer } from "./server";

// Shared by the return-loop and phone-approval tests: reading the server's database, screenshots,
// and the asset page's decision bar driven as a person would.

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === "1"
    ? path.resolve(import.meta.dirname, "../../docs/screenshots")
    : path.join(os.tmpdir(), "co-dong-e2e-shots");

/** One row of `sql` from the test server's SQLite file, read-only. */
export function dbRow<T>(server: TestServer, sql: string, ...args: unknown[]): T {
  const db = new Database(path.join(server.dataDir, "co-dong.sqlite"), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

/**
 * docs/screenshots/<name>.png with UPDATE_SCREENSHOTS=1, else a temporary folder. `fromTop`
 * scrolls to the top first (the README's pictures start at the header).
 */
export async function shot(page: Page, name: string, fullPage = false, fromTop = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  if (fromTop) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

/**
 * Takes `decision` on the open asset page through its bar: the reason picker when `reason` is
 * given, then the one confirmation, which must name the decision and `code`. Waits for `done`.
 */
export async function decide(
  page: Page,
  o: { decision: string; code: string; label: string; done: RegExp; reason?: { code: string; text: string } },
): Promise<void> {
  const bar = page.getByTestId("decision-bar");
  await bar.locator(`[data-decision=${o.decision}]`).click();
  if (o.reason) {
    await bar.getByLabel("Lý do").selectOption(o.reason.code);
    await bar.getByLabel(/Ghi rõ nội dung/).fill(o.reason.text);
    await bar.getByRole("button", { name: "Tiếp tục" }).click();
  }
  const confirm = bar.getByTestId("confirm-decision");
  await confirm.waitFor();
  const asked = (await confirm.textContent()) ?? "";
  if (!asked.includes(o.label) || !asked.includes(o.code)) throw new Error(`confirmation says "${asked}"`);
  await bar.getByRole("button", { name: `Xác nhận: ${o.label}` }).click();
  await page.getByText(o.done).first().waitFor();
}

/** The asset id and code of the asset page now open. */
export async function openAsset(page: Page): Promise<{ id: string; code: string }> {
  await page.locator(".asset-head").waitFor();
  const id = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
  const code = ((await page.locator(".asset-head h1").textContent()) ?? "").split(":")[0].trim();
  return { id, code };
}
