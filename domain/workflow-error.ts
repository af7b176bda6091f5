import { DomainError, type ErrorDetails } from "./errors";

export const WORKFLOW_ERROR_CODES = [
  "NOT_FOUND",
  "FORBIDDEN",
  "INVALID_TRANSITION",
  "STALE_VERSION",
  "CONFLICT",
  "REASON_REQUIRED",
  "COMMENT_TOO_LONG",
  "INVALID_INPUT",
  "SEPARATION_OF_DUTIES",
  "PREFLIGHT_FAILED",
  "SNAPSHOT_UNKNOWN",
] as const;
export type WorkflowErrorCode = (typeof WORKFLOW_ERROR_CODES)[number];

const MESSAGES_VI: Record<WorkflowErrorCode, string> = {
  NOT_FOUND: "Không tìm thấy ấn phẩm hoặc dữ liệu liên quan.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này ở bước hiện tại.",
  INVALID_TRANSITION: "Thao tác này không hợp lệ ở trạng thái hiện tại của ấn phẩm.",
  STALE_VERSION:
    "Ấn phẩm đã có phiên bản mới hơn; vui lòng tải lại và xem phiên bản hiện hành trước khi xử lý.",
  CONFLICT: "Ấn phẩm vừa được người khác xử lý; vui lòng tải lại trang.",
  REASON_REQUIRED: "Vui lòng chọn lý do (và ghi rõ nội dung nếu chọn “Khác”).",
  COMMENT_TOO_LONG: "Nội dung ý kiến quá dài (tối đa 2.000 ký tự).",
  INVALID_INPUT: "Dữ liệu gửi lên không hợp lệ.",
  SEPARATION_OF_DUTIES:
    "Người đã soạn, chỉnh sửa, gửi duyệt hoặc đã chuyển phiên bản này không được tự thẩm định hay phê duyệt; cần một cán bộ khác.",
  PREFLIGHT_FAILED:
    "Kiểm tra trước khi in phát hiện lỗi trên ấn phẩm; hãy sửa nội dung rồi tạo phiên bản mới trước khi gửi duyệt.",
  SNAPSHOT_UNKNOWN:
    "Không đọc được trạng thái quy trình duyệt đã lưu của ấn phẩm này (dữ liệu do một phiên bản phần mềm khác ghi hoặc đã bị sửa). Ấn phẩm tạm thời không xử lý được; vui lòng báo quản trị hệ thống. Các ấn phẩm khác vẫn xử lý bình thường.",
};

/**
 * Refusal with a stable code for programs and a Vietnamese message for people. Nothing was written.
 * `messageVi` replaces the code's generic message when the refusal can say more (which character
 * of which field, which preflight errors).
 */
export class WorkflowError extends DomainError {
  readonly code: WorkflowErrorCode;

  constructor(code: WorkflowErrorCode, message?: string, details: ErrorDetails = {}, messageVi?: string) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code, details);
    this.name = "WorkflowError";
    this.code = code;
  }
}

export function isWorkflowError(e: unknown): e is WorkflowError {
  return e instanceof WorkflowError;
}
