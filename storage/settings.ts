import { z } from "zod";
import {
  DEFAULT_REMINDER_DAYS_BY_STEP,
  REMINDER_DAYS_MAX,
  REMINDER_DAYS_MIN,
  type ReminderDays,
} from "../domain/deadlines";
import { WorkflowError } from "../domain/workflow-error";
import { isIsoDate } from "../domain/working-days";
import { type BrandKit, brandKitSchema, DEFAULT_BRAND_KIT } from "./brand/schema";
import type { DbHandle } from "./db/connection";

// What the admin tunes without a release, one JSON value per key (migration 007). Each key has a
// zod schema and a default: a value that no longer parses (hand-edited row, older shape) reads as
// the default rather than breaking every queue page.

const days = z.number().int().min(REMINDER_DAYS_MIN).max(REMINDER_DAYS_MAX);
const SCHEMAS = {
  reminder_days: z.object({ office_review: days, awaiting_approval: days, returned: days }),
  holidays: z
    .array(z.string().refine(isIsoDate, "ngày phải có dạng YYYY-MM-DD"))
    .max(366)
    .transform((a) => [...new Set(a)].sort()),
  brand_kit: brandKitSchema,
} as const;

export interface Settings {
  reminder_days: ReminderDays;
  /** Public holidays (ISO dates) that do not count as working days. */
  holidays: string[];
  /** The commune's brand kit (storage/brand: saveBrandKit cleans and checks it before it lands here). */
  brand_kit: BrandKit;
}
export type SettingKey = keyof Settings;

const DEFAULTS: Settings = {
  reminder_days: DEFAULT_REMINDER_DAYS_BY_STEP,
  holidays: [],
  brand_kit: DEFAULT_BRAND_KIT,
};

/** The stored value of `key`, or its default when unset or unreadable. */
export function getSetting<K extends SettingKey>(handle: Pick<DbHandle, "conn">, key: K): Settings[K] {
  const row = handle.conn.prepare("SELECT value_json FROM settings WHERE key = ?").get(key) as
    | { value_json: string }
    | undefined;
  if (!row) return DEFAULTS[key];
  const parsed = SCHEMAS[key].safeParse(JSON.parse(row.value_json));
  return parsed.success ? (parsed.data as Settings[K]) : DEFAULTS[key];
}

/**
 * Stores `value` for `key` after checking it. Errors: WorkflowError INVALID_INPUT naming the first
 * problem (in Vietnamese, for the admin form). The caller checks the admin role.
 */
export function setSetting<K extends SettingKey>(
  handle: Pick<DbHandle, "conn">,
  key: K,
  value: unknown,
  actorId: string,
  now = new Date(),
): Settings[K] {
  const parsed = SCHEMAS[key].safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new WorkflowError(
      "INVALID_INPUT",
      `${key}: ${first?.message}`,
      { key },
      `Giá trị cài đặt không hợp lệ: ${first?.message ?? "sai định dạng"}.`,
    );
  }
  handle.conn
    .prepare(
      `INSERT INTO settings (key, value_json, updated_by, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    )
    .run(key, JSON.stringify(parsed.data), actorId, now.toISOString());
  return parsed.data as Settings[K];
}
