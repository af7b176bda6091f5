import { type PDFImage, rgb } from "pdf-lib";
import { A4Writer, type Column, GREY, LIGHT, mm, type Para, RED, type Row, WHITE } from "./a4-page";
import type { OrderSheetData, OrderSheetFile, OrderSheetLine } from "./order-sheet-data";
import { bytesVi, dateVi, placeDateLine, placeFromIssuer, titleWithUnit, trimSizeVi } from "./vn-text";

// The order / spec sheet a print shop receives with an order (issue 13 §2): per line the picture,
// codes, sizes, finishing, material, quantity, places and every file with its SHA-256, and which
// file to feed which kind of RIP. Data in (storage/print-orders fills it), PDF bytes out.

const PDF_MAX_PAGE_MM = 5080; // 200 in: larger pages need /UserUnit

const KV: Column[] = [{ share: 30 }, { share: 70 }];
const KV_PADDING = 2;
const THUMB_W_MM = 42;
const THUMB_GAP_MM = 4;
/** Pictures wider than this (width ÷ height: banners) go across the page above the details. */
const WIDE_PICTURE = 2.5;
const WIDE_MAX_H_MM = 22;
const PALE_RED = rgb(0.99, 0.9, 0.9);
const PALE_YELLOW = rgb(1, 0.98, 0.88);

function fileKindVi(f: OrderSheetFile, line: OrderSheetLine): string {
  if (f.kind === "png") return "Ảnh PNG (xem trước, màn hình)";
  if (f.scaleDenominator > 1) {
    return `PDF in tỉ lệ 1:${f.scaleDenominator} — in phóng ${f.scaleDenominator * 100} %`;
  }
  const big = Math.max(line.trimWidthMm, line.trimHeightMm) > PDF_MAX_PAGE_MM;
  return big ? "PDF in kích thước thật (1:1), trang dùng /UserUnit" : "PDF in kích thước thật (1:1)";
}

function placementsCell(line: OrderSheetLine): Para[] {
  if (line.placements.length === 0) return [{ text: "Chưa phân vị trí" }];
  return line.placements.map((p) => ({ text: `• ${p.name} · ${p.kindLabel} · ${p.quantity} bản` }));
}

const FILES: Column[] = [{ header: "File in — đối chiếu SHA-256 của file nhận được trước khi in", share: 1 }];

function fileRows(w: A4Writer, line: OrderSheetLine): Row[] {
  if (line.files.length === 0) return [[{ text: "Chưa có file phát hành.", style: { font: "italic" } }]];
  return line.files.map((f) => {
    const hash = `SHA-256: ${f.sha256}`;
    return [
      [
        { text: f.fileName, style: { font: "bold", size: 9.5 } },
        { text: `${fileKindVi(f, line)} · ${bytesVi(f.sizeBytes)}`, style: { size: 9.5 } },
        // One line per hash whatever the width: a hash broken across lines is misread.
        {
          text: hash,
          style: { font: "mono", size: w.fitSize(hash, { font: "mono", size: 9.5 }, w.width - 6, 6) },
        },
      ],
    ];
  });
}

function lineRows(line: OrderSheetLine, verifyBaseUrl: string | null): Row[] {
  const verify: Para[] = [{ text: line.verifyCode, style: { font: "bold" } }];
  if (verifyBaseUrl) {
    verify.push({ text: `${verifyBaseUrl}/${line.verifyCode}`, style: { size: 8.5, color: GREY } });
  }
  const finishing = line.finishing || (line.hemMm > 0 ? `Viền may ${line.hemMm} mm` : "Không");
  const key = (text: string): Para => ({ text, style: { color: GREY } });
  return [
    [key("Mã ấn phẩm"), { text: line.assetCode, style: { font: "bold" } }],
    [key("Mã xác minh"), verify],
    [key("Khẩu hiệu"), line.slogan],
    [key("Khổ"), line.formatLabel],
    [key("Kích thước thành phẩm"), trimSizeVi(line.trimWidthMm, line.trimHeightMm)],
    [key("Tràn lề (bleed)"), `${line.bleedMm} mm mỗi cạnh, ngoài đường xén`],
    [key("Vùng an toàn"), `${line.safeMarginMm} mm tính từ mép thành phẩm`],
    [key("Viền may, khoen"), finishing],
    [key("Chất liệu"), line.material || "Theo thỏa thuận với đơn vị in"],
    [
      key("Số lượng"),
      { text: `${line.quantity} bản${line.blocked ? " — tạm dừng, không in" : ""}`, style: { font: "bold" } },
    ],
    [key("Vị trí treo/đặt"), placementsCell(line)],
  ];
}

/** Draws the picture at (`x`, `top`) within `maxW` × `maxH`, veiled and stamped "THU HỒI" when blocked; returns its height. */
function linePicture(
  w: A4Writer,
  image: PDFImage | null,
  blocked: boolean,
  x: number,
  top: number,
  maxW: number,
  maxH: number,
): number {
  if (!image) {
    const note = {
      text: "(không có ảnh xem trước)",
      align: "center" as const,
      style: { font: "italic" as const, size: 9, color: GREY },
    };
    return w.drawAt([note], x, top, maxW);
  }
  const drawn = w.picture(image, x, top, maxW, maxH);
  if (blocked) {
    const left = x + (maxW - drawn.width) / 2;
    w.page.drawRectangle({
      x: left,
      y: top - drawn.height,
      width: drawn.width,
      height: drawn.height,
      color: WHITE,
      opacity: 0.6,
    });
    const stamp = {
      text: "THU HỒI",
      align: "center" as const,
      style: { font: "bold" as const, color: RED, size: 12 },
    };
    w.drawAt([stamp], x, top - drawn.height / 2 + 8, maxW);
  }
  return drawn.height;
}

/**
 * One order line: its heading (and the "TẠM DỪNG" band when blocked), the picture — across the
 * width above the details for a wide banner, in a column beside them otherwise — the details,
 * and the files with their hashes.
 */
async function lineBlock(w: A4Writer, line: OrderSheetLine, verifyBaseUrl: string | null): Promise<void> {
  const heading: Row[] = [
    {
      full: { text: `Dòng ${line.n}. ${line.assetCode} — ${line.title}`, style: { font: "bold" } },
      fill: LIGHT,
    },
  ];
  if (line.blocked) {
    heading.push({
      full: {
        text: "TẠM DỪNG — ấn phẩm đã bị thu hồi, không in",
        style: { font: "bold", color: RED },
        align: "center",
      },
      fill: PALE_RED,
    });
  }
  const image = line.thumbnailPng ? await w.embedPng(line.thumbnailPng) : null;
  const wide = image !== null && image.width / image.height > WIDE_PICTURE;
  const kvX = wide ? w.left : w.left + mm(THUMB_W_MM + THUMB_GAP_MM);
  const kvOpts = { x: kvX, width: w.right - kvX, borders: false, padding: KV_PADDING };
  const rows = lineRows(line, verifyBaseUrl);
  const headingOpts = { style: { size: 10.5 } };
  const pictureH = wide ? mm(WIDE_MAX_H_MM) + mm(3) : 0;
  // The heading never stays alone at the foot of a page: it goes with the picture and the first rows.
  w.ensure(
    w.measureTable([{ share: 1 }], heading, headingOpts) +
      pictureH +
      Math.min(w.measureTable(KV, rows, kvOpts), mm(70)),
  );
  w.table([{ share: 1 }], heading, headingOpts);
  w.gap(mm(2));
  if (wide) {
    w.gap(linePicture(w, image, line.blocked, w.left, w.y, w.width, mm(WIDE_MAX_H_MM)) + mm(2));
    w.table(KV, rows, kvOpts);
  } else {
    const top = w.y;
    const page = w.page;
    const thumbH = linePicture(w, image, line.blocked, w.left, top, mm(THUMB_W_MM), mm(THUMB_W_MM));
    w.table(KV, rows, kvOpts);
    if (w.page === page) w.y = Math.min(w.y, top - thumbH);
  }
  w.gap(mm(2));
  w.table(FILES, fileRows(w, line), { style: { size: 9 } });
  w.gap(mm(6));
}

function trueSizeNote(data: OrderSheetData): Para[] {
  const scaled = data.lines.filter((l) => l.files.some((f) => f.kind === "pdf_scaled"));
  const which =
    scaled.length > 0
      ? `Dòng có thêm file tỉ lệ 1:10: ${scaled.map((l) => l.n).join(", ")}.`
      : "Phiếu này không có khổ nào dài quá 5,08 m: mọi file đều ở kích thước thật (1:1).";
  const para = (text: string): Para => ({ text, style: { size: 9.5 } });
  return [
    { text: "CHỌN FILE THEO LOẠI RIP (khổ dài hơn 5,08 m)", style: { font: "bold", size: 10 } },
    para(
      "Trang PDF dài tối đa 200 inch (5,08 m) mỗi chiều. File kích thước thật (1:1) của khổ lớn hơn dùng khóa /UserUnit để phóng trang đến đúng kích thước; nhiều RIP và các công cụ dựa trên poppler (pdfinfo, pdftoppm) bỏ qua khóa này và đọc sai kích thước (băng rôn 1,2 × 10 m hiện thành khoảng 5 × 0,6 m).",
    ),
    para("• RIP đọc được /UserUnit (ví dụ Adobe Acrobat): gửi file kích thước thật (1:1)."),
    para(
      "• RIP không đọc /UserUnit, công cụ dựa trên poppler, hoặc chưa rõ: gửi file tỉ lệ 1:10 (tên file và dòng thông tin ngoài lề ghi “1:10”), đặt tỉ lệ in 1000 % (phóng 10 lần).",
    ),
    para(
      "• Kiểm tra trước khi in bằng TrimBox: kích thước thành phẩm = TrimBox × UserUnit (file 1:1) hoặc TrimBox × 10 (file 1:10), phải bằng kích thước ghi ở dòng tương ứng. Đối chiếu SHA-256 của file nhận được với phiếu này.",
    ),
    { text: which, style: { font: "italic", size: 9.5 } },
  ];
}

/**
 * The order sheet as an A4 portrait PDF (as many pages as the lines need) with Noto Serif embedded
 * as subsets: Decree 30 header, title, order details, one block per line (a blocked line marked
 * "TẠM DỪNG"), the note on which file suits which RIP, and places to sign for the office and the
 * print shop. Throws only what pdf-lib throws for fonts it cannot read; unreadable thumbnails are
 * left out with a note.
 */
export async function renderOrderSheetPdf(data: OrderSheetData): Promise<Uint8Array> {
  const w = await A4Writer.create({
    title: `Phiếu đặt in ${data.code}`,
    subject: "Phiếu đặt in ấn phẩm tuyên truyền",
    keywords: [data.code, ...data.lines.map((l) => l.assetCode)],
    author: data.issuer,
    createdAt: data.createdAt,
    footer: `Phiếu đặt in ${data.code}`,
  });
  const unit = data.orderedBy.unit;
  w.header({
    parent: unit ? data.issuer : undefined,
    issuer: unit ?? data.issuer,
    reference: `Số: ${data.code}`,
    placeDate: placeDateLine(placeFromIssuer(data.issuer), data.createdAt),
  });
  w.gap(mm(7));
  w.flow([
    { text: "PHIẾU ĐẶT IN ẤN PHẨM TUYÊN TRUYỀN", align: "center", style: { font: "bold", size: 14 } },
    {
      text: `Mã phiếu ${data.code} · lập ngày ${dateVi(data.createdAt)}`,
      align: "center",
      style: { font: "italic", size: 11 },
    },
  ]);
  w.gap(mm(4));

  const blocked = data.lines.filter((l) => l.blocked).length;
  const copies = data.lines.filter((l) => !l.blocked).reduce((n, l) => n + l.quantity, 0);
  const { name, title, unit: ordererUnit } = data.orderedBy;
  const who = [name, titleWithUnit(title, ordererUnit)].filter(Boolean).join(", ");
  const key = (text: string): Para => ({ text, style: { color: GREY } });
  const summary: Row[] = [
    [key("Đơn vị in"), { text: data.printer.name, style: { font: "bold" } }],
    [key("Người lập phiếu"), who],
    [key("Giao hàng trước"), data.deliverBy ? dateVi(data.deliverBy) : "Không đặt hạn"],
    [
      key("Số dòng"),
      `${data.lines.length} dòng, ${copies} bản cần in${blocked ? `; ${blocked} dòng tạm dừng (không in)` : ""}`,
    ],
  ];
  if (data.note.trim()) summary.push([key("Ghi chú"), data.note]);
  w.table(KV, summary, { borders: false, padding: KV_PADDING, style: { size: 11 } });
  w.gap(mm(5));

  for (const line of data.lines) await lineBlock(w, line, data.verifyBaseUrl);

  w.table([{ share: 1 }], [{ full: trueSizeNote(data), fill: PALE_YELLOW }], { padding: 6 });
  w.gap(mm(8));
  w.signatures([
    {
      above: [
        { text: "NGƯỜI LẬP PHIẾU", align: "center", style: { font: "bold" } },
        { text: "(Ký, ghi rõ họ tên)", align: "center", style: { font: "italic", size: 10 } },
      ],
      spaceMm: 22,
      below: [{ text: data.orderedBy.name, align: "center", style: { font: "bold" } }],
    },
    {
      above: [
        { text: "ĐƠN VỊ IN NHẬN", align: "center", style: { font: "bold" } },
        { text: "(Ký, ghi rõ họ tên, ngày nhận)", align: "center", style: { font: "italic", size: 10 } },
      ],
      spaceMm: 22,
      below: [{ text: data.printer.name, align: "center" }],
    },
  ]);
  return w.finish();
}
