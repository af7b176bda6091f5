import { settings } from "../../config/env.server";
import { AUDIT_FAILURE_LABELS_VI, describeAuditRow, verifyAuditChain } from "../../storage/audit";
import { openAppDatabase } from "./database";

const USAGE = "usage: audit verify [--json]";

/**
 * `audit verify`: checks the audit chain of the database the app uses (DATABASE_PATH / DATA_DIR)
 * with its key (AUDIT_KEY / the key file beside it). Intact: one line with the row count, exit 0.
 * Broken: one line naming the first bad row (id, action, asset code), exit 1.
 */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "--help" || sub === "-h") {
    console.log(USAGE);
    return 0;
  }
  if (sub !== "verify" || rest.some((a) => a !== "--json")) {
    console.error(`USAGE: ${USAGE}`);
    return 2;
  }
  const json = rest.includes("--json");
  const handle = openAppDatabase();
  if (!handle) return 1;
  try {
    const r = verifyAuditChain(handle, { env: { AUDIT_KEY: settings().auditKey } });
    if (r.ok) {
      if (json) process.stdout.write(`${JSON.stringify({ ok: true, count: r.count })}\n`);
      else console.log(`Nhật ký kiểm toán nguyên vẹn: ${r.count} bản ghi.`);
      return 0;
    }
    const row = describeAuditRow(handle, r.firstBadId);
    if (json) {
      process.stdout.write(
        `${JSON.stringify({
          ok: false,
          firstBadId: r.firstBadId,
          action: row?.action ?? null,
          assetCode: row?.assetCode ?? null,
          code: r.code,
          reason: r.reason,
        })}\n`,
      );
    }
    const where =
      r.firstBadId == null
        ? ""
        : ` từ bản ghi #${r.firstBadId}${row ? ` (${row.action}, ${row.assetCode ?? "không gắn ấn phẩm"})` : " (không còn trong nhật ký)"}`;
    console.error(
      `AUDIT_CHAIN_BROKEN: nhật ký kiểm toán bị sửa đổi${where}: ${AUDIT_FAILURE_LABELS_VI[r.code]} — ${r.reason}`,
    );
    return 1;
  } finally {
    handle.close();
  }
}
