import {
  REMINDER_DAYS_MAX,
  REMINDER_DAYS_MIN,
  WAITING_STEPS,
  type WaitingStep,
} from "../../domain/deadlines";
import { isIsoDate } from "../../domain/working-days";
import { z } from "zod";
import type { DbHandle } from "../../storage/db/connection";
import { DEFAULT_PLAN_ID, getPlanSummary, updatePlanNumber } from "../../storage/plan";
import { getSetting, setSetting } from "../../storage/settings";
import type { User } from "../../storage/users";
import { userMessage } from "./errors.server";
import { formatPlainDateVi } from "./format";

// The admin's settings page: reminder thresholds, public holidays and the plan's number. Dates are
// typed and shown the Vietnamese way (dd/mm/yyyy); storage keeps ISO dates.

/** Vietnamese names of the waiting steps, in the order the form lists them. */
export const STEP_LABELS_VI: Record<WaitingStep, string> = {
  office_review: "Chờ Phòng Văn hóa - Xã hội thẩm định",
  awaiting_approval: "Chờ lãnh đạo phê duyệt",
  returned: "Bị trả lại, chờ cán bộ soạn thảo sửa",
};

/**
 * "31/12/2026", "1/1/2026" or "2026-12-31" → "2026-12-31"; null when it is not a real date.
 */
export function parseViDate(input: string): string | null {
  const s = input.trim();
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = vi ? `${vi[3]}-${vi[2].padStart(2, "0")}-${vi[1].padStart(2, "0")}` : s;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The holidays textarea, one date per line (blank lines ignored) → sorted unique ISO dates, or the
 * first bad line as a Vietnamese message ("Dòng 3: …").
 */
export function parseHolidayLines(text: string): { dates: string[] } | { error: string } {
  const dates: string[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const iso = parseViDate(line);
    if (!iso) {
      return {
        error: `Dòng ${i + 1}: “${line.trim().slice(0, 40)}” không phải một ngày có thật (ghi theo dạng ngày/tháng/năm, ví dụ 02/09/2026).`,
      };
    }
    dates.push(iso);
  }
  return { dates: [...new Set(dates)].sort() };
}

/** What the settings page shows: thresholds per step, holidays as dd/mm/yyyy lines, the plan's number. */
export function adminSettingsView(handle: DbHandle) {
  const days = getSetting(handle, "reminder_days");
  const plan = getPlanSummary(handle, DEFAULT_PLAN_ID)?.plan;
  return {
    steps: (Object.keys(WAITING_STEPS) as WaitingStep[]).map((step) => ({
      step,
      label: STEP_LABELS_VI[step],
      days: days[step],
    })),
    min: REMINDER_DAYS_MIN,
    max: REMINDER_DAYS_MAX,
    holidays: getSetting(handle, "holidays").map(formatPlainDateVi),
    plan: {
      title: plan?.title ?? "",
      number: plan?.number ?? "",
      issuedOn: plan?.issuedOn ? formatPlainDateVi(plan.issuedOn) : "",
    },
  };
}

const dayField = z.coerce.number().int().min(REMINDER_DAYS_MIN).max(REMINDER_DAYS_MAX);
const formSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reminders"),
    office_review: dayField,
    awaiting_approval: dayField,
    returned: dayField,
  }),
  z.object({ intent: z.literal("holidays"), holidays: z.string().max(20_000) }),
  z.object({
    intent: z.literal("plan"),
    number: z.string().max(200),
    issuedOn: z.string().max(40),
  }),
]);

export type SettingsResult = { ok: string; error: null } | { ok: null; error: string; status: number };

/**
 * Applies one of the settings forms (`intent` reminders | holidays | plan) as `admin` (the route
 * has checked the role; storage checks it again for the plan). Returns the Vietnamese outcome;
 * status 400 for input the rules refuse.
 */
export function saveAdminSettings(handle: DbHandle, admin: User, form: FormData): SettingsResult {
  const parsed = formSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const reminders = form.get("intent") === "reminders";
    return {
      ok: null,
      status: 400,
      error: reminders
        ? `Số ngày nhắc việc phải là số nguyên từ ${REMINDER_DAYS_MIN} đến ${REMINDER_DAYS_MAX} ngày làm việc.`
        : "Dữ liệu gửi lên không hợp lệ.",
    };
  }
  const f = parsed.data;
  try {
    if (f.intent === "reminders") {
      const { intent: _, ...days } = f;
      setSetting(handle, "reminder_days", days, admin.id);
      return { ok: "Đã lưu số ngày nhắc việc.", error: null };
    }
    if (f.intent === "holidays") {
      const r = parseHolidayLines(f.holidays);
      if ("error" in r) return { ok: null, error: r.error, status: 400 };
      setSetting(handle, "holidays", r.dates, admin.id);
      return { ok: `Đã lưu ${r.dates.length} ngày nghỉ lễ.`, error: null };
    }
    const issuedOn = f.issuedOn.trim() === "" ? null : parseViDate(f.issuedOn);
    if (f.issuedOn.trim() !== "" && !issuedOn) {
      return { ok: null, status: 400, error: "Ngày ban hành không hợp lệ (ghi theo dạng ngày/tháng/năm)." };
    }
    const saved = updatePlanNumber(handle, {
      actorId: admin.id,
      planId: DEFAULT_PLAN_ID,
      number: f.number,
      issuedOn,
    });
    return {
      ok: saved.number
        ? `Đã lưu số kế hoạch ${saved.number} ngày ${formatPlainDateVi(saved.issuedOn)}.`
        : "Đã xóa số kế hoạch: kế hoạch hiện là “chưa có số”.",
      error: null,
    };
  } catch (e) {
    return { ok: null, error: userMessage(e), status: 400 };
  }
}
