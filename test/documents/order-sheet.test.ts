import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { renderOrderSheetPdf } from "../../templates/documents/order-sheet";
import type { OrderSheetData } from "../../templates/documents/order-sheet-data";
import { designPng, pdfFonts, pdfInfo, pdfText, saveFirstPage } from "./pdf-tools";

// Issue 13 §2: the order / spec sheet a print shop receives, read back by poppler as a viewer or a
// RIP would: real Vietnamese text (NFC), every code and hash, the 1:10 note, fonts embedded, A4.

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

async function sheet(): Promise<OrderSheetData> {
  return {
    code: "DI-2026-007",
    createdAt: "2026-03-05T02:30:00Z",
    deliverBy: "2026-03-20",
    issuer: "ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG",
    orderedBy: {
      name: "Trần Minh Đức",
      title: "Công chức Phòng Văn hóa - Xã hội",
      unit: "Phòng Văn hóa - Xã hội",
    },
    printer: { name: "Cơ sở in Hồng Hà (dữ liệu thử)" },
    note: "Giao tại Phòng Văn hóa - Xã hội.",
    verifyBaseUrl: "https://codong.lacphuong.example/verify",
    lines: [
      {
        n: 1,
        assetCode: "CCHC-2026-1.12-0003",
        verifyCode: "7KQ2M9XD",
        title: "Dịch vụ công trực tuyến",
        slogan: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
        formatLabel: "Băng rôn 1,2 × 10 m",
        trimWidthMm: 10000,
        trimHeightMm: 1200,
        bleedMm: 10,
        hemMm: 40,
        safeMarginMm: 88,
        finishing: "Viền may 40 mm, khoen ô-dê cách 50 cm",
        material: "Bạt hiflex 440 g/m²",
        quantity: 4,
        placements: [
          { name: "Trục đường thử nghiệm số 1", kindLabel: "Trục đường chính", quantity: 3 },
          { name: "Nhà văn hóa thôn thử nghiệm", kindLabel: "Nhà văn hóa thôn", quantity: 1 },
        ],
        files: [
          {
            kind: "pdf",
            fileName: "CCHC-2026-1.12-0003-v1-bang-ron-1.2x10.pdf",
            sha256: sha("true size"),
            sizeBytes: 1_834_123,
            scaleDenominator: 1,
          },
          {
            kind: "pdf_scaled",
            fileName: "CCHC-2026-1.12-0003-v1-bang-ron-1.2x10-ti-le-1-10.pdf",
            sha256: sha("one to ten"),
            sizeBytes: 934_123,
            scaleDenominator: 10,
          },
        ],
        thumbnailPng: await designPng(
          "co-dong-truyen-thong",
          "bang-ron-1.2x10",
          "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
        ),
        blocked: false,
      },
      {
        n: 2,
        assetCode: "CCHC-2026-1.3-0002",
        verifyCode: "Q4W8E2RT",
        title: "Áp phích chủ đề năm",
        slogan: "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
        formatLabel: "Áp phích A2",
        trimWidthMm: 420,
        trimHeightMm: 594,
        bleedMm: 3,
        hemMm: 0,
        safeMarginMm: 10,
        finishing: "",
        material: "Giấy couché 150 g/m²",
        quantity: 20,
        placements: [],
        files: [
          {
            kind: "pdf",
            fileName: "CCHC-2026-1.3-0002-v2-ap-phich-a2.pdf",
            sha256: sha("poster"),
            sizeBytes: 734_000,
            scaleDenominator: 1,
          },
        ],
        thumbnailPng: await designPng(
          "ap-phich-trang-trong",
          "a2",
          "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
        ),
        blocked: true,
      },
    ],
  };
}

let pdf: Uint8Array;
/** pdftotext's output with every run of white space as one space: lines wrap where the layout says. */
let text: string;
beforeAll(async () => {
  pdf = await renderOrderSheetPdf(await sheet());
  text = pdfText(pdf).replace(/\s+/g, " ");
  saveFirstPage(pdf, "order-sheet");
});

describe("the order sheet", () => {
  it("is A4 portrait, every page, with its title in the metadata", () => {
    const info = pdfInfo(pdf);
    expect(info["Page size"]).toBe("595.28 x 841.89 pts (A4)");
    expect(Number(info.Pages)).toBeGreaterThanOrEqual(1);
    expect(info.Title).toBe("Phiếu đặt in DI-2026-007");
  });

  it("carries real Vietnamese text, NFC, with the Decree 30 header and the title", () => {
    expect(text).toBe(text.normalize("NFC"));
    for (const s of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Độc lập - Tự do - Hạnh phúc",
      "ỦY BAN NHÂN DÂN XÃ LẠC PHƯỢNG",
      "PHÒNG VĂN HÓA - XÃ HỘI",
      "Số: DI-2026-007",
      "Lạc Phượng, ngày 05 tháng 3 năm 2026",
      "PHIẾU ĐẶT IN ẤN PHẨM TUYÊN TRUYỀN",
      "Cơ sở in Hồng Hà (dữ liệu thử)",
      "20/03/2026",
      "NGƯỜI LẬP PHIẾU",
      "ĐƠN VỊ IN NHẬN",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("lists per line the codes, sizes, finishing, material, quantity, places and each file's full SHA-256", () => {
    for (const s of [
      "CCHC-2026-1.12-0003",
      "7KQ2M9XD",
      "https://codong.lacphuong.example/verify/7KQ2M9XD",
      "10000 × 1200 mm (10 × 1,2 m)",
      "10 mm mỗi cạnh",
      "Viền may 40 mm, khoen ô-dê cách 50 cm",
      "Bạt hiflex 440 g/m²",
      "4 bản",
      "Trục đường thử nghiệm số 1 · Trục đường chính · 3 bản",
      "CCHC-2026-1.12-0003-v1-bang-ron-1.2x10.pdf",
      "CCHC-2026-1.12-0003-v1-bang-ron-1.2x10-ti-le-1-10.pdf",
      `SHA-256: ${sha("true size")}`,
      `SHA-256: ${sha("one to ten")}`,
      "PDF in tỉ lệ 1:10 — in phóng 1000 %",
      "CCHC-2026-1.3-0002",
      "Q4W8E2RT",
      "420 × 594 mm (0,42 × 0,594 m)",
      `SHA-256: ${sha("poster")}`,
    ]) {
      expect(text).toContain(s);
    }
  });

  it("marks the revoked line as blocked and leaves its copies out of the count", () => {
    expect(text).toContain("TẠM DỪNG — ấn phẩm đã bị thu hồi, không in");
    expect(text).toContain("20 bản — tạm dừng, không in");
    expect(text).toContain("2 dòng, 4 bản cần in; 1 dòng tạm dừng (không in)");
  });

  it("says which file goes to which kind of RIP, and which lines have a 1:10 file", () => {
    expect(text).toContain("CHỌN FILE THEO LOẠI RIP");
    expect(text).toContain("/UserUnit");
    expect(text).toContain("đặt tỉ lệ in 1000 % (phóng 10 lần)");
    expect(text).toContain("TrimBox × 10 (file 1:10)");
    expect(text).toContain("Dòng có thêm file tỉ lệ 1:10: 1.");
  });

  it("embeds its fonts (Noto Serif, Roboto Condensed for hashes), none left to the viewer", () => {
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(fonts.map((f) => f.name).join(" ")).toMatch(/NotoSerif-Regular/);
    expect(fonts.map((f) => f.name).join(" ")).toMatch(/RobotoCondensed/);
    expect(fonts.every((f) => f.type === "CID TrueType")).toBe(true);
  });

  it("without a long format says every file is true size", async () => {
    const data = await sheet();
    data.lines = [data.lines[1]];
    const only = pdfText(await renderOrderSheetPdf(data)).replace(/\s+/g, " ");
    expect(only).toContain("Phiếu này không có khổ nào dài quá 5,08 m");
    expect(only).not.toContain("Dòng có thêm file tỉ lệ 1:10");
  });

  it("flows a long order onto more pages, the line heading repeated with its block", async () => {
    const data = await sheet();
    data.lines = Array.from({ length: 6 }, (_, i) => ({ ...data.lines[0], n: i + 1 }));
    const long = await renderOrderSheetPdf(data);
    const pages = Number(pdfInfo(long).Pages);
    expect(pages).toBeGreaterThan(2);
    const all = pdfText(long).replace(/\s+/g, " ");
    expect(all).toContain(`Phiếu đặt in DI-2026-007 — trang ${pages}/${pages}`);
    for (let i = 1; i <= 6; i++) expect(all).toContain(`Dòng ${i}. CCHC-2026-1.12-0003`);
  });
});
