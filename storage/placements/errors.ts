import { DomainError, type ErrorDetails } from "../../domain/errors";

export type PlacementErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "DUPLICATE" | "FORBIDDEN";

const MESSAGES_VI: Record<PlacementErrorCode, string> = {
  INVALID_INPUT: "Thông tin vị trí không hợp lệ.",
  NOT_FOUND: "Không tìm thấy vị trí này.",
  DUPLICATE: "Kế hoạch đã có một vị trí trùng tên; hãy đặt tên khác để phân biệt.",
  FORBIDDEN: "Chỉ Phòng Văn hóa - Xã hội và quản trị viên được sửa danh sách vị trí.",
};

/**
 * A change to the register of placements refused. `message` (English, for logs) defaults to the
 * code, `messageVi` to the code's standard sentence; INVALID_INPUT carries `details.field` (the
 * input field at fault: kind, name, address, lat, lng, frameText, formatIds, note).
 */
export class PlacementError extends DomainError {
  readonly code: PlacementErrorCode;

  constructor(code: PlacementErrorCode, message?: string, messageVi?: string, details: ErrorDetails = {}) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code, details);
    this.name = "PlacementError";
    this.code = code;
  }
}

/** Whether `e` is a PlacementError (a refusal with its code and Vietnamese message). */
export function isPlacementError(e: unknown): e is PlacementError {
  return e instanceof PlacementError;
}
