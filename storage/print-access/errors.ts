import { DomainError } from "../../domain/errors";

export type PrintAccessErrorCode = "FORBIDDEN" | "NOT_PUBLISHED" | "REVOKED" | "NOT_FOUND" | "INVALID_INPUT";

const MESSAGES_VI: Record<PrintAccessErrorCode, string> = {
  FORBIDDEN:
    "Bạn không có quyền tải hoặc xác nhận file in. Chỉ đơn vị in ấn được cấp quyền mới thực hiện được.",
  NOT_PUBLISHED: "Ấn phẩm chưa được phát hành nên chưa thể tải file in.",
  REVOKED: "Ấn phẩm đã bị thu hồi; không được tải hay in file này nữa.",
  NOT_FOUND: "Không tìm thấy ấn phẩm hoặc file in.",
  INVALID_INPUT: "Dữ liệu gửi lên không hợp lệ.",
};

/**
 * A print shop's request refused. `message` (English, for logs) defaults to the code;
 * `messageVi` defaults to the standard sentence for the code.
 */
export class PrintAccessError extends DomainError {
  readonly code: PrintAccessErrorCode;

  constructor(code: PrintAccessErrorCode, message?: string, messageVi?: string) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code);
    this.name = "PrintAccessError";
    this.code = code;
  }
}

export function isPrintAccessError(e: unknown): e is PrintAccessError {
  return e instanceof PrintAccessError;
}
