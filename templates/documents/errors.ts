import { DomainError } from "../../domain/errors";

// What signing a document can refuse. Both are the operator's to fix (the key file and its
// password come from SIGNING_P12_PATH / SIGNING_P12_PASSWORD), so both are faults: logged for the
// operator, and a person asking for the minute reads that it cannot be signed right now.

export type SigningErrorCode =
  /** The PKCS#12 file cannot be read or opened: wrong password, not a P12, no key or no matching certificate. */
  | "SIGNING_P12_INVALID"
  /** The key opened but the signature could not be made (an unsupported key type, a signature too large). */
  | "SIGNING_FAILED";

const MESSAGES_VI: Record<SigningErrorCode, string> = {
  SIGNING_P12_INVALID:
    "Không mở được tệp chứng thư số để ký (sai mật khẩu, hoặc tệp không phải PKCS#12 có khóa và chứng thư); vui lòng báo quản trị hệ thống.",
  SIGNING_FAILED: "Không ký số được tài liệu; vui lòng báo quản trị hệ thống.",
};

export class SigningError extends DomainError {
  readonly code: SigningErrorCode;
  override readonly fault = true;

  /** `cause` is the library's own error, kept for the log; `message` says what failed in English. */
  constructor(code: SigningErrorCode, message: string, options?: { cause?: unknown }) {
    super(MESSAGES_VI[code], `${code}: ${message}`, {}, options);
    this.name = "SigningError";
    this.code = code;
  }
}
