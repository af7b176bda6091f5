import { isRenderError } from "../../templates/errors";
import { isWorkflowError } from "../../workflows/errors";
import { isObjectStoreError } from "../../storage/objects/index.server";

/** A Vietnamese message for an expected refusal; unexpected errors are logged and rethrown. */
export function userMessage(e: unknown): string {
  if (isRenderError(e) || isWorkflowError(e)) return e.messageVi;
  if (isObjectStoreError(e)) return "Kho lưu trữ file tạm thời không sẵn sàng. Vui lòng thử lại sau.";
  console.error(e);
  throw e;
}

/**
 * A refusal for a form: the message, and for a preflight refusal (PREFLIGHT_FAILED) the errors one
 * by one so the form can list them. Unexpected errors are logged and rethrown.
 */
export function userRefusal(e: unknown): { error: string; issues: string[] } {
  if (isWorkflowError(e) && e.code === "PREFLIGHT_FAILED") {
    const errors = (e.details?.errors ?? []) as { messageVi: string }[];
    const summary = typeof e.details?.summaryVi === "string" ? e.details.summaryVi : e.messageVi;
    return { error: summary, issues: errors.map((i) => i.messageVi) };
  }
  return { error: userMessage(e), issues: [] };
}
