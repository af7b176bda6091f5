import { DomainError, type ErrorDetails } from "../../domain/errors";

export type BrandErrorCode = "BRAND_KIT_INVALID" | "BRAND_LOGO_INVALID" | "BRAND_SNAPSHOT_UNREADABLE";

const MESSAGES_VI: Record<BrandErrorCode, string> = {
  BRAND_KIT_INVALID: "Bộ nhận diện chưa hợp lệ; hãy sửa các mục được báo rồi lưu lại.",
  BRAND_LOGO_INVALID: "Logo đã chọn không dùng được: cần một logo SVG hoặc PNG trong thư viện ảnh.",
  BRAND_SNAPSHOT_UNREADABLE:
    "Không đọc được bộ nhận diện đã lưu cùng phiên bản này, nên không vẽ lại được file của phiên bản.",
};

/**
 * A brand kit refused or unreadable. BRAND_KIT_INVALID carries `details.problems`
 * ({ field, messageVi }[], every problem of the form at once; `messageVi` is the first);
 * BRAND_LOGO_INVALID `details.mediaId`; BRAND_SNAPSHOT_UNREADABLE (a version's stored kit that no
 * longer parses) is a fault: the operator hears of it.
 */
export class BrandError extends DomainError {
  readonly code: BrandErrorCode;
  override readonly fault: boolean;

  constructor(code: BrandErrorCode, message?: string, messageVi?: string, details: ErrorDetails = {}) {
    super(messageVi ?? MESSAGES_VI[code], message ?? code, details);
    this.name = "BrandError";
    this.code = code;
    this.fault = code === "BRAND_SNAPSHOT_UNREADABLE";
  }
}

/** Whether `e` is a BrandError. */
export function isBrandError(e: unknown): e is BrandError {
  return e instanceof BrandError;
}
