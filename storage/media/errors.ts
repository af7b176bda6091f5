import { DomainError, type ErrorDetails } from "../../domain/errors";
import { HEIC_HOW_TO_VI } from "../images";
import { LOGO_MIN_EDGE_PX, MEDIA_MAX_BYTES, MEDIA_MAX_PIXELS, SVG_MAX_BYTES } from "./limits";

export type MediaErrorCode =
  | "MEDIA_TOO_LARGE"
  | "MEDIA_TOO_MANY_PIXELS"
  | "MEDIA_HEIC"
  | "MEDIA_TYPE"
  | "MEDIA_UNREADABLE"
  | "MEDIA_SVG_UNSAFE"
  | "MEDIA_LOGO_TOO_SMALL"
  | "MEDIA_NOT_FOUND"
  | "MEDIA_FORBIDDEN"
  | "MEDIA_INVALID_INPUT";

const MB = (bytes: number) => Math.round(bytes / (1024 * 1024));
const MP = (pixels: number) => Math.round(pixels / 1_000_000);

/** Vietnamese thousands: 10 000 (a thin gap, as the print shops write sizes). */
export const groupVi = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");

const MESSAGES_VI: Record<MediaErrorCode, string> = {
  MEDIA_TOO_LARGE: `Tệp quá lớn: ảnh tối đa ${MB(MEDIA_MAX_BYTES)} MB, logo SVG tối đa ${MB(SVG_MAX_BYTES)} MB.`,
  MEDIA_TOO_MANY_PIXELS: `Ảnh có quá nhiều điểm ảnh (tối đa ${MP(MEDIA_MAX_PIXELS)} megapixel). Hãy thu nhỏ ảnh rồi gửi lại.`,
  MEDIA_HEIC: HEIC_HOW_TO_VI,
  MEDIA_TYPE:
    "Tệp không phải ảnh JPEG, PNG, WebP hoặc logo SVG (kiểm tra theo nội dung tệp, không theo tên tệp).",
  MEDIA_UNREADABLE: "Không đọc được tệp (tệp bị hỏng hoặc chưa tải lên hết). Hãy chọn lại tệp.",
  MEDIA_SVG_UNSAFE:
    "Tệp SVG có thành phần không an toàn nên không được nhận. Hãy xuất lại logo dưới dạng SVG thuần (không script, không liên kết ra ngoài) hoặc PNG.",
  MEDIA_LOGO_TOO_SMALL: `Logo PNG quá nhỏ để in: cần ít nhất ${LOGO_MIN_EDGE_PX} điểm ảnh ở cạnh dài. Hãy gửi logo SVG hoặc PNG lớn hơn.`,
  MEDIA_NOT_FOUND: "Không tìm thấy ảnh trong thư viện.",
  MEDIA_FORBIDDEN:
    "Bạn không có quyền thay đổi thư viện ảnh. Cán bộ soạn thảo, Phòng Văn hóa - Xã hội và quản trị được tải ảnh lên.",
  MEDIA_INVALID_INPUT: "Dữ liệu gửi lên không hợp lệ.",
};

/**
 * A refusal of the media library (decision 036). `code` is stable for programs; `messageVi`
 * defaults to the sentence for the code and is usually given with the numbers of the case
 * (pixels, megabytes, what an SVG was found to hold); `details.file` names the upload it is about.
 */
export class MediaError extends DomainError {
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message?: string, messageVi?: string, details: ErrorDetails = {}) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code, details);
    this.name = "MediaError";
    this.code = code;
  }
}

/** Whether `e` is a MediaError (of `code`, when given). */
export function isMediaError(e: unknown, code?: MediaErrorCode): e is MediaError {
  return e instanceof MediaError && (code === undefined || e.code === code);
}
