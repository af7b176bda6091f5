import { DomainError, type ErrorDetails } from "../../domain/errors";
import { HEIC_HOW_TO_VI } from "../images";
import { PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, PHOTOS_PER_INSTALLATION_MAX } from "./limits";

export type InstallationErrorCode =
  | "PHOTO_TYPE"
  | "PHOTO_TOO_LARGE"
  | "PHOTO_TOO_MANY_PIXELS"
  | "PHOTO_HEIC"
  | "PHOTO_UNREADABLE"
  | "PHOTO_LIMIT"
  | "INVALID_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "BLOCKED"
  | "ORDER_CANCELLED"
  | "NOT_DELIVERED"
  | "ALREADY_RECORDED";

const MB = (bytes: number) => Math.round(bytes / (1024 * 1024));
const MP = (pixels: number) => Math.round(pixels / 1_000_000);

const MESSAGES_VI: Record<InstallationErrorCode, string> = {
  PHOTO_TYPE: "Tệp gửi lên không phải ảnh JPEG, PNG hoặc WebP. Hãy chọn ảnh chụp từ điện thoại.",
  PHOTO_TOO_LARGE: `Ảnh quá lớn (tối đa ${MB(PHOTO_MAX_BYTES)} MB mỗi ảnh).`,
  PHOTO_TOO_MANY_PIXELS: `Ảnh có quá nhiều điểm ảnh (tối đa ${MP(PHOTO_MAX_PIXELS)} megapixel). Hãy chụp lại ở độ phân giải thường của điện thoại.`,
  PHOTO_HEIC: HEIC_HOW_TO_VI,
  PHOTO_UNREADABLE: "Không đọc được ảnh (tệp bị hỏng hoặc chưa tải lên hết). Hãy chụp hoặc chọn lại ảnh.",
  PHOTO_LIMIT: `Mỗi lần nghiệm thu giữ tối đa ${PHOTOS_PER_INSTALLATION_MAX} ảnh.`,
  INVALID_INPUT: "Dữ liệu gửi lên không hợp lệ.",
  NOT_FOUND: "Không tìm thấy dòng đặt in, vị trí hoặc ảnh nghiệm thu.",
  FORBIDDEN:
    "Bạn không có quyền ghi nhận nghiệm thu cho ấn phẩm này. Chỉ Phòng Văn hóa - Xã hội, quản trị hoặc cán bộ soạn thảo ấn phẩm được ghi nhận.",
  BLOCKED: "Ấn phẩm đã bị thu hồi: không ghi nhận treo/đặt thêm. Hãy tháo các bản đã treo.",
  ORDER_CANCELLED: "Đơn đặt in đã bị hủy: không ghi nhận treo/đặt theo đơn này.",
  NOT_DELIVERED:
    "Đơn vị in chưa xác nhận đã giao dòng này. Chỉ ghi nhận treo/đặt sau khi ấn phẩm đã được giao.",
  ALREADY_RECORDED: "Việc này đã được ghi nhận trước đó.",
};

/**
 * A refusal of installation proof (nghiệm thu) or of one of its photos. `code` is stable for
 * programs; `messageVi` defaults to the sentence for the code; `details` may name the file
 * (`details.file`) so a form can say which photo was refused.
 */
export class InstallationError extends DomainError {
  readonly code: InstallationErrorCode;

  constructor(code: InstallationErrorCode, message?: string, messageVi?: string, details: ErrorDetails = {}) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code, details);
    this.name = "InstallationError";
    this.code = code;
  }
}

export function isInstallationError(e: unknown, code?: InstallationErrorCode): e is InstallationError {
  return e instanceof InstallationError && (code === undefined || e.code === code);
}
