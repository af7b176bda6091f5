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
