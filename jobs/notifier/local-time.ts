import { NotifierConfigError } from "./context";

// The commune lives in Asia/Ho_Chi_Minh (UTC+7, no daylight saving), but the zone is a setting, so
// the arithmetic goes through Intl rather than a fixed offset.

export const DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh";
export const DEFAULT_DIGEST_TIME = "07:00";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch {
      throw new NotifierConfigError(`unknown time zone ${JSON.stringify(timeZone)}`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .filter((x) => x.type !== "literal")
      .map((x) => [x.type, Number(x.value)]),
  ) as Record<string, number>;
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Milliseconds the zone is ahead of UTC at `at` (+25 200 000 for Asia/Ho_Chi_Minh). */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time falls on (month and day may overflow, as in Date.UTC). */
function fromLocal(timeZone: string, y: number, mo: number, d: number, h: number, mi: number): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // Once more at the found instant, in case the offset differs there (a daylight-saving edge).
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

/** Checks "HH:MM" (00:00–23:59); returns [hour, minute]. Throws NotifierConfigError. */
export function parseTimeOfDay(text: string): [number, number] {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m)
    throw new NotifierConfigError(`digest time must be HH:MM (00:00–23:59), got ${JSON.stringify(text)}`);
  return [Number(m[1]), Number(m[2])];
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * The first digest time strictly after `now`: `date` is its local day (YYYY-MM-DD), `dueAt` the
 * instant. Throws NotifierConfigError for a malformed time or an unknown zone.
 */
export function nextDigestAt(now: Date, digestTime: string, timeZone: string): { date: string; dueAt: Date } {
  const [h, mi] = parseTimeOfDay(digestTime);
  const today = localParts(now, timeZone);
  for (const add of [0, 1, 2]) {
    const dueAt = fromLocal(timeZone, today.year, today.month, today.day + add, h, mi);
    if (dueAt.getTime() > now.getTime()) {
      const p = localParts(dueAt, timeZone);
      return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, dueAt };
    }
  }
  throw new NotifierConfigError(`no digest time after ${now.toISOString()} in ${timeZone}`);
}

/** "14:05 ngày 03/02/2026" in the zone: how times are written in Vietnamese messages. */
export function formatLocalTime(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${pad(p.hour)}:${pad(p.minute)} ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/** "03/02/2026" for a YYYY-MM-DD day. */
export function formatLocalDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}
