// Why a reviewer returns, rejects or revokes: a short list the Culture-Social office reports on,
// plus "other" with text. Which decisions need one is in decisions.ts (EVENT_RULES.needsReason).

export const REASON_CODES = [
  "diacritics",
  "unit_name",
  "date_or_number",
  "design_legibility",
  "off_plan",
  "other",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS_VI: Record<ReasonCode, string> = {
  diacritics: "Sai dấu/chính tả",
  unit_name: "Sai tên cơ quan, đơn vị",
  date_or_number: "Sai ngày tháng, số hiệu văn bản",
  design_legibility: "Thiết kế, độ dễ đọc",
  off_plan: "Không đúng nội dung kế hoạch",
  other: "Khác",
};

export interface Reason {
  code: ReasonCode;
  /** Cleaned free text, at most REASON_TEXT_MAX_CHARS (limits.ts); may be empty unless the code is "other". */
  text: string;
}

/** "other" says nothing by itself, so it must be explained; the listed codes may stand alone. */
export function reasonIsComplete(reason: Reason): boolean {
  return reason.code !== "other" || reason.text.length > 0;
}
