import type { AssetEventType } from "../../domain/decisions";
import { WorkflowError } from "../../domain/workflow-error";
import { parseStoredPreflight, type StoredPreflight, toStoredPreflight } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { first } from "../../storage/db/sync";

/** Events that move a version towards print: refused while its stored preflight lists errors. */
const PREFLIGHT_GATED: Partial<Record<AssetEventType, string>> = {
  SUBMIT: "Không thể gửi duyệt phiên bản này",
  FORWARD: "Không thể chuyển lãnh đạo phê duyệt phiên bản này",
  APPROVE: "Không thể phê duyệt phiên bản này",
};

/**
 * PREFLIGHT_FAILED naming every error. `details.errors` lists them ({code, messageVi}) and
 * `details.summaryVi` is the message without the list, for a UI that shows the list itself.
 * `what` opens the Vietnamese message ("Chưa tạo ấn phẩm", …); `details` are merged in.
 */
export function preflightFailure(
  errors: readonly { code: string; messageVi: string }[],
  what: string,
  details: Record<string, unknown> = {},
): WorkflowError {
  const summaryVi = `${what}: kiểm tra trước khi in phát hiện ${errors.length} lỗi. Hãy sửa nội dung rồi thử lại.`;
  const list = errors.map((e) => e.messageVi).join(" ");
  return new WorkflowError(
    "PREFLIGHT_FAILED",
    `preflight errors: ${errors.map((e) => e.code).join(", ")}`,
    { ...details, errors: errors.map((e) => ({ code: e.code, messageVi: e.messageVi })), summaryVi },
    `${what}: kiểm tra trước khi in phát hiện ${errors.length} lỗi. ${list} Hãy sửa nội dung rồi thử lại.`,
  );
}

/**
 * Refuses a render whose preflight found errors, before anything is written: PREFLIGHT_FAILED.
 * Returns the report as it will be stored, or null when the render came without one.
 */
export function checkPreflight(
  preflight: StoredPreflight | null | undefined,
  what: string,
): StoredPreflight | null {
  if (!preflight) return null;
  const stored = toStoredPreflight(preflight);
  if (stored.errors.length) throw preflightFailure(stored.errors, what);
  return stored;
}

/**
 * The gate on SUBMIT, FORWARD and APPROVE: PREFLIGHT_FAILED (details.event = the event) when the
 * version's stored preflight lists errors. Other events, and versions stored without a report, pass.
 */
export function refuseFailedPreflight(handle: DbHandle, versionId: string, type: AssetEventType): void {
  const what = PREFLIGHT_GATED[type];
  if (!what) return;
  const row = first(
    handle.conn,
    handle.db.selectFrom("asset_versions").select("preflight_json").where("id", "=", versionId),
  );
  const stored = parseStoredPreflight(row?.preflight_json);
  if (stored?.errors.length) throw preflightFailure(stored.errors, what, { event: type });
}
