import { ReportError } from "../../storage/report";
import { parseViDate } from "./admin-settings.server";

// The report's period as people type it (dd/mm/yyyy, blank = open), for the page, the downloads and
// the CLI alike; storage takes ISO dates and checks their order.

/** Period text as typed. */
export interface PeriodInput {
  fromText: string;
  toText: string;
}

/**
 * "01/03/2026" (or "2026-03-01"), "" → ISO dates or null. Throws ReportError INVALID_DATE
 * (details.field "from" | "to") for text that is not a real day; the order of the two is
 * planReport's to check (INVALID_PERIOD).
 */
export function parsePeriod(input: PeriodInput): { from: string | null; to: string | null } {
  const one = (text: string, field: "from" | "to") => {
    if (text.trim() === "") return null;
    const iso = parseViDate(text);
    if (!iso) throw new ReportError("INVALID_DATE", `${field} is not a date`, { field });
    return iso;
  };
  return { from: one(input.fromText, "from"), to: one(input.toText, "to") };
}
