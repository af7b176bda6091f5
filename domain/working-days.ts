// Waiting time in working days, as the commune counts it: Monday to Friday in Vietnam's time zone
// (UTC+7, no daylight saving), minus public holidays. Holidays are data the admin keeps (Tết moves
// every year and the government announces the days off), passed in as ISO dates.

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** The calendar date ("YYYY-MM-DD") of an instant in Vietnam (UTC+7). */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function isWorkingDate(iso: string, holidays: ReadonlySet<string>): boolean {
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !holidays.has(iso);
}

function nextDate(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * Whole working days that have passed between two instants, counted by Vietnamese calendar dates:
 * every working date after `from`'s date up to and including `to`'s date counts one. Something
 * sent on Friday afternoon has waited 1 working day on Monday, 2 on Tuesday. 0 when `to` ≤ `from`.
 * Walks day by day: the spans are weeks, not years.
 */
export function workingDaysBetween(from: Date, to: Date, holidays: ReadonlySet<string> = new Set()): number {
  const end = vnDate(to);
  let d = vnDate(from);
  let n = 0;
  for (let guard = 0; d < end && guard < 3660; guard++) {
    d = nextDate(d);
    if (isWorkingDate(d, holidays)) n++;
  }
  return n;
}

/** Whether a "due on" date (ISO "YYYY-MM-DD", inclusive) has passed at `now` in Vietnam. */
export function isPastDue(dueOn: string | null, now: Date): boolean {
  return dueOn !== null && vnDate(now) > dueOn;
}

/** Whether `s` is an ISO calendar date ("YYYY-MM-DD") that exists (no 2026-02-30). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
