import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip as mm,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import {
  type ItemTargets,
  type PlanReport,
  type ReportPhotos,
  PRODUCT_KIND_LABELS_VI,
  PRODUCT_KINDS,
  periodVi,
  type ReportCounts,
  viDate,
} from "./report-data";

// The plan report as an administrative report (báo cáo) laid out under Decree 30/2020/NĐ-CP,
// Appendix I, for the office to edit, number and sign: A4 portrait, margins top/bottom 20 mm,
// left 30 mm, right 15 mm; Times New Roman, body 14 pt justified with a 1 cm first-line indent;
// the two-column header (issuing body and number left, national name and motto right, place and
// date under them); report type and title centred in bold; numbered sections; "Nơi nhận" and the
// signer at the end. The detailed lists go to an appendix in landscape (the decree lets tables be
// laid out across the page), its binding margin on top where the portrait pages have it left.
// Number and day are left blank: the clerk fills them when the report is issued.

const FONT = "Times New Roman";
/** docx font sizes are half-points; spacing is in twentieths of a point. */
const pt = (n: number) => n * 2;
const twip = (points: number) => points * 20;
const BODY = 14;
const TABLE = 11;
const A4 = { width: mm(210), height: mm(297) };
const PORTRAIT_MARGIN = {
  top: mm(20),
  bottom: mm(20),
  left: mm(30),
  right: mm(15),
  header: mm(10),
  footer: mm(10),
};
const LANDSCAPE_MARGIN = {
  top: mm(30),
  bottom: mm(15),
  left: mm(20),
  right: mm(20),
  header: mm(12),
  footer: mm(10),
};
const PORTRAIT_TEXT_MM = 210 - 30 - 15;
/** A dotted line where the office writes its own assessment; one line long at 14 pt. */
const FILL_IN = "…".repeat(68);
const LANDSCAPE_TEXT_MM = 297 - 20 - 20;

interface TextOpts {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  /** First-line indent in mm (body paragraphs: 10). */
  indent?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
}

function run(text: string, o: TextOpts = {}): TextRun {
  return new TextRun({
    text: text.normalize("NFC"),
    size: pt(o.size ?? BODY),
    bold: o.bold,
    italics: o.italics,
  });
}

function para(content: string | TextRun[], o: TextOpts = {}): Paragraph {
  return new Paragraph({
    children: typeof content === "string" ? [run(content, o)] : content,
    alignment: o.align ?? AlignmentType.LEFT,
    indent: o.indent ? { firstLine: mm(o.indent) } : undefined,
    spacing: { before: twip(o.before ?? 0), after: twip(o.after ?? 0) },
    keepNext: o.keepNext,
  });
}

/** A body paragraph: justified, first line indented 1 cm, 6 pt after (Decree 30's minimum). */
const body = (content: string | TextRun[]) =>
  para(content, { align: AlignmentType.JUSTIFIED, indent: 10, after: 6 });
const heading = (text: string) => para(text, { bold: true, indent: 10, before: 6, after: 6, keepNext: true });
const centred = (text: string, o: TextOpts = {}) => para(text, { ...o, align: AlignmentType.CENTER });

/** A short centred rule under a header line, `widthMm` long inside a column `columnMm` wide. */
function rule(widthMm: number, columnMm: number): Paragraph {
  const side = Math.max(0, (columnMm - widthMm) / 2);
  return new Paragraph({
    children: [],
    indent: { left: mm(side), right: mm(side) },
    spacing: { before: twip(1), after: twip(4), line: twip(4), lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } },
  });
}

function plainCell(widthMm: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: mm(widthMm), type: WidthType.DXA },
    children,
    borders: TableBorders.NONE,
  });
}

function layoutTable(widthsMm: number[], cells: TableCell[]): Table {
  return new Table({
    width: { size: mm(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(mm),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: cells })],
  });
}

/** The decree's header: issuing body and number on the left, national name, motto, place and date on the right. */
function headerBlock(r: PlanReport): Table {
  const { issuer } = r.meta;
  const year = r.meta.today.slice(0, 4);
  const left = 65;
  const right = PORTRAIT_TEXT_MM - left;
  return layoutTable(
    [left, right],
    [
      plainCell(left, [
        centred(issuer.parent, { size: 12 }),
        centred(issuer.body, { size: 12, bold: true }),
        rule(22, left),
        centred(`Số:        /BC-${issuer.abbreviation}`, { size: 13 }),
      ]),
      plainCell(right, [
        centred("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { size: 12, bold: true }),
        centred("Độc lập - Tự do - Hạnh phúc", { size: 13, bold: true }),
        rule(62, right),
        centred(`${issuer.place}, ngày      tháng      năm ${year}`, { size: 14, italics: true }),
      ]),
    ],
  );
}

interface Col {
  header: string;
  widthMm: number;
  align?: "left" | "center" | "right";
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const GRID = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** A bordered table at 11 pt: bold centred header repeated on every page, rows kept whole, optional bold totals. */
function dataTable(cols: readonly Col[], rows: readonly string[][], totals?: string[]): Table {
  const cell = (text: string, c: Col, o: { bold?: boolean; header?: boolean }) =>
    new TableCell({
      width: { size: mm(c.widthMm), type: WidthType.DXA },
      verticalAlign: o.header ? VerticalAlign.CENTER : VerticalAlign.TOP,
      margins: { top: mm(0.8), bottom: mm(0.8), left: mm(1.2), right: mm(1.2) },
      children: text.split("\n").map((line) =>
        para(line, {
          size: TABLE,
          bold: o.bold,
          align: o.header ? AlignmentType.CENTER : ALIGN[c.align ?? "left"],
        }),
      ),
    });
  return new Table({
    width: { size: mm(cols.reduce((n, c) => n + c.widthMm, 0)), type: WidthType.DXA },
    columnWidths: cols.map((c) => mm(c.widthMm)),
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: cols.map((c) => cell(c.header, c, { bold: true, header: true })),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, cols[i], {})) })),
      ...(totals
        ? [
            new TableRow({
              cantSplit: true,
              children: totals.map((v, i) => cell(v, cols[i], { bold: true })),
            }),
          ]
        : []),
    ],
  });
}

/** Photo width in the appendix, in px at 96 per inch (docx's unit): about 64 mm. */
const PHOTO_WIDTH_PX = 240;

/**
 * The proof itself under the installations table: the first photo of each installation found in
 * `photos` (storage/report loadInstallationPhotos), with the code, place and date beneath.
 */
function installationPhotos(r: PlanReport, photos: ReportPhotos): Paragraph[] {
  const shown = r.installations.filter((x) => x.photoId && photos.has(x.photoId));
  if (!shown.length) return [];
  return [
    para("Ảnh nghiệm thu (ảnh đầu tiên tại mỗi vị trí):", {
      size: TABLE,
      italics: true,
      before: 6,
      after: 3,
    }),
    ...shown.flatMap((x) => {
      const p = photos.get(x.photoId!)!;
      const height = Math.round((PHOTO_WIDTH_PX * p.heightPx) / p.widthPx);
      const caption = `${x.assetCode} — ${x.placeName}, treo/đặt ngày ${viDate(x.installedOn)}`;
      return [
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: "jpg",
              data: p.jpeg,
              transformation: { width: PHOTO_WIDTH_PX, height },
              altText: { name: x.assetCode, description: caption, title: caption },
            }),
          ],
        }),
        para(caption, { size: TABLE, italics: true, after: 6 }),
      ];
    }),
  ];
}

/** "1/3" against a target; the bare count where none was set (0/0 says nothing). */
function ofTarget(n: number, target: number): string {
  return target > 0 ? `${n}/${target}` : String(n);
}

function kindsVi(c: ReportCounts, k: "made" | "approved" | "published"): string {
  const parts = PRODUCT_KINDS.filter((kind) => c.byKind[kind][k] > 0).map(
    (kind) => `${c.byKind[kind][k]} ${PRODUCT_KIND_LABELS_VI[kind].toLocaleLowerCase("vi")}`,
  );
  return parts.length ? ` (${parts.join("; ")})` : "";
}

function itemTargetCells(c: ReportCounts, t: ItemTargets): string[] {
  return [
    ofTarget(c.byKind.banner.published, t.banners),
    ofTarget(c.byKind.poster.published, t.posters),
    ofTarget(c.posted, t.socialPosts),
    `${c.printedQty}/${c.deliveredQty}`,
    c.photos ? `${c.installed} (${c.photos} ảnh)` : String(c.installed),
    String(c.overdue),
  ];
}

function taskResultVi(c: ReportCounts): string {
  const road =
    c.printedQty || c.deliveredQty || c.installed
      ? `; in ${c.printedQty} bản, giao ${c.deliveredQty} bản, treo/đặt tại ${c.installed} vị trí (${c.photos} ảnh nghiệm thu)`
      : "";
  const posts = c.posted ? `; đăng ${c.posted} bài` : "";
  const late = c.overdue ? `; ${c.overdue} ấn phẩm quá hạn` : "";
  if (!c.made && !c.approved && !c.published && !road && !posts && !late) return "Chưa có ấn phẩm trong kỳ.";
  return `Đã tạo ${c.made}, đã phê duyệt ${c.approved}, đã phát hành ${c.published} ấn phẩm${road}${posts}${late}.`;
}

/** " trên Fanpage (2), Cổng TTĐT (1)": the listed posts per channel, in order of first appearance. */
function postsByChannelVi(r: PlanReport): string {
  const n = new Map<string, number>();
  for (const p of r.socialPosts) n.set(p.channelLabel, (n.get(p.channelLabel) ?? 0) + 1);
  return n.size ? ` trên ${[...n].map(([label, k]) => `${label} (${k})`).join(", ")}` : "";
}

function portraitChildren(r: PlanReport): (Paragraph | Table)[] {
  const { meta } = r;
  const t = r.itemTotals;
  const planRef = meta.planNumber
    ? `Kế hoạch số ${meta.planNumber}${meta.planIssuedOn ? ` ngày ${viDate(meta.planIssuedOn)}` : ""} (${meta.planTitle})`
    : meta.planTitle;
  const appendix = "Phụ lục kèm theo";
  return [
    headerBlock(r),
    centred("BÁO CÁO", { bold: true, before: 18 }),
    centred(meta.reportTitle, { bold: true }),
    rule(40, PORTRAIT_TEXT_MM),
    centred(`(Kỳ báo cáo: ${periodVi(meta.period)})`, { italics: true, after: 6 }),
    body(
      `Thực hiện ${planRef}, ${meta.issuer.bodyName} báo cáo kết quả thực hiện ${periodVi(meta.period)} như sau:`,
    ),
    heading("I. KẾT QUẢ THỰC HIỆN"),
    heading("1. Ấn phẩm tuyên truyền trực quan"),
    body(
      `Đã tạo ${t.made} ấn phẩm${kindsVi(t, "made")}; lãnh đạo đã phê duyệt ${t.approved} ấn phẩm${kindsVi(t, "approved")}; đã phát hành file in, file đăng tải ${t.published} ấn phẩm${kindsVi(t, "published")}.`,
    ),
    body(
      `Chỉ tiêu cả năm: ${t.targets.banners} băng rôn, ${t.targets.posters} áp phích, ${t.targets.socialPosts} bài đăng trên mạng xã hội, Cổng thông tin điện tử.`,
    ),
    heading("2. In ấn, treo đặt tại các vị trí"),
    body(
      `Đơn vị in đã in ${t.printedQty} bản, đã giao ${t.deliveredQty} bản; đã treo/đặt tại ${t.installed} vị trí, có ${t.photos} ảnh nghiệm thu (chi tiết tại ${appendix}).`,
    ),
    heading("3. Tuyên truyền trên Cổng thông tin điện tử, mạng xã hội"),
    body(`Đã đăng ${t.posted} bài${postsByChannelVi(r)} (chi tiết tại ${appendix}).`),
    heading("4. Kết quả theo nội dung tuyên truyền"),
    body(
      "Số liệu ghi theo dạng “đã thực hiện/chỉ tiêu”; số bản in/giao; số vị trí đã treo/đặt (số ảnh nghiệm thu).",
    ),
    dataTable(
      [
        { header: "Mục", widthMm: 11, align: "center" },
        { header: "Nội dung tuyên truyền", widthMm: 51 },
        { header: "Băng rôn đã phát hành", widthMm: 17, align: "center" },
        { header: "Áp phích đã phát hành", widthMm: 17, align: "center" },
        { header: "Bài đã đăng", widthMm: 16, align: "center" },
        { header: "Bản in/ giao", widthMm: 16, align: "center" },
        { header: "Vị trí treo/ đặt", widthMm: 22, align: "center" },
        { header: "Quá hạn", widthMm: 15, align: "center" },
      ],
      r.perItem.map((row) => [row.code, row.title, ...itemTargetCells(row, row.targets)]),
      ["", "Tổng cộng", ...itemTargetCells(t, t.targets)],
    ),
    heading("5. Kết quả theo nhiệm vụ cụ thể"),
    dataTable(
      [
        { header: "TT", widthMm: 9, align: "center" },
        { header: "Nhiệm vụ", widthMm: 56 },
        { header: "Cơ quan chủ trì", widthMm: 26 },
        { header: "Thời gian", widthMm: 20 },
        { header: "Sản phẩm; kết quả", widthMm: 54 },
      ],
      r.perTask.map((task) => [
        String(task.number),
        task.title,
        task.leadText,
        task.timeText,
        `Sản phẩm: ${task.product}\nKết quả: ${taskResultVi(task)}`,
      ]),
    ),
    heading("II. TỒN TẠI, HẠN CHẾ"),
    body(
      t.overdue
        ? `Còn ${t.overdue} ấn phẩm quá hạn hoàn thành chưa được phê duyệt (chi tiết tại ${appendix}).`
        : "Không có ấn phẩm quá hạn hoàn thành.",
    ),
    body(FILL_IN),
    heading("III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI"),
    body(FILL_IN),
    body(`Trên đây là báo cáo kết quả thực hiện ${meta.planTitle} của ${meta.issuer.bodyName}./.`),
    signatureBlock(r),
  ];
}

function signatureBlock(r: PlanReport): Table {
  const left = 80;
  const right = PORTRAIT_TEXT_MM - left;
  return layoutTable(
    [left, right],
    [
      plainCell(left, [
        para([run("Nơi nhận:", { size: 12, bold: true, italics: true })], { before: 12 }),
        para("- Lãnh đạo UBND xã (để báo cáo);", { size: 11 }),
        para(`- Lưu: VT, ${r.meta.issuer.abbreviation}.`, { size: 11 }),
      ]),
      plainCell(right, [
        centred("TRƯỞNG PHÒNG", { bold: true, before: 12 }),
        ...Array.from({ length: 5 }, () => centred("")),
      ]),
    ],
  );
}

function appendixChildren(r: PlanReport, photos: ReportPhotos): (Paragraph | Table)[] {
  const { meta } = r;
  const t = r.itemTotals;
  const none = () => body("Không có trong kỳ báo cáo.");
  return [
    centred("PHỤ LỤC", { bold: true }),
    centred(`Số liệu chi tiết ${periodVi(meta.period)}`, { bold: true }),
    centred(
      `(Kèm theo Báo cáo số        /BC-${meta.issuer.abbreviation} ngày      tháng      năm ${meta.today.slice(0, 4)} của ${meta.issuer.bodyName})`,
      { italics: true, after: 6 },
    ),
    heading("1. Số liệu theo nội dung tuyên truyền"),
    dataTable(
      [
        { header: "Mục", widthMm: 11, align: "center" },
        { header: "Nội dung tuyên truyền", widthMm: 76 },
        { header: "Chỉ tiêu băng rôn", widthMm: 15, align: "right" },
        { header: "Chỉ tiêu áp phích", widthMm: 15, align: "right" },
        { header: "Chỉ tiêu bài đăng", widthMm: 15, align: "right" },
        { header: "Đã tạo", widthMm: 14, align: "right" },
        { header: "Đã phê duyệt", widthMm: 15, align: "right" },
        { header: "Đã phát hành", widthMm: 15, align: "right" },
        { header: "Số bản đã in", widthMm: 14, align: "right" },
        { header: "Số bản đã giao", widthMm: 14, align: "right" },
        { header: "Vị trí đã treo/ đặt", widthMm: 14, align: "right" },
        { header: "Ảnh nghiệm thu", widthMm: 15, align: "right" },
        { header: "Bài đã đăng", widthMm: 12, align: "right" },
        { header: "Quá hạn", widthMm: 12, align: "right" },
      ],
      r.perItem.map((row) => [row.code, row.title, ...fullCounts(row, row.targets)]),
      ["", "Tổng cộng", ...fullCounts(t, t.targets)],
    ),
    heading("2. Bài đã đăng trên Cổng thông tin điện tử, mạng xã hội"),
    r.socialPosts.length
      ? dataTable(
          [
            { header: "STT", widthMm: 11, align: "center" },
            { header: "Mã ấn phẩm", widthMm: 44 },
            { header: "Mục", widthMm: 13, align: "center" },
            { header: "Kênh", widthMm: 24 },
            { header: "Địa chỉ bài đăng", widthMm: 138 },
            { header: "Ngày đăng", widthMm: 27, align: "center" },
          ],
          r.socialPosts.map((p, i) => [
            String(i + 1),
            p.assetCode,
            p.contentItemCode ?? "",
            p.channelLabel,
            p.url,
            viDate(p.postedOn),
          ]),
        )
      : none(),
    heading("3. Ấn phẩm đã treo/đặt tại các vị trí"),
    r.installations.length
      ? dataTable(
          [
            { header: "STT", widthMm: 11, align: "center" },
            { header: "Mã ấn phẩm", widthMm: 44 },
            { header: "Mục", widthMm: 13, align: "center" },
            { header: "Vị trí", widthMm: 64 },
            { header: "Loại vị trí", widthMm: 42 },
            { header: "Ngày treo/ đặt", widthMm: 26, align: "center" },
            { header: "Ngày tháo", widthMm: 26, align: "center" },
            { header: "Số ảnh", widthMm: 31, align: "center" },
          ],
          r.installations.map((x, i) => [
            String(i + 1),
            x.assetCode,
            x.contentItemCode ?? "",
            x.address ? `${x.placeName}\n${x.address}` : x.placeName,
            x.placeKindLabel,
            viDate(x.installedOn),
            viDate(x.removedOn),
            String(x.photos),
          ]),
        )
      : none(),
    ...installationPhotos(r, photos),
    heading("4. Ấn phẩm quá hạn hoàn thành"),
    r.overdue.length
      ? dataTable(
          [
            { header: "STT", widthMm: 11, align: "center" },
            { header: "Mã ấn phẩm", widthMm: 44 },
            { header: "Tên ấn phẩm", widthMm: 95 },
            { header: "Mục", widthMm: 13, align: "center" },
            { header: "Nhiệm vụ", widthMm: 18, align: "center" },
            { header: "Trạng thái", widthMm: 48 },
            { header: "Cần hoàn thành trước", widthMm: 28, align: "center" },
          ],
          r.overdue.map((o, i) => [
            String(i + 1),
            o.assetCode,
            o.assetTitle,
            o.contentItemCode ?? "",
            o.taskNumber === null ? "" : String(o.taskNumber),
            o.stateLabel,
            viDate(o.dueOn),
          ]),
        )
      : none(),
  ];
}

function fullCounts(c: ReportCounts, t: ItemTargets): string[] {
  return [
    t.banners,
    t.posters,
    t.socialPosts,
    c.made,
    c.approved,
    c.published,
    c.printedQty,
    c.deliveredQty,
    c.installed,
    c.photos,
    c.posted,
    c.overdue,
  ].map(String);
}

/** Page number centred at the top (Decree 30: from the second page on; the first has none). */
function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })],
      }),
    ],
  });
}

/**
 * The report as a .docx file (see the header of this file for the layout). Text is NFC. `photos`
 * (by photo id) are shown under the appendix's installations table. Resolves to the file's bytes.
 */
export async function planReportDocx(report: PlanReport, photos: ReportPhotos = new Map()): Promise<Buffer> {
  const doc = new Document({
    creator: report.meta.issuer.bodyName,
    title: `Báo cáo ${report.meta.reportTitle}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: pt(BODY) },
          paragraph: { spacing: { line: 264, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN },
          titlePage: true,
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
        children: portraitChildren(report),
      },
      {
        properties: {
          page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: LANDSCAPE_MARGIN },
        },
        headers: { default: pageNumberHeader() },
        children: appendixChildren(report, photos),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Width of the text area in mm, portrait and landscape (tests check the tables fit). */
export const REPORT_TEXT_WIDTH_MM = { portrait: PORTRAIT_TEXT_MM, landscape: LANDSCAPE_TEXT_MM };
