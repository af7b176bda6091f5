import { formatIsoDayVi } from "./format";
import { isIsoDate, vnDate } from "../../domain/working-days";
import { InstallationError } from "./errors";

/**
 * A day as the forms send it — "YYYY-MM-DD" (a date input) or "dd/mm/yyyy" (typed) — as ISO
 * "YYYY-MM-DD". Throws InstallationError INVALID_INPUT naming `fieldVi` for anything else or a
 * day that does not exist.
 */
export function parseDay(raw: string, fieldVi: string): string {
  const s = raw.trim();
  const vi = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = vi ? `${vi[3]}-${vi[2].padStart(2, "0")}-${vi[1].padStart(2, "0")}` : s;
  if (!isIsoDate(iso)) {
    throw new InstallationError(
      "INVALID_INPUT",
      `bad ${fieldVi}: ${JSON.stringify(raw)}`,
      `${fieldVi} không hợp lệ (nhập dạng ngày/tháng/năm, ví dụ 05/03/2026).`,
    );
  }
  return iso;
}

/**
 * Throws InstallationError INVALID_INPUT unless `day` lies between `notBefore` (inclusive, when
 * given; `notBeforeVi` says what it is) and today in Vietnam at `now`.
 */
export function checkDayRange(
  day: string,
  fieldVi: string,
  now: Date,
  notBefore?: { day: string; whatVi: string } | null,
): void {
  if (day > vnDate(now)) {
    throw new InstallationError(
      "INVALID_INPUT",
      `${fieldVi} ${day} is in the future`,
      `${fieldVi} không được sau hôm nay.`,
    );
  }
  if (notBefore && day < notBefore.day) {
    throw new InstallationError(
      "INVALID_INPUT",
      `${fieldVi} ${day} < ${notBefore.day}`,
      `${fieldVi} không được trước ${notBefore.whatVi} (${formatIsoDayVi(notBefore.day)}).`,
    );
  }
}
