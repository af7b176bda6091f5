import { A4Writer, type Column, GREY, mm, type Para, type Row, type SignatureBlock } from "./a4-page";
import type { ApprovalMinuteData, MinuteHistoryRow } from "./minute-data";
import { dateTimeVi, placeDateLine, titleWithUnit } from "./vn-text";

// The approval minute (Phiếu duyệt ấn phẩm, issue 13 §4): one A4 portrait page an archive keeps —
// Decree 30 header, what was approved (codes, content item, slogan, format, picture, SHA-256,
// verify QR), the whole decision history, and the approver's place to sign and seal. Real text in
// embedded Noto Serif subsets, never outlines. Data in (storage/minute fills it), PDF bytes out.

const KV: Column[] = [{ share: 31 }, { share: 69 }];
const QR_MM = 30;
const THUMB_MAX_H_MM = 20;
const HISTORY: Column[] = [
  { header: "TT", share: 4, align: "center" },
  { header: "Thời gian", share: 16 },
  { header: "Người thực hiện", share: 32 },
  { header: "Thao tác", share: 22 },
  { header: "Lý do, ý kiến", share: 26 },
];
/** Table sizes tried in turn before rows are left out (points). */
export const HISTORY_SIZES = [9, 8, 7] as const;
const HISTORY_PADDING = 2;

function historyRow(r: MinuteHistoryRow, i: number, size: number): Row {
  const small = { size: size - 1, color: GREY };
  const who: Para[] = [{ text: r.name ?? r.roleLabel, style: { font: "bold" } }];
  const place = titleWithUnit(r.title, r.unit);
  if (place) who.push({ text: place, style: small });
  const version = r.versionN != null ? ` (PB ${r.versionN})` : "";
  const action: Para[] = [{ text: `${r.actionLabel}${version}` }, { text: r.roleLabel, style: small }];
  return [String(i + 1), dateTimeVi(r.at).replace(" ngày ", " "), who, action, r.reason];
}

function gapRow(left: number): Row {
  return {
    full: {
      text: `… ${left} mục ở giữa được lược bớt để phiếu gọn trong một trang — xem nhật ký đầy đủ trên trang ấn phẩm.`,
      style: { font: "italic" },
      align: "center",
    },
  };
}

/**
 * The rows to print and their size: every row at the largest size that fits `room` points; else,
 * at the smallest size, the first event, a row saying how many were left out, and as many of the
 * latest events (the approval among them, always) as fit. Each row is laid out once per size.
 */
function fitHistory(w: A4Writer, history: MinuteHistoryRow[], room: number): { rows: Row[]; size: number } {
  let rows: Row[] = [];
  let heights = { header: 0, rows: [] as number[] };
  let size: number = HISTORY_SIZES[0];
  for (size of HISTORY_SIZES) {
    rows = history.map((r, i) => historyRow(r, i, size));
    heights = w.rowHeights(HISTORY, rows, { style: { size }, padding: HISTORY_PADDING });
    if (heights.rows.reduce((sum, h) => sum + h, heights.header) <= room) return { rows, size };
  }
  if (history.length <= 2) return { rows, size };
  const gap = w.rowHeights(HISTORY, [gapRow(history.length)], { style: { size }, padding: HISTORY_PADDING });
  let used = heights.header + heights.rows[0] + gap.rows[0];
  let keep = 0;
  for (let i = history.length - 1; i > 1; i--) {
    if (keep >= 1 && used + heights.rows[i] > room) break;
    used += heights.rows[i];
    keep++;
  }
  return { rows: [rows[0], gapRow(history.length - 1 - keep), ...rows.slice(-keep)], size };
}

function infoRows(w: A4Writer, data: ApprovalMinuteData, valueWidth: number): Row[] {
  const key = (text: string): Para => ({ text, style: { color: GREY } });
  // The title is the first slogan unless someone renamed the asset: said once is enough.
  const rows: Row[] = data.assetTitle === data.slogan ? [] : [[key("Tên ấn phẩm"), data.assetTitle]];
  rows.push(
    [
      key("Nội dung tuyên truyền"),
      data.contentItem
        ? `${data.contentItem.code}. ${data.contentItem.title}`
        : "Khẩu hiệu chủ đề năm (không thuộc nội dung cụ thể)",
    ],
    [key("Khẩu hiệu"), { text: data.slogan, style: { font: "bold" } }],
  );
  if (data.subtitle) rows.push([key("Dòng phụ"), data.subtitle]);
  rows.push([key("Khổ"), data.formats.map((f) => `${f.label} — ${f.size}`).join("\n")]);
  rows.push([
    key("File đã duyệt"),
    data.files.flatMap((f) => [
      { text: f.label, style: { size: 8.5, color: GREY } },
      // A hash stays on one line: broken, it is misread.
      {
        text: f.sha256,
        style: { font: "mono", size: w.fitSize(f.sha256, { font: "mono", size: 9 }, valueWidth, 6) },
      },
    ]),
  ]);
  return rows;
}

function signatureBlocks(data: ApprovalMinuteData): SignatureBlock[] {
  const small = { size: 10 };
  return [
    {
      // The left column under "Nơi nhận" is free: the note on how the minute was made goes there.
      above: [
        { text: "Nơi nhận:", style: { font: "bold", size: 10.5 } },
        { text: "- Phòng Văn hóa - Xã hội;", style: small },
        { text: `- Lưu: hồ sơ ấn phẩm ${data.assetCode}.`, style: small },
        { text: "", style: { size: 6 } },
        ...footnote(data),
      ],
    },
    {
      above: [
        { text: "NGƯỜI PHÊ DUYỆT", align: "center", style: { font: "bold" } },
        ...(data.approver?.title ? [{ text: data.approver.title, align: "center" as const }] : []),
        { text: "(Ký, ghi rõ họ tên và đóng dấu)", align: "center", style: { font: "italic", size: 10 } },
      ],
      spaceMm: 18,
      below: [{ text: data.approver?.name ?? "", align: "center", style: { font: "bold" } }],
    },
  ];
}

function footnote(data: ApprovalMinuteData): Para[] {
  const signed = data.digitallySigned
    ? " Tệp PDF này mang chữ ký số (PAdES); trình đọc PDF kiểm tra được chữ ký và mọi thay đổi sau khi ký."
    : "";
  return [
    {
      text: `Phiếu lập lúc ${dateTimeVi(data.generatedAt)} từ nhật ký phê duyệt của hệ thống Cổ động; họ tên, chức vụ, đơn vị theo danh sách người dùng hiện hành. Đối chiếu ấn phẩm tại ${data.verifyUrl}.${signed}`,
      style: { size: 7.5, color: GREY, leading: 1.25 },
    },
  ];
}

/**
 * The approval minute as a one-page A4 portrait PDF with embedded Noto Serif subsets. A long
 * history is set smaller (HISTORY_SIZES), then shortened in the middle with a row that says so;
 * the first event and the latest ones, the approval among them, always stay. Throws only what
 * pdf-lib throws for fonts; an unreadable thumbnail is left out.
 */
export async function renderApprovalMinutePdf(data: ApprovalMinuteData): Promise<Uint8Array> {
  const w = await A4Writer.create({
    title: `Phiếu duyệt ấn phẩm ${data.assetCode}`,
    subject: `Phiếu duyệt ấn phẩm ${data.assetCode}, phiên bản ${data.versionN}`,
    keywords: [data.assetCode, data.verifyCode, ...data.files.map((f) => f.sha256)],
    author: data.issuer,
    createdAt: data.generatedAt,
    footer: `Phiếu duyệt ấn phẩm ${data.assetCode}, phiên bản ${data.versionN}`,
  });
  w.header({
    issuer: data.issuer,
    reference: `Mã ấn phẩm: ${data.assetCode}`,
    placeDate: placeDateLine(data.place, data.approvedAt),
  });
  w.gap(mm(4));
  const subtitle = `Phiên bản ${data.versionN}, phê duyệt lúc ${dateTimeVi(data.approvedAt)} — hiện trạng: ${data.stateLabel}`;
  w.flow([
    { text: "PHIẾU DUYỆT ẤN PHẨM", align: "center", style: { font: "bold", size: 14 } },
    {
      text: subtitle,
      align: "center",
      style: { font: "italic", size: w.fitSize(subtitle, { font: "italic", size: 11 }, w.width, 9) },
    },
  ]);
  w.gap(mm(3));

  const qrSide = mm(QR_MM);
  const kvWidth = w.width - qrSide - mm(4);
  const valueWidth = (kvWidth * KV[1].share) / (KV[0].share + KV[1].share) - 4;
  const top = w.y;
  w.qr(data.verifyUrl, w.right - qrSide, top, qrSide);
  w.drawAt(
    [
      { text: "Mã xác minh", align: "center", style: { size: 8, color: GREY } },
      { text: data.verifyCode, align: "center", style: { font: "bold", size: 10 } },
    ],
    w.right - qrSide,
    top - qrSide,
    qrSide,
  );
  w.table(KV, infoRows(w, data, valueWidth), {
    width: kvWidth,
    borders: false,
    padding: 2,
    style: { size: 10 },
  });
  w.y = Math.min(w.y, top - qrSide - mm(9));

  const thumbnail = data.thumbnailPng ? await w.embedPng(data.thumbnailPng) : null;
  if (thumbnail) {
    w.gap(mm(2));
    w.gap(w.picture(thumbnail, w.left, w.y, w.width, mm(THUMB_MAX_H_MM)).height);
  }
  w.gap(mm(4));

  const heading: Para[] = [{ text: "QUÁ TRÌNH XỬ LÝ (giờ Việt Nam)", style: { font: "bold", size: 10.5 } }];
  const blocks = signatureBlocks(data);
  const below = mm(6) + w.measureSignatures(blocks);
  const room = w.room - w.measure(heading, w.width) - mm(1) - below;
  const history = fitHistory(w, data.history, room);
  w.flow(heading);
  w.gap(mm(1));
  w.table(HISTORY, history.rows, { style: { size: history.size }, padding: HISTORY_PADDING });
  w.gap(mm(6));
  w.signatures(blocks);
  return w.finish();
}
