import { DomainError, type ErrorDetails } from "../../domain/errors";

// Refusals of the plan report's own writes (targets, "đã đăng" records) and of its period.

export const REPORT_ERROR_CODES = [
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_TARGET",
  "INVALID_DATE",
  "INVALID_PERIOD",
  "FUTURE_DATE",
  "INVALID_CHANNEL",
  "INVALID_URL",
  "INVALID_INPUT",
  "NOT_PUBLISHED",
  "NOT_SOCIAL_FORMAT",
  "DUPLICATE_POST",
] as const;
export type ReportErrorCode = (typeof REPORT_ERROR_CODES)[number];

export const REPORT_MESSAGES_VI: Record<ReportErrorCode, string> = {
  FORBIDDEN: "Bạn không có quyền thực hiện thao tác này.",
  NOT_FOUND: "Không tìm thấy dữ liệu yêu cầu (kế hoạch, nội dung, ấn phẩm hoặc bài đăng).",
  INVALID_TARGET: "Chỉ tiêu phải là số nguyên từ 0 đến 100.000.",
  INVALID_DATE: "Ngày không hợp lệ; ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2026.",
  INVALID_PERIOD: "Kỳ báo cáo không hợp lệ: ngày bắt đầu phải trước hoặc trùng ngày kết thúc.",
  FUTURE_DATE: "Ngày đăng không được sau ngày hôm nay.",
  INVALID_CHANNEL: "Kênh đăng không hợp lệ; chọn Fanpage, YouTube, Zalo OA hoặc Cổng TTĐT.",
  INVALID_URL:
    "Địa chỉ bài đăng không hợp lệ: cần một địa chỉ web đầy đủ bắt đầu bằng https:// hoặc http:// (tối đa 2.000 ký tự).",
  INVALID_INPUT: "Dữ liệu gửi lên không hợp lệ.",
  NOT_PUBLISHED: "Chỉ ghi nhận bài đăng cho ấn phẩm đã phát hành.",
  NOT_SOCIAL_FORMAT: "Chỉ ấn phẩm khổ màn hình, mạng xã hội mới ghi nhận bài đăng.",
  DUPLICATE_POST: "Bài đăng này (cùng kênh, cùng địa chỉ) đã được ghi nhận cho ấn phẩm.",
};

/** A refusal of storage/report: stable `code`, Vietnamese `messageVi` (the code's sentence unless given). */
export class ReportError extends DomainError {
  readonly code: ReportErrorCode;

  constructor(code: ReportErrorCode, message?: string, details: ErrorDetails = {}, messageVi?: string) {
    super(messageVi ?? REPORT_MESSAGES_VI[code], message ?? code, details);
    this.name = "ReportError";
    this.code = code;
  }
}

/** Whether `e` is a refusal of storage/report. */
export function isReportError(e: unknown): e is ReportError {
  return e instanceof ReportError;
}
