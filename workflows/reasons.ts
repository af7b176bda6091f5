import { z } from "zod";
import { cleanNote } from "../storage/text";

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

/**
 * A reason's free text through the one text pipeline (NFC, line breaks, spaces): control, bidi and
 * zero-width characters are refused with WorkflowError INVALID_INPUT naming the character.
 */
export function cleanReasonText(raw: string): string {
  return cleanNote(raw, "Lý do", REASON_TEXT_MAX, "COMMENT_TOO_LONG");
}

// "other" says nothing by itself, so it must be explained; the listed codes may stand alone.
// The service cleans the text before parsing, to refuse a bad character with its own message.
export const reasonSchema = z
  .object({
    code: z.enum(REASON_CODES),
    text: z
      .string()
      .max(REASON_TEXT_MAX)
      .transform((t, ctx) => {
        try {
          return cleanReasonText(t);
        } catch (e) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: e instanceof Error ? e.message : String(e) });
          return z.NEVER;
        }
      }),
  })
  .refine((r) => r.code !== "other" || r.text.length > 0, { message: "other needs text", path: ["text"] });
