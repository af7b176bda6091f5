import { z } from "zod";

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

export const REASON_TEXT_MAX = 2000;

export interface Reason {
  code: ReasonCode;
  text: string;
}

// "other" says nothing by itself, so it must be explained; the listed codes may stand alone.
export const reasonSchema = z
  .object({
    code: z.enum(REASON_CODES),
    text: z
      .string()
      .max(REASON_TEXT_MAX)
      .transform((t) => t.normalize("NFC").trim()),
  })
  .refine((r) => r.code !== "other" || r.text.length > 0, { message: "other needs text", path: ["text"] });
