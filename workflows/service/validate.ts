import { needsReason } from "../../domain/decisions";
import { COMMENT_MAX_CHARS, REASON_TEXT_MAX_CHARS } from "../../domain/limits";
import { type Reason, REASON_CODES } from "../../domain/reasons";
import { WorkflowError } from "../../domain/workflow-error";
import { cleanNote } from "../../storage/text";
import { z } from "zod";
import { cleanReasonText, reasonSchema } from "../reasons";

const eventInputSchema = z.object({
  type: z.enum(["SUBMIT", "FORWARD", "RETURN", "APPROVE", "REJECT", "WITHDRAW", "REVOKE", "PUBLISHED"]),
  comment: z.string().optional(),
  reason: z.unknown().optional(),
});

/**
 * Checks a decision's input before any transaction: the type is one applyAssetEvent takes, the
 * comment is cleaned, and the reason is required (and parsed) exactly for the events that need one.
 * Returns the cleaned reason (undefined when the event takes none) and comment (undefined when empty).
 * Errors: INVALID_INPUT (EDIT, an unknown type, a refused character), COMMENT_TOO_LONG (comment
 * over COMMENT_MAX_CHARS, reason text over REASON_TEXT_MAX_CHARS), REASON_REQUIRED.
 */
export function validateEvent(event: { type: string; reason?: unknown; comment?: string }): {
  reason: Reason | undefined;
  comment: string | undefined;
} {
  if (event.type === "EDIT") throw new WorkflowError("INVALID_INPUT", "EDIT goes through createVersion()");
  const parsed = eventInputSchema.safeParse(event);
  if (!parsed.success) throw new WorkflowError("INVALID_INPUT", parsed.error.message);
  const comment = normalizeComment(parsed.data.comment);
  if (!needsReason(parsed.data.type)) return { reason: undefined, comment };
  const raw = parsed.data.reason as { code?: unknown; text?: unknown } | undefined;
  if (typeof raw?.text === "string" && raw.text.length > REASON_TEXT_MAX_CHARS) {
    throw new WorkflowError("COMMENT_TOO_LONG", "reason text too long");
  }
  // The text is cleaned first, so a control or bidi character is refused as such (INVALID_INPUT with
  // the cleaner's message), not reported as a missing reason.
  const text = typeof raw?.text === "string" ? cleanReasonText(raw.text) : raw?.text;
  const reason = reasonSchema.safeParse({ ...(raw ?? {}), text: text ?? "" });
  if (!reason.success) {
    throw new WorkflowError("REASON_REQUIRED", `reason required: one of ${REASON_CODES.join(", ")}`);
  }
  return { reason: reason.data, comment };
}

/**
 * A comment cleaned like any note (at most COMMENT_MAX_CHARS characters), or undefined when none
 * was given or nothing is left. Errors: COMMENT_TOO_LONG, INVALID_INPUT (a refused character).
 */
export function normalizeComment(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  const c = cleanNote(comment, "Ý kiến", COMMENT_MAX_CHARS, "COMMENT_TOO_LONG");
  return c.length ? c : undefined;
}
