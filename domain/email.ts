import { WorkflowError } from "./workflow-error";

// A person's e-mail address and how they want to hear by e-mail (decision 080). Pure words: the
// admin's user form, the person's own settings and the notifier all read them from here.

/** instant: one e-mail per notice; digest: one e-mail a day listing them; off: the in-app inbox only. */
export const EMAIL_NOTIFY_MODES = ["instant", "digest", "off"] as const;
export type EmailNotifyMode = (typeof EMAIL_NOTIFY_MODES)[number];

export const EMAIL_NOTIFY_MODE_LABELS_VI: Record<EmailNotifyMode, string> = {
  instant: "Gửi thư ngay khi có việc",
  digest: "Gộp thành một thư mỗi ngày",
  off: "Không nhận thư (chỉ xem trong hộp thông báo)",
};

export function isEmailNotifyMode(value: unknown): value is EmailNotifyMode {
  return typeof value === "string" && (EMAIL_NOTIFY_MODES as readonly string[]).includes(value);
}

/** RFC 5321's limit on a path; longer addresses are refused by mail servers anyway. */
export const EMAIL_MAX_CHARS = 254;

// What a commune's staff addresses look like: ASCII local part (no quoting, no comments), a dotted
// domain of letters, digits and hyphens. Stricter than RFC 5322 on purpose: an address that reads
// oddly is far more often a typo than a real mailbox, and a typo silently loses every notice.
const ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * The address as stored: trimmed and lower-cased (mail systems treat addresses case-insensitively
 * in practice, and one person must not hold two spellings); "" or null → null (no address).
 * Throws WorkflowError INVALID_INPUT (details.field = "email") with a Vietnamese message for
 * anything that does not look like a deliverable address.
 */
export function normalizeEmail(input: string | null | undefined): string | null {
  const s = (input ?? "").normalize("NFC").trim();
  if (s === "") return null;
  if (s.length > EMAIL_MAX_CHARS || !ADDRESS.test(s)) {
    throw new WorkflowError(
      "INVALID_INPUT",
      "invalid e-mail address",
      { field: "email" },
      "Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten.canbo@lacphuong.gov.vn).",
    );
  }
  return s.toLowerCase();
}
