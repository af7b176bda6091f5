import { createHash } from "node:crypto";
import path from "node:path";
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { vnDate } from "../../domain/working-days";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { pageSizeMm } from "../../templates/render/pdf";
import { pdfText } from "../documents/pdf-tools";
import { docxParts } from "../support/docx";
import { phonePhoto } from "../support/installation-fixtures";
import { dbRow, shot } from "./asset-page-helpers";
import { jsErrors, PHONE, signedIn } from "./browser";
import { appUnderTest } from "./suite";
import {
  allPublished,
  bulkDecide,
  downloadBy,
  draftInEditor,
  pdfPageSize,
  sheetRows,
  type WalkAsset,
} from "./walk-helpers";

// Issue 13 "done when", walked through the pages in one go: two banners made, forwarded and
// approved → the office orders both with places from the demo register → the print shop downloads
// the road banner's true-size and 1:10 files and marks both lines printed and delivered → the
// office records the road banner hung, with a phone photo whose EXIF GPS the server drops → the
// report, downloaded as XLSX and DOCX and read back, counts all of it; the approval minute and the
// order sheet are PDFs naming the asset.

const app = appUnderTest();
const ITEM = "cchc-2026:1.12";
const ROAD_FORMAT = "Băng rôn 1,2 × 10 m";
const GATE_FORMAT = "Băng rôn 1 × 7 m";
const ROAD_1 = { id: "demo-placement-road-1", name: "[Mẫu] Trục đường chính — đoạn 1" };
const ROAD_2 = { id: "demo-placement-road-2", name: "[Mẫu] Trục đường chính — đoạn 2" };
const OFFICE_1 = { id: "demo-placement-office-1", name: "[Mẫu] Trụ sở cơ quan, đơn vị 1" };
const VILLAGE_1 = { id: "demo-placement-village-1", name: "[Mẫu] Nhà văn hóa thôn 1" };
/** Copies per line and per place; the report must count exactly these. */
const ROAD_QTY = { total: 2, places: [ROAD_1, ROAD_2].map((p) => ({ ...p, qty: 1 })) };
const GATE_QTY = {
  total: 3,
  places: [
    { ...OFFICE_1, qty: 2 },
    { ...VILLAGE_1, qty: 1 },
  ],
};
const ORDERED = ROAD_QTY.total + GATE_QTY.total;
const HAI_PHONG = { lat: 20.8527, lng: 106.6201 };

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const viDate = (d: Date) => vnDate(d).split("-").reverse().join("/");

/** Five minutes ago on a Vietnamese phone's clock, as EXIF writes it and as the server keeps it. */
function takenJustNow(): { exif: string; iso: string } {
  const iso = new Date(Date.now() - 5 * 60_000 + 7 * 3600_000).toISOString().slice(0, 19);
  return { exif: iso.replace("T", " ").replace(/-/g, ":"), iso };
}

let road: WalkAsset;
let gate: WalkAsset;
let order = { id: "", code: "" };
/** The day the office recorded the road banner hung (ISO date). */
let installedOn = "";

/** The order's lines as the office enters them: each asset with its copies and places. */
const orderLines = () =>
  [
    [road, ROAD_QTY],
    [gate, GATE_QTY],
  ] as const;

/** Each step starts where the one before ended: say so plainly rather than fail on an empty locator. */
function needs(step: string, done: boolean): void {
  if (!done) throw new Error(`the step before (${step}) did not finish`);
}

describe("issue 13 walk: ordered, printed, delivered, hung with a photo, reported", () => {
  it("the drafter makes a 1,2 × 10 m and a 1 × 7 m banner; office and approver pass both; they are published", async () => {
    const made = await draftInEditor(app, ITEM, [ROAD_FORMAT]);
    expect(made.map((m) => m.format).sort()).toEqual([GATE_FORMAT, ROAD_FORMAT].sort());
    road = made.find((m) => m.format === ROAD_FORMAT)!;
    gate = made.find((m) => m.format === GATE_FORMAT)!;
    for (const a of made) expect(a.code).toMatch(/^CCHC-2026-1\.12-\d{4}$/);
    await bulkDecide(app, "vanhoa", "FORWARD", made);
    await bulkDecide(app, "phochutich", "APPROVE", made);
    await allPublished(app, made);
    // Both banners are over 5,08 m: each has its 1:10 file beside the true-size one.
    for (const a of made)
      expect(
        dbRow<{ kinds: string }>(
          app.server,
          `SELECT group_concat(kind, ',') AS kinds FROM (SELECT p.kind FROM published_objects p
             JOIN assets a ON a.current_version_id = p.version_id
             WHERE a.id = ? AND p.kind IN ('pdf','pdf_scaled') ORDER BY p.kind)`,
          a.id,
        ).kinds,
      ).toBe("pdf,pdf_scaled");
  });

  it("the office orders both with places from the demo register, a delivery date and the print shop", async () => {
    needs("two published banners", Boolean(road && gate));
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa");
    await page.goto("/orders");
    await page.getByRole("link", { name: "Tạo đơn đặt in" }).click();
    await page.waitForURL(/\/orders\/new$/);
    for (const [a, q] of orderLines()) {
      const card = page.locator(`[data-asset="${a.code}"]`);
      await card.getByLabel(`Chọn ${a.code}`).check();
      await card.getByLabel(`Số lượng ${a.code}`).fill(String(q.total));
      for (const p of q.places) {
        await card.getByRole("checkbox", { name: p.name }).check();
        await card.getByLabel(`Số bản tại ${p.name} (${a.code})`).fill(String(p.qty));
      }
    }
    await page.getByRole("combobox", { name: /^Đơn vị in/ }).selectOption("don-vi-in");
    const deliverBy = viDate(new Date(Date.now() + 7 * 86_400_000));
    await page.getByLabel("Cần giao trước ngày (ngày/tháng/năm)").fill(deliverBy);
    await page.getByRole("button", { name: "Tạo đơn đặt in" }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}\?created=1$/);
    const status = page.getByRole("status");
    await status.waitFor();
    order = {
      id: new URL(page.url()).pathname.split("/")[2],
      code: /DI-\d{4}-\d{3}/.exec((await status.textContent()) ?? "")?.[0] ?? "",
    };
    expect(order.code).toMatch(/^DI-\d{4}-\d{3}$/);
    expect(await page.locator(".order-line").count()).toBe(2);
    const head = (await page.locator(".order-head").textContent()) ?? "";
    expect(head).toContain(deliverBy);
    expect(head).toContain(`2 ấn phẩm, ${ORDERED} bản`);
    for (const [a, q] of orderLines()) {
      // Each place with its copies, shown as demo data.
      const places = page.locator(`[data-line="${a.code}"] .line-places li`);
      expect(await places.allTextContents()).toEqual(
        q.places.map((p) => `${p.name} Dữ liệu mẫu — ${p.qty} bản`),
      );
    }
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });

  it("the print shop downloads the true-size and 1:10 files, marks both lines printed and delivered; the office hears of it", async () => {
    needs("the order", order.code !== "");
    const { context, page } = await signedIn(app.browser, app.server.url, "inan");
    await page.getByRole("link", { name: "Đơn đặt in" }).click();
    // The print library (the printer's landing page) also links the order from each of its cards:
    // every such link leads to the same order.
    await page.getByRole("link", { name: order.code }).first().click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const roadLine = page.locator(`[data-line="${road.code}"]`);
    const trueSize = await downloadBy(
      page,
      roadLine.getByRole("button", { name: "Tải file in (PDF, đúng kích thước)" }),
    );
    const scaled = await downloadBy(
      page,
      roadLine.getByRole("button", { name: "Tải file in tỉ lệ 1:10 (PDF)" }),
    );
    expect(trueSize.name).toBe(`${road.code}-v1-bang-ron-1.2x10.pdf`);
    expect(scaled.name).toBe(`${road.code}-v1-bang-ron-1.2x10_ti-le-1-10.pdf`);

    // The bytes are those published for the approved version.
    const published = (kind: string) =>
      dbRow<{ sha256: string }>(
        app.server,
        `SELECT p.sha256 FROM published_objects p JOIN assets a ON a.current_version_id = p.version_id
         WHERE a.id = ? AND p.kind = ?`,
        road.id,
        kind,
      ).sha256;
    expect(sha256(trueSize.bytes)).toBe(published("pdf"));
    expect(sha256(scaled.bytes)).toBe(published("pdf_scaled"));

    // The true-size page needs /UserUnit (poppler misreads it); the 1:10 page is a tenth of it
    // in pdfinfo's own reading, with no /UserUnit.
    const format = getFormat("bang-ron-1.2x10");
    if (!isPrintFormat(format)) throw new Error("the road banner is a print format");
    const page1 = pageSizeMm(format);
    const big = await pdfPageSize(trueSize.bytes);
    expect(big.userUnit).toBeGreaterThan(1);
    expect(Math.abs(big.trueMm.w - page1.widthMm)).toBeLessThan(1);
    expect(Math.abs(big.trueMm.h - page1.heightMm)).toBeLessThan(1);
    expect(big.pdfinfoMm.w).toBeLessThan(page1.widthMm / 1.5);
    const small = await pdfPageSize(scaled.bytes);
    expect(small.userUnit).toBeUndefined();
    expect(Math.abs(small.pdfinfoMm.w - big.trueMm.w / 10)).toBeLessThan(1);
    expect(Math.abs(small.pdfinfoMm.h - big.trueMm.h / 10)).toBeLessThan(1);
    expect(
      dbRow<{ kinds: string }>(
        app.server,
        `SELECT group_concat(file_kind, ',') AS kinds FROM (SELECT file_kind FROM downloads
           WHERE asset_id = ? AND user_id = 'user-inan' ORDER BY file_kind)`,
        road.id,
      ).kinds,
    ).toBe("pdf,pdf_scaled");

    expect(await page.locator(".order-line button[data-download]").count()).toBe(4);
    await shot(page, "walk-order-printer", true, true);

    for (const status of ["printed", "delivered"] as const) {
      const word = status === "printed" ? "đã in" : "đã giao";
      for (const a of [road, gate]) {
        const line = page.locator(`[data-line="${a.code}"]`);
        await line.getByRole("button", { name: `Xác nhận ${word}` }).click();
        await page.getByText(new RegExp(`Đã xác nhận ${word} dòng \\d \\(${a.code}\\)`)).waitFor();
        // The message comes with the action's answer; the line's new status with the reload after it.
        await line.locator(`.badge.line-${status}`).waitFor();
      }
    }
    expect(
      dbRow<{ n: number; qty: number }>(
        app.server,
        `SELECT count(*) AS n, sum(l.quantity) AS qty FROM print_order_lines l
         WHERE l.order_id = ? AND l.printed_on IS NOT NULL AND l.delivered_on IS NOT NULL`,
        order.id,
      ),
    ).toEqual({ n: 2, qty: ORDERED });
    expect(jsErrors(page)).toEqual([]);
    await context.close();

    // Each confirmation reaches the office through the notifier.
    await expect
      .poll(
        () =>
          dbRow<{ n: number }>(
            app.server,
            "SELECT count(*) AS n FROM notifications WHERE user_id = 'user-vanhoa' AND kind IN ('PRINTED','DELIVERED')",
          ).n,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(4);
  });

  it("the office records the road banner hung on a phone with a camera photo; the stored file has no EXIF GPS", async () => {
    needs("the order", order.code !== "");
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa", { phone: true });
    await page.goto("/orders");
    await page.getByRole("link", { name: order.code }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await page
      .locator(`[data-line="${road.code}"]`)
      .getByRole("link", { name: "Nghiệm thu treo/đặt" })
      .click();
    await page.waitForURL(/\/lines\//);
    const place = page.locator(`[data-placement="${ROAD_1.id}"]`);
    await place.getByText("Chưa treo/đặt").waitFor();
    const taken = takenJustNow();
    await place.locator('input[type=file][capture="environment"]').setInputFiles({
      name: "IMG_0001.jpg",
      mimeType: "image/jpeg",
      buffer: await phonePhoto({ gps: HAI_PHONG, takenAt: taken.exif }),
    });
    await expect.poll(() => place.getByTestId("photos-chosen").textContent()).toContain("Đã chọn 1 ảnh.");
    expect(await place.getByLabel("Giữ vị trí GPS của ảnh").isChecked()).toBe(false);
    await place.getByRole("button", { name: "Đã treo/đặt" }).click();
    await place.getByText("Đã ghi nhận treo/đặt với 1 ảnh.").waitFor();
    expect(await page.getByTestId("installed-count").textContent()).toBe("1/2 vị trí");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(jsErrors(page)).toEqual([]);
    await context.close();

    const row = dbRow<{
      object_key: string;
      lat: number | null;
      lng: number | null;
      captured_at: string;
      installed_on: string;
    }>(
      app.server,
      `SELECT p.object_key, p.lat, p.lng, p.captured_at, i.installed_on FROM installation_photos p
         JOIN installations i ON i.id = p.installation_id WHERE i.placement_id = ? AND i.asset_id = ?`,
      ROAD_1.id,
      road.id,
    );
    expect([row.lat, row.lng, row.captured_at]).toEqual([null, null, taken.iso]);
    installedOn = row.installed_on;
    const stored = await new FolderObjectStore({ root: path.join(app.server.dataDir, "objects") }).get(
      row.object_key,
    );
    const meta = await sharp(stored).metadata();
    expect([meta.format, meta.exif]).toEqual(["jpeg", undefined]);
    // Nothing of the camera's EXIF survives in the bytes, not even its serial number.
    expect(stored.includes("SN-SECRET-12345")).toBe(false);
  });

  it("the report, read back from its XLSX and DOCX, counts the copies, the place and the photo; minute and order sheet name the asset", async () => {
    needs("the order", order.code !== "");
    const { context, page } = await signedIn(app.browser, app.server.url, "vanhoa");
    await page.goto("/report");
    const totals = page.getByTestId("report-totals");
    await totals.waitFor();
    const totalsText = ((await totals.textContent()) ?? "").replace(/\s+/g, " ");
    for (const part of [`${ORDERED} bản đã in`, `${ORDERED} bản đã giao`, "1 vị trí đã treo/đặt (1 ảnh)"])
      expect(totalsText).toContain(part);
    const hung = page.getByTestId("report-installations").locator("tbody tr");
    expect(await hung.allTextContents()).toEqual([expect.stringContaining(road.code)]);
    // The photo itself, not just its count: the row shows it, loaded from /photos/:id.
    const photo = hung.first().locator("img");
    await expect
      .poll(() => photo.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0)))
      .toBeGreaterThan(0);
    await shot(page, "walk-report", true, true);

    const xlsx = await downloadBy(page, page.getByRole("link", { name: "Tải XLSX" }));
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Thông tin",
      "Theo nội dung",
      "Theo nhiệm vụ",
      "Bài đã đăng",
      "Treo đặt",
      "Quá hạn",
    ]);
    const item = sheetRows(wb.getWorksheet("Theo nội dung")!).find((r) => r.Mục === "1.12");
    expect(item).toMatchObject({
      "Đã phát hành (tổng)": 2,
      "Số bản đã in": ORDERED,
      "Số bản đã giao": ORDERED,
      "Vị trí đã treo/đặt": 1,
      "Ảnh nghiệm thu": 1,
    });
    expect(sheetRows(wb.getWorksheet("Treo đặt")!)).toEqual([
      expect.objectContaining({
        STT: 1,
        "Mã ấn phẩm": road.code,
        "Vị trí": ROAD_1.name,
        "Số ảnh nghiệm thu": 1,
      }),
      expect.objectContaining({ STT: "Tổng cộng", "Số ảnh nghiệm thu": 1 }),
    ]);
    // …and the photo floats over the installation's row, reduced from the stored JPEG (1200 × 900).
    const images = wb.getWorksheet("Treo đặt")!.getImages();
    expect(images.map((i) => Math.floor(i.range.tl.nativeRow))).toEqual([1]);
    const sheetPhoto = Buffer.from(wb.getImage(Number(images[0]!.imageId)).buffer as unknown as Buffer);
    const sheetMeta = await sharp(sheetPhoto).metadata();
    expect([sheetMeta.format, sheetMeta.width, sheetMeta.height]).toEqual(["jpeg", 480, 360]);

    const docx = await downloadBy(page, page.getByRole("link", { name: "Tải DOCX" }));
    expect(docx.name).toMatch(/\.docx$/);
    const { text, tables } = docxParts(docx.bytes);
    const media = Object.entries(unzipSync(new Uint8Array(docx.bytes))).filter(([k]) =>
      k.startsWith("word/media/"),
    );
    expect(media).toHaveLength(1);
    const docMeta = await sharp(Buffer.from(media[0]![1])).metadata();
    expect([docMeta.format, docMeta.width, docMeta.height]).toEqual(["jpeg", 480, 360]);
    expect(text).toContain(`${road.code} — ${ROAD_1.name}, treo/đặt ngày`);
    expect(text).toContain(
      `Đơn vị in đã in ${ORDERED} bản, đã giao ${ORDERED} bản; đã treo/đặt tại 1 vị trí, có 1 ảnh nghiệm thu`,
    );
    const rows = tables.flat();
    // The body's table per content item: "in/giao" copies and "places (photos)".
    expect(rows.find((r) => r[0] === "1.12" && r.length === 8)?.slice(5, 7)).toEqual([
      `${ORDERED}/${ORDERED}`,
      "1 (1 ảnh)",
    ]);
    // The appendix lists the hung banner by its code, at its place, with its one photo.
    expect(rows.find((r) => r[1] === road.code)).toEqual([
      "1",
      road.code,
      "1.12",
      `${ROAD_1.name}\nĐoạn mẫu từ điểm A đến điểm B`,
      "Trục đường chính",
      installedOn.split("-").reverse().join("/"),
      "",
      "1",
    ]);
    expect(jsErrors(page)).toEqual([]);

    await page.goto(`/asset/${encodeURIComponent(road.id)}`);
    const minute = await downloadBy(page, page.getByTestId("minute-link"));
    expect(minute.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfText(minute.bytes)).toContain(road.code);

    await page.goto(`/orders/${order.id}`);
    const sheet = await downloadBy(page, page.getByTestId("order-sheet"));
    expect(sheet.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const sheetText = pdfText(sheet.bytes);
    for (const code of [order.code, road.code, gate.code]) expect(sheetText).toContain(code);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  });
});
