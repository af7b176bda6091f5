import { z } from "zod";
import { REASON_TEXT_MAX_CHARS } from "../domain/limits";
import { REASON_CODES, type Reason, reasonIsComplete } from "../domain/reasons";
import { cleanNote } from "../storage/text";

/**
 * A reason's free text through the one text pipeline (NFC, line breaks, spaces): control, bidi and
 * zero-width characters are refused with WorkflowError INVALID_INPUT naming the character.
 */
export function cleanReasonText(raw: string): string {
  return cleanNote(raw, "Lý do", REASON_TEXT_MAX_CHARS, "COMMENT_TOO_LONG");
}

// The service cleans the text before parsing, to refuse a bad character with its own message.
export const reasonSchema = z
  .object({
    code: z.enum(REASON_CODES),
    text: z
      .string()
      .max(REASON_TEXT_MAX_CHARS)
      .transform((t, ctx) => {
        try {
          return cleanReasonText(t);
        } catch (e) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: e instanceof Error ? e.message : String(e) });
          return z.NEVER;
        }
      }),
  })
  .refine((r): boolean => reasonIsComplete(r as Reason), { message: "other needs text", path: ["text"] });
