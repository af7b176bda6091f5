import { DomainError, type ErrorDetails } from "../../domain/errors";

export type PrintOrderErrorCode =
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "NOT_PUBLISHED"
  | "BLOCKED"
  | "NOT_PRINTED"
  | "ALREADY_MARKED"
  | "ORDER_CANCELLED";

const MESSAGES_VI: Record<PrintOrderErrorCode, string> = {
  INVALID_INPUT: "Thông tin đơn đặt in không hợp lệ.",
  NOT_FOUND: "Không tìm thấy đơn đặt in hoặc dòng đơn này.",
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này với đơn đặt in.",
  NOT_PUBLISHED: "Chỉ đặt in được ấn phẩm đã được phê duyệt và phát hành.",
  BLOCKED: "Ấn phẩm của dòng này đã bị thu hồi: không được in hay giao tiếp.",
  NOT_PRINTED: "Dòng này chưa được xác nhận đã in, nên chưa thể xác nhận đã giao.",
  ALREADY_MARKED: "Dòng này đã được xác nhận rồi.",
  ORDER_CANCELLED: "Đơn đặt in đã bị hủy.",
};

/**
 * A print order refused. `message` (English, for logs) defaults to the code, `messageVi` to the
 * code's standard sentence; INVALID_INPUT may carry `details.field` and `details.line` (1-based).
 */
export class PrintOrderError extends DomainError {
  readonly code: PrintOrderErrorCode;

  constructor(code: PrintOrderErrorCode, message?: string, messageVi?: string, details: ErrorDetails = {}) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code, details);
    this.name = "PrintOrderError";
    this.code = code;
  }
}

/** Whether `e` is a PrintOrderError (a refusal with its code and Vietnamese message). */
export function isPrintOrderError(e: unknown): e is PrintOrderError {
  return e instanceof PrintOrderError;
}
