import { isDomainError } from "../../domain/errors";
import { parsePeriod } from "../../app/lib/report-period.server";
import { DEFAULT_PLAN_ID } from "../../storage/plan";
import { settings } from "../../config/env.server";
import { getObjectStore } from "../../storage/objects/index.server";
import { checkPeriod, loadInstallationPhotos, planReport } from "../../storage/report";
import { periodVi } from "../../templates/documents/report-data";
import { planReportDocx } from "../../templates/documents/report-docx";
import { planReportXlsx } from "../../templates/documents/report-xlsx";
import { openAppDatabase } from "./database";
import { describeError, parse, writeAtomic } from "./output";

const USAGE = "usage: report --out FILE.xlsx|FILE.docx [--from dd/mm/yyyy] [--to dd/mm/yyyy]";

const WRITERS = { xlsx: planReportXlsx, docx: planReportDocx } as const;

/**
 * `report --out FILE.xlsx|FILE.docx [--from dd/mm/yyyy] [--to dd/mm/yyyy]`: the plan report
 * (issue 13 §5) of the database the app uses, as a workbook or an editable Decree 30 report; the
 * extension picks which. Writes the file whole or not at all and prints one line with the totals.
 * Exit 0; 2 with one `CODE: message` line on stderr for bad usage (USAGE), an extension other than
 * .xlsx/.docx (BAD_EXTENSION), a date that does not exist (INVALID_DATE) or a period that ends
 * before it starts (INVALID_PERIOD); 1 for DATABASE_NOT_FOUND or a plan that is not there (NOT_FOUND).
 */
export async function reportCommand(args: string[]): Promise<number> {
  let values: { out?: string; from?: string; to?: string; help?: boolean };
  try {
    const parsed = parse(args, {
      out: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      help: { type: "boolean" },
    });
    if (parsed.positionals.length) throw new Error(`unexpected ${parsed.positionals.join(" ")}`);
    values = parsed.values;
  } catch (e) {
    console.error(`USAGE: ${isDomainError(e) ? e.messageVi : (e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.out) {
    console.error(`USAGE: thiếu --out FILE.xlsx|FILE.docx\n${USAGE}`);
    return 2;
  }
  const ext = /\.(xlsx|docx)$/i.exec(values.out)?.[1]?.toLowerCase() as keyof typeof WRITERS | undefined;
  if (!ext) {
    console.error(`BAD_EXTENSION: tệp ra phải có đuôi .xlsx hoặc .docx (nhận "${values.out}").`);
    return 2;
  }
  let period: { from: string | null; to: string | null };
  try {
    period = checkPeriod(parsePeriod({ fromText: values.from ?? "", toText: values.to ?? "" }));
  } catch (e) {
    console.error(describeError(e));
    return 2;
  }
  const handle = openAppDatabase();
  if (!handle) return 1;
  try {
    const report = planReport(handle, { planId: DEFAULT_PLAN_ID, ...period });
    // The installation photos come from the app's object store; one that cannot be read is left out and said.
    const { photos, missing } = await loadInstallationPhotos(
      handle,
      getObjectStore(settings().objectStore),
      report,
    );
    if (missing)
      console.error(
        `CẢNH BÁO PHOTO_MISSING: ${missing} ảnh nghiệm thu không đọc được từ kho lưu trữ, bỏ qua.`,
      );
    const bytes = await WRITERS[ext](report, photos);
    await writeAtomic(values.out, bytes);
    const t = report.itemTotals;
    console.log(
      `Đã ghi báo cáo ${ext.toUpperCase()} (${periodVi(report.meta.period)}) vào ${values.out}: ` +
        `${t.made} ấn phẩm đã tạo, ${t.approved} đã phê duyệt, ${t.published} đã phát hành; ` +
        `${t.printedQty} bản đã in, ${t.deliveredQty} đã giao; ${t.installed} vị trí đã treo/đặt (${t.photos} ảnh); ` +
        `${t.posted} bài đã đăng; ${t.overdue} quá hạn.`,
    );
    return 0;
  } finally {
    handle.close();
  }
}
