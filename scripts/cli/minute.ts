import { settings } from "../../config/env.server";
import { approvalMinutePdf } from "../../storage/minute";
import { bytesVi } from "../../templates/documents/vn-text";
import { openAppDatabase } from "./database";
import { parse, UsageError, writeAtomic } from "./output";

const USAGE = "usage: minute CODE --out FILE.pdf [--version N]";

/**
 * `minute CODE --out FILE.pdf [--version N]`: the approval minute (Phiếu duyệt ấn phẩm, decision
 * 032) of an asset's approved version — the one approved last unless N is given — from the
 * database the app uses, signed when SIGNING_P12_PATH / SIGNING_P12_PASSWORD are set. CODE is the
 * asset code (or id). Writes the file whole or not at all; prints one line. Exit 0; 1 with one
 * `CODE: message` line (ASSET_NOT_FOUND, VERSION_NOT_FOUND, NOT_APPROVED, SIGNING_P12_INVALID,
 * USAGE, DATABASE_NOT_FOUND …); 2 when CODE or --out is missing.
 */
export async function minuteCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: "string" },
    version: { type: "string" },
    help: { type: "boolean" },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || !values.out) {
    console.error(`USAGE: ${USAGE}`);
    return 2;
  }
  if (!values.out.toLowerCase().endsWith(".pdf")) {
    throw new UsageError(`tệp ra phải có đuôi .pdf (nhận "${values.out}").`);
  }
  if (values.version !== undefined && !/^[1-9]\d{0,5}$/.test(values.version)) {
    throw new UsageError(`--version phải là số phiên bản 1, 2, … (nhận "${values.version}").`);
  }
  const s = settings();
  const handle = openAppDatabase();
  if (!handle) return 1;
  try {
    const minute = await approvalMinutePdf(handle, positionals[0], {
      versionN: values.version === undefined ? undefined : Number(values.version),
      verifyOrigin: s.fileOrigin,
      signing: s.signing,
    });
    await writeAtomic(values.out, minute.pdf);
    const signed = minute.signed ? "có chữ ký số" : "chưa ký số";
    console.log(
      `${minute.data.assetCode}: đã ghi phiếu duyệt phiên bản ${minute.data.versionN} vào ${values.out} (${bytesVi(minute.pdf.length)}, ${signed}).`,
    );
    return 0;
  } finally {
    handle.close();
  }
}
