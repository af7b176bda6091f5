import ExcelJS from "exceljs";
import {
  COUNT_COLUMNS,
  type PlanReport,
  type ReportPhotos,
  PRODUCT_KINDS,
  type ProductKind,
  periodVi,
  type ReportCounts,
} from "./report-data";

// The plan report as a workbook (exceljs): one sheet per section, each a plain table the office
// can filter, sum and paste from — header row frozen, Vietnamese headers, whole numbers as
// numbers, dates as real dates (dd/mm/yyyy), a totals row of SUM formulas (with their values, so
// a reader that does not recalculate still shows them). Times New Roman, A4 landscape for print.

const FONT = { name: "Times New Roman", size: 12 } as const;
const DATE_FORMAT = "dd/mm/yyyy";
const VN_OFFSET_MS = 7 * 3600_000;

type Kind = "text" | "int" | "date" | "datetime" | "url";
type Cell = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  kind: Kind;
  /** Summed in the totals row. */
  sum?: boolean;
}

/** An ISO date as the spreadsheet's date of that day (UTC midnight: Excel dates have no zone). */
function day(iso: string | null): Date | null {
  return iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null;
}

/** An ISO instant as Vietnam's wall-clock time, for the same reason. */
function vnTime(iso: string): Date {
  return new Date(Date.parse(iso) + VN_OFFSET_MS);
}

function cellValue(kind: Kind, v: Cell): ExcelJS.CellValue {
  if (v === null || v === "") return null;
  if (kind === "url" && typeof v === "string") return { text: v, hyperlink: v };
  return v;
}

/**
 * One sheet: header row (frozen, bold, shaded), the rows, and — when `totalsLabel` is given — a
 * totals row with the label in the first column and SUM formulas under every `sum` column.
 */
function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly Column[],
  rows: readonly Cell[][],
  totalsLabel?: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    },
  });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  for (const r of rows) ws.addRow(r.map((v, i) => cellValue(columns[i].kind, v)));
  if (totalsLabel !== undefined) {
    const last = rows.length + 1;
    const totals = ws.addRow(
      columns.map((c, i) => {
        if (i === 0) return totalsLabel;
        if (!c.sum) return null;
        const letter = ws.getColumn(i + 1).letter;
        const result = rows.reduce((n, r) => n + (typeof r[i] === "number" ? (r[i] as number) : 0), 0);
        return { formula: `SUM(${letter}2:${letter}${last})`, result };
      }),
    );
    totals.font = { ...FONT, bold: true };
  }
  ws.eachRow((row, n) => {
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const c = columns[col - 1];
      cell.font = { ...FONT, ...(n === 1 || cell.font?.bold ? { bold: true } : {}) };
      if (c.kind === "url" && n > 1 && cell.value)
        cell.font = { ...cell.font, color: { argb: "FF1F4E9A" }, underline: true };
      cell.alignment = {
        vertical: "top",
        wrapText: c.kind === "text" || n === 1,
        horizontal: n === 1 ? "center" : undefined,
      };
      cell.border = {
        top: { style: "thin" },
        bottom: { style: "thin" },
        left: { style: "thin" },
        right: { style: "thin" },
      };
      if (n > 1 && c.kind === "date") cell.numFmt = DATE_FORMAT;
      if (n > 1 && c.kind === "datetime") cell.numFmt = `hh:mm ${DATE_FORMAT}`;
    });
  });
  ws.getRow(1).eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
  });
  return ws;
}

/** The photo column, in Excel character widths (~7 px each), and the photo's width in px inside it. */
const PHOTO_COLUMN_WIDTH = 26;
const PHOTO_PX = 170;

/**
 * Floats each installation's first photo (from `photos`, see storage/report loadInstallationPhotos) over
 * its row's photo cell, `col` 0-based, and makes the row tall enough; rows without one stay as they are.
 */
function placePhotos(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  report: PlanReport,
  photos: ReportPhotos,
  col: number,
): void {
  report.installations.forEach((inst, i) => {
    const p = inst.photoId ? photos.get(inst.photoId) : undefined;
    if (!p) return;
    const height = Math.round((PHOTO_PX * p.heightPx) / p.widthPx);
    const imageId = wb.addImage({
      buffer: Buffer.from(p.jpeg) as unknown as ExcelJS.Buffer,
      extension: "jpeg",
    });
    // Row 1 is the header: installation i sits on sheet row i + 2, 0-based row i + 1.
    ws.addImage(imageId, { tl: { col: col + 0.05, row: i + 1.05 }, ext: { width: PHOTO_PX, height } });
    ws.getRow(i + 2).height = Math.ceil(height * 0.75) + 6; // points (3/4 px) plus a margin
  });
}

const KIND_SHORT_VI: Record<ProductKind, string> = {
  banner: "băng rôn",
  poster: "áp phích",
  social: "ảnh MXH",
};

/** Columns for every count of a row: per kind made/approved/published, then the totals and the road. */
function countColumns(): Column[] {
  const perKind = PRODUCT_KINDS.flatMap((kind) =>
    (["made", "approved", "published"] as const).map((k) => ({
      header: `${COUNT_COLUMNS.find((c) => c.key === k)!.labelVi} (${KIND_SHORT_VI[kind]})`,
      width: 12,
      kind: "int" as const,
      sum: true,
    })),
  );
  const totals = COUNT_COLUMNS.map((c) => ({
    header: ["made", "approved", "published"].includes(c.key) ? `${c.labelVi} (tổng)` : c.labelVi,
    width: 12,
    kind: "int" as const,
    sum: true,
  }));
  return [...perKind, ...totals];
}

function countCells(c: ReportCounts): number[] {
  const perKind = PRODUCT_KINDS.flatMap((kind) => [
    c.byKind[kind].made,
    c.byKind[kind].approved,
    c.byKind[kind].published,
  ]);
  return [...perKind, ...COUNT_COLUMNS.map((col) => c[col.key])];
}

/** Whole days from `due` to `today` (ISO dates). */
function daysLate(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / 86_400_000);
}

/**
 * The report as an .xlsx file: sheets "Thông tin", "Theo nội dung", "Theo nhiệm vụ", "Bài đã đăng",
 * "Treo đặt", "Quá hạn" (in this order). `photos` (by photo id) are floated over the "Ảnh" column
 * of "Treo đặt". Resolves to the file's bytes.
 */
export async function planReportXlsx(report: PlanReport, photos: ReportPhotos = new Map()): Promise<Buffer> {
  const { meta } = report;
  const wb = new ExcelJS.Workbook();
  wb.creator = `${meta.issuer.body}`;
  wb.title = `Báo cáo ${meta.reportTitle}`;
  wb.created = new Date(meta.generatedAt);

  const info: [string, Cell, Kind][] = [
    ["Báo cáo", meta.reportTitle, "text"],
    ["Cơ quan báo cáo", `${meta.issuer.body} — ${meta.issuer.parent}`, "text"],
    ["Kế hoạch", meta.planTitle, "text"],
    ["Số kế hoạch", meta.planNumber ?? "Chưa có số", "text"],
    ["Ngày ban hành kế hoạch", day(meta.planIssuedOn), "date"],
    ["Kỳ báo cáo", periodVi(meta.period), "text"],
    ["Từ ngày", day(meta.period.from), "date"],
    ["Đến ngày", day(meta.period.to), "date"],
    ["Lập lúc", vnTime(meta.generatedAt), "datetime"],
    ["Quá hạn tính đến ngày", day(meta.today), "date"],
    [
      "Cách đếm",
      "Đã tạo theo ngày tạo ấn phẩm; đã phê duyệt, đã phát hành theo ngày ghi trong nhật ký; số bản in, giao theo ngày đơn vị in xác nhận; vị trí treo/đặt theo ngày treo; bài đã đăng theo ngày đăng. Ấn phẩm bị từ chối hoặc thu hồi không tính vào số đã tạo, đã phê duyệt, đã phát hành. Quá hạn tính theo trạng thái tại ngày lập báo cáo.",
      "text",
    ],
  ];
  const infoSheet = addSheet(
    wb,
    "Thông tin",
    [
      { header: "Mục", width: 30, kind: "text" },
      { header: "Nội dung", width: 90, kind: "text" },
    ],
    info.map(([label, value]) => [label, value]),
  );
  // The value column mixes text and dates: each date cell gets its own format.
  info.forEach(([, , kind], i) => {
    const cell = infoSheet.getRow(i + 2).getCell(2);
    if (kind === "date") cell.numFmt = DATE_FORMAT;
    if (kind === "datetime") cell.numFmt = `hh:mm ${DATE_FORMAT}`;
    if (kind !== "text") cell.alignment = { horizontal: "left", vertical: "top" };
  });

  addSheet(
    wb,
    "Theo nội dung",
    [
      { header: "Mục", width: 7, kind: "text" },
      { header: "Nội dung tuyên truyền", width: 46, kind: "text" },
      { header: "Chỉ tiêu băng rôn", width: 11, kind: "int", sum: true },
      { header: "Chỉ tiêu áp phích", width: 11, kind: "int", sum: true },
      { header: "Chỉ tiêu bài đăng", width: 11, kind: "int", sum: true },
      ...countColumns(),
    ],
    report.perItem.map((r) => [
      r.code,
      r.title,
      r.targets.banners,
      r.targets.posters,
      r.targets.socialPosts,
      ...countCells(r),
    ]),
    "Tổng cộng",
  );

  addSheet(
    wb,
    "Theo nhiệm vụ",
    [
      { header: "TT", width: 6, kind: "int" },
      { header: "Nhiệm vụ", width: 50, kind: "text" },
      { header: "Cơ quan chủ trì", width: 24, kind: "text" },
      { header: "Thời gian", width: 18, kind: "text" },
      { header: "Hạn hoàn thành", width: 14, kind: "date" },
      { header: "Sản phẩm", width: 36, kind: "text" },
      ...countColumns(),
    ],
    report.perTask.map((r) => [
      r.number,
      r.title,
      r.leadText,
      r.timeText,
      day(r.dueDate),
      r.product,
      ...countCells(r),
    ]),
    "Tổng cộng",
  );

  addSheet(
    wb,
    "Bài đã đăng",
    [
      { header: "STT", width: 6, kind: "int" },
      { header: "Mã ấn phẩm", width: 24, kind: "text" },
      { header: "Tên ấn phẩm", width: 40, kind: "text" },
      { header: "Mục", width: 7, kind: "text" },
      { header: "Kênh", width: 14, kind: "text" },
      { header: "Địa chỉ bài đăng", width: 60, kind: "url" },
      { header: "Ngày đăng", width: 13, kind: "date" },
    ],
    report.socialPosts.map((p, i) => [
      i + 1,
      p.assetCode,
      p.assetTitle,
      p.contentItemCode,
      p.channelLabel,
      p.url,
      day(p.postedOn),
    ]),
  );

  const installed = addSheet(
    wb,
    "Treo đặt",
    [
      { header: "STT", width: 6, kind: "int" },
      { header: "Mã ấn phẩm", width: 24, kind: "text" },
      { header: "Tên ấn phẩm", width: 36, kind: "text" },
      { header: "Mục", width: 7, kind: "text" },
      { header: "Vị trí", width: 30, kind: "text" },
      { header: "Loại vị trí", width: 22, kind: "text" },
      { header: "Địa chỉ", width: 30, kind: "text" },
      { header: "Ngày treo/đặt", width: 13, kind: "date" },
      { header: "Ngày tháo", width: 13, kind: "date" },
      { header: "Số ảnh nghiệm thu", width: 12, kind: "int", sum: true },
      { header: "Ảnh", width: PHOTO_COLUMN_WIDTH, kind: "text" },
    ],
    report.installations.map((r, i) => [
      i + 1,
      r.assetCode,
      r.assetTitle,
      r.contentItemCode,
      r.placeName,
      r.placeKindLabel,
      r.address,
      day(r.installedOn),
      day(r.removedOn),
      r.photos,
      null,
    ]),
    "Tổng cộng",
  );
  placePhotos(wb, installed, report, photos, 10);

  addSheet(
    wb,
    "Quá hạn",
    [
      { header: "STT", width: 6, kind: "int" },
      { header: "Mã ấn phẩm", width: 24, kind: "text" },
      { header: "Tên ấn phẩm", width: 40, kind: "text" },
      { header: "Mục", width: 7, kind: "text" },
      { header: "Nhiệm vụ", width: 10, kind: "int" },
      { header: "Trạng thái", width: 26, kind: "text" },
      { header: "Cần hoàn thành trước", width: 14, kind: "date" },
      { header: "Số ngày quá hạn", width: 12, kind: "int" },
    ],
    report.overdue.map((r, i) => [
      i + 1,
      r.assetCode,
      r.assetTitle,
      r.contentItemCode,
      r.taskNumber,
      r.stateLabel,
      day(r.dueOn),
      daysLate(r.dueOn, meta.today),
    ]),
  );

  return Buffer.from(await wb.xlsx.writeBuffer());
}
