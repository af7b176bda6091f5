/** The plan report's XLSX and DOCX (issue 13 §5), parsed back: sheets, numbers, dates, Decree 30 page and fonts. */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import sharp from "sharp";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FolderObjectStore } from "../../storage/objects/index.server";
import { loadInstallationPhotos, planReport } from "../../storage/report";
import type { PlanReport } from "../../templates/documents/report-data";
import { planReportDocx, REPORT_TEXT_WIDTH_MM } from "../../templates/documents/report-docx";
import { planReportXlsx } from "../../templates/documents/report-xlsx";
import { seededDb, type TempDb } from "../support/db";
import { docxParts } from "../support/docx";
import { buildReportScenario, REPORT_NOW, type ReportScenario } from "../support/report-scenario";

let t: TempDb;
let s: ReportScenario;
let report: PlanReport;
let march: PlanReport;
beforeAll(async () => {
  t = await seededDb();
  s = buildReportScenario(t.handle);
  report = planReport(t.handle, { planId: "cchc-2026", now: REPORT_NOW });
  march = planReport(t.handle, {
    planId: "cchc-2026",
    from: "2026-03-01",
    to: "2026-03-31",
    now: REPORT_NOW,
  });
});
afterAll(() => t.cleanup());

async function workbook(r: PlanReport): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; Node's Buffer is what it reads.
  await wb.xlsx.load((await planReportXlsx(r)) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Row `n` (1-based) of a sheet as plain values: formulas give their result, links their text. */
function values(ws: ExcelJS.Worksheet, n: number): unknown[] {
  const out: unknown[] = [];
  ws.getRow(n).eachCell({ includeEmpty: true }, (cell, col) => {
    const v = cell.value as unknown;
    // exceljs's reader drops a formula's cached result when it is 0 (the file does carry <v>0</v>,
    // checked against the sheet's XML below).
    out[col - 1] =
      v && typeof v === "object" && "formula" in v
        ? ((v as { result?: unknown }).result ?? 0)
        : v && typeof v === "object" && "hyperlink" in v
          ? (v as unknown as { text: unknown }).text
          : v;
  });
  return out;
}

function rowOf(ws: ExcelJS.Worksheet, first: unknown): number {
  for (let n = 1; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(1).value === first) return n;
  throw new Error(`no row starting with ${String(first)} in ${ws.name}`);
}

describe("planReportXlsx", () => {
  it("has one sheet per section, each with a frozen Vietnamese header row and set column widths", async () => {
    const wb = await workbook(report);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Thông tin",
      "Theo nội dung",
      "Theo nhiệm vụ",
      "Bài đã đăng",
      "Treo đặt",
      "Quá hạn",
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getRow(1).font?.bold ?? ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.getColumn(2).width).toBeGreaterThan(10);
    }
    const items = wb.getWorksheet("Theo nội dung")!;
    expect(values(items, 1).slice(0, 8)).toEqual([
      "Mục",
      "Nội dung tuyên truyền",
      "Chỉ tiêu băng rôn",
      "Chỉ tiêu áp phích",
      "Chỉ tiêu bài đăng",
      "Đã tạo (băng rôn)",
      "Đã phê duyệt (băng rôn)",
      "Đã phát hành (băng rôn)",
    ]);
    expect(values(items, 1).slice(-9)).toEqual([
      "Đã tạo (tổng)",
      "Đã phê duyệt (tổng)",
      "Đã phát hành (tổng)",
      "Số bản đã in",
      "Số bản đã giao",
      "Vị trí đã treo/đặt",
      "Ảnh nghiệm thu",
      "Bài đã đăng",
      "Quá hạn",
    ]);
  });

  it("writes every count of a row and a totals row of SUM formulas with their values", async () => {
    const items = (await workbook(report)).getWorksheet("Theo nội dung")!;
    // Targets 3/2/4; banner 1/1/1, poster 0/0/0, social 1/1/1; totals 2/2/2; 5 printed, 5 delivered,
    // 2 places, 3 photos, 3 posts, 0 overdue.
    expect(values(items, rowOf(items, "1.12"))).toEqual([
      "1.12",
      "Dịch vụ công, thanh toán trực tuyến; đường dây nóng",
      3,
      2,
      4,
      1,
      1,
      1,
      0,
      0,
      0,
      1,
      1,
      1,
      2,
      2,
      2,
      5,
      5,
      2,
      3,
      3,
      0,
    ]);
    const totalsRow = rowOf(items, "Tổng cộng");
    expect(totalsRow).toBe(report.perItem.length + 2);
    expect(values(items, totalsRow)).toEqual([
      "Tổng cộng",
      null,
      4,
      2,
      4,
      1,
      1,
      1,
      1,
      0,
      0,
      2,
      1,
      1,
      4,
      2,
      2,
      7,
      5,
      2,
      3,
      3,
      1,
    ]);
    expect(items.getRow(totalsRow).getCell(3).value).toMatchObject({ formula: `SUM(C2:C${totalsRow - 1})` });
    const sheetXml = strFromU8(unzipSync(await planReportXlsx(report))["xl/worksheets/sheet2.xml"]);
    expect(sheetXml).toMatch(
      new RegExp(`<c r="J${totalsRow}"[^>]*><f>SUM\\(J2:J${totalsRow - 1}\\)</f><v>0</v></c>`),
    );
    const tasks = (await workbook(report)).getWorksheet("Theo nhiệm vụ")!;
    const t2 = values(tasks, rowOf(tasks, 2));
    expect(t2.slice(0, 4)).toEqual([
      2,
      expect.stringContaining("Tuyên truyền"),
      "Trung tâm Dịch vụ sự nghiệp công",
      "Năm 2026",
    ]);
    expect(t2[4]).toEqual(new Date("2026-12-31T00:00:00Z"));
    expect(t2.slice(-9)).toEqual([3, 2, 2, 5, 5, 2, 3, 3, 1]);
  });

  it("lists posts, installations and overdue designs with real dates and links", async () => {
    const wb = await workbook(march);
    const posts = wb.getWorksheet("Bài đã đăng")!;
    expect(posts.rowCount).toBe(3);
    expect(values(posts, 2)).toEqual([
      1,
      s.codes.social,
      "Ấn phẩm mang-xa-hoi",
      "1.12",
      "Fanpage",
      "https://www.facebook.com/laphuong/posts/1",
      new Date("2026-03-06T00:00:00Z"),
    ]);
    expect(posts.getRow(2).getCell(7).numFmt).toBe("dd/mm/yyyy");
    expect(posts.getRow(2).getCell(6).value).toMatchObject({
      hyperlink: "https://www.facebook.com/laphuong/posts/1",
    });
    const hung = wb.getWorksheet("Treo đặt")!;
    expect(values(hung, 2).slice(4)).toEqual([
      "Nhà văn hóa thôn mẫu",
      "Nhà văn hóa thôn",
      "Đường trục xã (dữ liệu mẫu)",
      new Date("2026-02-26T00:00:00Z"),
      new Date("2026-03-15T00:00:00Z"),
      1,
      null,
    ]);
    expect(values(hung, 3)[8]).toBeNull();
    expect(values(hung, 4)).toEqual(["Tổng cộng", null, null, null, null, null, null, null, null, 3, null]);
    const late = wb.getWorksheet("Quá hạn")!;
    expect(values(late, 2)).toEqual([
      1,
      s.codes.poster,
      "Ấn phẩm ap-phich",
      "1.3",
      2,
      "Đang thẩm định",
      new Date("2026-03-10T00:00:00Z"),
      41,
    ]);
    const info = wb.getWorksheet("Thông tin")!;
    expect(values(info, rowOf(info, "Kỳ báo cáo"))[1]).toBe("từ 01/03/2026 đến 31/03/2026");
    expect(values(info, rowOf(info, "Từ ngày"))[1]).toEqual(new Date("2026-03-01T00:00:00Z"));
    // 20/04/2026 12:00 in Vietnam, as the wall clock there reads.
    expect(values(info, rowOf(info, "Lập lúc"))[1]).toEqual(new Date("2026-04-20T12:00:00Z"));
  });

  it("every text is NFC with its marks, in Times New Roman", async () => {
    const wb = await workbook(report);
    let texts = 0;
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.font?.name).toBe("Times New Roman");
          if (typeof cell.value === "string") {
            texts++;
            expect(cell.value).toBe(cell.value.normalize("NFC"));
          }
        }),
      );
    expect(texts).toBeGreaterThan(100);
    expect(values(wb.getWorksheet("Theo nội dung")!, 1)[1]).toBe("Nội dung tuyên truyền".normalize("NFC"));
  });
});

describe("planReportDocx", () => {
  it("is A4 with Decree 30 margins, Times New Roman 14 pt, and an appendix in landscape", async () => {
    const { sections, defaults } = docxParts(await planReportDocx(report));
    expect(sections).toHaveLength(2);
    const [portrait, landscape] = sections;
    expect(portrait.pageMm).toEqual({ width: 210, height: 297, orient: "portrait" });
    expect(portrait.marginMm.top).toBeGreaterThanOrEqual(20);
    expect(portrait.marginMm.top).toBeLessThanOrEqual(25);
    expect(portrait.marginMm.bottom).toBeGreaterThanOrEqual(20);
    expect(portrait.marginMm.bottom).toBeLessThanOrEqual(25);
    expect(portrait.marginMm.left).toBeGreaterThanOrEqual(30);
    expect(portrait.marginMm.left).toBeLessThanOrEqual(35);
    expect(portrait.marginMm.right).toBeGreaterThanOrEqual(15);
    expect(portrait.marginMm.right).toBeLessThanOrEqual(20);
    expect(landscape.pageMm).toEqual({ width: 297, height: 210, orient: "landscape" });
    expect(defaults.font).toBe("Times New Roman");
    expect(defaults.sizePt).toBeGreaterThanOrEqual(13);
    expect(defaults.sizePt).toBeLessThanOrEqual(14);
    // No other typeface anywhere in the body.
    expect(portrait.fonts.concat(landscape.fonts).filter((f) => f !== "Times New Roman")).toEqual([]);
    // Every table fits its page's text width.
    for (const sec of sections)
      for (const w of sec.tableWidthsMm) expect(w).toBeLessThanOrEqual(sec.textWidthMm + 0.5);
    expect(portrait.textWidthMm).toBeCloseTo(REPORT_TEXT_WIDTH_MM.portrait, 0);
    expect(landscape.textWidthMm).toBeCloseTo(REPORT_TEXT_WIDTH_MM.landscape, 0);
  });

  it("carries the header, title, sections, counts, Nơi nhận and signer, all NFC", async () => {
    const { text, tables } = docxParts(await planReportDocx(report));
    expect(text).toBe(text.normalize("NFC"));
    for (const line of [
      "UBND XÃ LẠC PHƯỢNG",
      "PHÒNG VĂN HÓA - XÃ HỘI",
      "Số:        /BC-VHXH",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "Lạc Phượng, ngày      tháng      năm 2026",
      "BÁO CÁO",
      "Kết quả thực hiện Kế hoạch tuyên truyền cải cách hành chính nhà nước xã Lạc Phượng năm 2026",
      "(Kỳ báo cáo: từ đầu kế hoạch đến nay)",
      "I. KẾT QUẢ THỰC HIỆN",
      "II. TỒN TẠI, HẠN CHẾ",
      "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
      "Nơi nhận:",
      "- Lưu: VT, VHXH.",
      "TRƯỞNG PHÒNG",
      "PHỤ LỤC",
    ])
      expect(text.split("\n"), line).toContain(line);
    expect(text).toContain(
      "Đã tạo 4 ấn phẩm (1 băng rôn, cờ phướn, pano; 1 áp phích; 2 ảnh màn hình, mạng xã hội); lãnh đạo đã phê duyệt 2 ấn phẩm",
    );
    expect(text).toContain(
      "Đơn vị in đã in 7 bản, đã giao 5 bản; đã treo/đặt tại 2 vị trí, có 3 ảnh nghiệm thu",
    );
    expect(text).toContain(
      "Đã đăng 3 bài trên Fanpage (1), Cổng TTĐT (1), Zalo OA (1) (chi tiết tại Phụ lục kèm theo).",
    );
    expect(text).toContain("Còn 1 ấn phẩm quá hạn hoàn thành");
    // Body table by content item: published/target per kind, posts/target, printed/delivered, places (photos), overdue.
    const byItem = tables[1];
    expect(byItem[0]).toEqual([
      "Mục",
      "Nội dung tuyên truyền",
      "Băng rôn đã phát hành",
      "Áp phích đã phát hành",
      "Bài đã đăng",
      "Bản in/ giao",
      "Vị trí treo/ đặt",
      "Quá hạn",
    ]);
    expect(byItem.find((r) => r[0] === "1.12")).toEqual([
      "1.12",
      "Dịch vụ công, thanh toán trực tuyến; đường dây nóng",
      "1/3",
      "0/2",
      "3/4",
      "5/5",
      "2 (3 ảnh)",
      "0",
    ]);
    expect(byItem.find((r) => r[0] === "1.3")).toEqual([
      "1.3",
      "Sắp xếp bộ máy, chính quyền địa phương hai cấp",
      "0/1",
      "0",
      "0",
      "2/0",
      "0",
      "1",
    ]);
    expect(byItem.at(-1)).toEqual(["", "Tổng cộng", "1/4", "0/2", "3/4", "7/5", "2 (3 ảnh)", "1"]);
    const byTask = tables[2];
    expect(byTask[2][0]).toBe("2");
    expect(byTask[2][4]).toContain(
      "Kết quả: Đã tạo 3, đã phê duyệt 2, đã phát hành 2 ấn phẩm; in 5 bản, giao 5 bản, treo/đặt tại 2 vị trí (3 ảnh nghiệm thu); đăng 3 bài; 1 ấn phẩm quá hạn.",
    );
    // Appendix: full counts, the posts with their addresses, the installations, the overdue poster.
    expect(tables[4].find((r) => r[0] === "1.12")).toEqual([
      "1.12",
      "Dịch vụ công, thanh toán trực tuyến; đường dây nóng",
      ..."3 2 4 2 2 2 5 5 2 3 3 0".split(" "),
    ]);
    expect(tables[5].map((r) => r[4])).toEqual([
      "Địa chỉ bài đăng",
      "https://www.facebook.com/laphuong/posts/1",
      "https://lacphuong.haiphong.gov.vn/tin-tuc/dich-vu-cong",
      "https://zalo.me/laphuong/post/3",
    ]);
    expect(tables[6][2]).toEqual([
      "2",
      s.codes.banner,
      "1.12",
      "Trục đường mẫu số 1\nĐường trục xã (dữ liệu mẫu)",
      "Trục đường chính",
      "01/03/2026",
      "",
      "2",
    ]);
    expect(tables[7][1]).toEqual([
      "1",
      s.codes.poster,
      "Ấn phẩm ap-phich",
      "1.3",
      "2",
      "Đang thẩm định",
      "10/03/2026",
    ]);
  });

  it("a period with nothing to list says so instead of an empty table", async () => {
    const empty = planReport(t.handle, {
      planId: "cchc-2026",
      from: "2026-04-10",
      to: "2026-04-19",
      now: REPORT_NOW,
    });
    const { text, tables } = docxParts(await planReportDocx(empty));
    expect(text).toContain("(Kỳ báo cáo: từ 10/04/2026 đến 19/04/2026)");
    expect(text.split("\n").filter((l) => l === "Không có trong kỳ báo cáo.")).toHaveLength(2);
    // header, signature, two body tables, the appendix's counts, and the overdue list (a fact of today).
    expect(tables).toHaveLength(6);
    expect(unzipSync(await planReportDocx(empty))["word/document.xml"]).toBeDefined();
  });
});

describe("installation photos in the files", () => {
  /** A small JPEG of one colour: enough to tell which photo landed where. */
  const jpeg = (r: number) =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g: 40, b: 40 } } })
      .jpeg()
      .toBuffer();

  it("loadInstallationPhotos reads each first photo by its key, checks its SHA-256, and leaves out what it cannot use", async () => {
    const dir = mkdtempSync(join(tmpdir(), "report-photos-"));
    try {
      const store = new FolderObjectStore({ root: dir });
      await store.ensureBucket();
      const shown = report.installations.filter((i) => i.photoId);
      expect(shown.length).toBeGreaterThanOrEqual(2);
      const good = await jpeg(200);
      const row = (id: string) =>
        t.handle.conn.prepare("SELECT object_key FROM installation_photos WHERE id = ?").get(id) as {
          object_key: string;
        };
      // The first photo's recorded hash is replaced by the real one; the second is stored with the wrong bytes.
      t.handle.conn
        .prepare("UPDATE installation_photos SET sha256 = ? WHERE id = ?")
        .run(createHash("sha256").update(good).digest("hex"), shown[0]!.photoId);
      await store.put(row(shown[0]!.photoId!).object_key, good, { contentType: "image/jpeg", metadata: {} });
      await store.put(row(shown[1]!.photoId!).object_key, await jpeg(10), {
        contentType: "image/jpeg",
        metadata: {},
      });
      const { photos, missing } = await loadInstallationPhotos(t.handle, store, report);
      expect([...photos.keys()]).toEqual([shown[0]!.photoId]);
      expect(missing).toBe(shown.length - 1);
      const meta = await sharp(Buffer.from(photos.get(shown[0]!.photoId!)!.jpeg)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 64, 48]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the XLSX floats the photo over its installation's row and the DOCX shows it with its caption", async () => {
    const inst = report.installations.find((i) => i.photoId)!;
    const bytes = new Uint8Array(await jpeg(120));
    const photos = new Map([[inst.photoId!, { jpeg: bytes, widthPx: 64, heightPx: 48 }]]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planReportXlsx(report, photos)) as unknown as ExcelJS.Buffer);
    const hung = wb.getWorksheet("Treo đặt")!;
    const images = hung.getImages();
    expect(images).toHaveLength(1);
    const row = report.installations.indexOf(inst) + 1; // 0-based sheet row under the header
    expect(Math.floor(images[0]!.range.tl.nativeRow)).toBe(row);
    expect(Math.floor(images[0]!.range.tl.nativeCol)).toBe(10);
    expect(hung.getRow(1).getCell(11).value).toBe("Ảnh");
    const media = wb.getImage(Number(images[0]!.imageId));
    expect(Buffer.compare(Buffer.from(media.buffer as unknown as Buffer), Buffer.from(bytes))).toBe(0);

    const zip = unzipSync(new Uint8Array(await planReportDocx(report, photos)));
    const jpegs = Object.keys(zip).filter((k) => k.startsWith("word/media/"));
    expect(jpegs).toHaveLength(1);
    expect(Buffer.compare(Buffer.from(zip[jpegs[0]!]!), Buffer.from(bytes))).toBe(0);
    const xml = strFromU8(zip["word/document.xml"]!);
    expect(xml).toContain(`${inst.assetCode} — ${inst.placeName}, treo/đặt ngày`);
    // Without photos, no image at all.
    const bare = unzipSync(new Uint8Array(await planReportDocx(report)));
    expect(Object.keys(bare).filter((k) => k.startsWith("word/media/"))).toEqual([]);
  });
});
