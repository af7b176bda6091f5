import { DomainError } from "../../domain/errors";

// What asking for an approval minute can refuse: each is a refusal a person can act on (another
// code, another version), not a fault.

export type MinuteErrorCode = "ASSET_NOT_FOUND" | "VERSION_NOT_FOUND" | "NOT_APPROVED";

const MESSAGES_VI: Record<MinuteErrorCode, string> = {
  ASSET_NOT_FOUND: "Không tìm thấy ấn phẩm này.",
  VERSION_NOT_FOUND: "Ấn phẩm này không có phiên bản được yêu cầu.",
  NOT_APPROVED: "Phiên bản này chưa từng được phê duyệt nên chưa có phiếu duyệt.",
};

export class MinuteError extends DomainError {
  readonly code: MinuteErrorCode;

  /** `message` names what was asked for, in English, for logs and the CLI's tests. */
  constructor(code: MinuteErrorCode, message: string) {
    super(MESSAGES_VI[code], `${code}: ${message}`, {});
    this.name = "MinuteError";
    this.code = code;
  }
}
