import { isIsoDate, vnDate } from "../../domain/working-days";
import { ReportError } from "./errors";

// The report's period: inclusive calendar dates in Vietnam. Event dates stored as plain dates
// (printed_on, installed_on, posted_on…) compare directly; instants (created_at, audit `at`) are
// first turned into their date in Vietnam, so an approval at 23:30 on 31/03 belongs to March.

/** Inclusive ISO dates; null = open on that side. */
export interface ReportPeriod {
  from: string | null;
  to: string | null;
}

/**
 * A period from optional ISO dates ("" and undefined mean open). Throws ReportError INVALID_DATE
 * for a date that does not exist, INVALID_PERIOD when `from` is after `to`.
 */
export function checkPeriod(input: { from?: string | null; to?: string | null }): ReportPeriod {
  const one = (s: string | null | undefined, field: "from" | "to"): string | null => {
    if (s === undefined || s === null || s === "") return null;
    if (!isIsoDate(s)) throw new ReportError("INVALID_DATE", `${field} is not an ISO date`, { field });
    return s;
  };
  const from = one(input.from, "from");
  const to = one(input.to, "to");
  if (from && to && from > to) throw new ReportError("INVALID_PERIOD", "from is after to", { from, to });
  return { from, to };
}

/** Whether an ISO date lies in the period (false for null: an event that has not happened). */
export function dateInPeriod(date: string | null, p: ReportPeriod): boolean {
  if (!date) return false;
  return (p.from === null || date >= p.from) && (p.to === null || date <= p.to);
}

/** Whether an ISO UTC instant falls, by its date in Vietnam, in the period (false for null). */
export function instantInPeriod(at: string | null, p: ReportPeriod): boolean {
  return at !== null && dateInPeriod(vnDate(new Date(at)), p);
}
