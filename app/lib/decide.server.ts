import { DECISIONS, type Decision, mayEverTake, needsReason } from "../../domain/decisions";
import { REASON_CODES } from "../../domain/reasons";
import { z } from "zod";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db";
import type { User } from "../../storage/users";
import { applyAssetEvent } from "../../workflows/service";
import { userMessage } from "./errors.server";
import { forbidden } from "./http.server";

export const decisionSchema = z.object({
  decision: z.enum(DECISIONS),
  assetId: z.string().min(1).max(100),
  versionHash: z.string().regex(/^[0-9a-f]{64}$/),
  rowVersion: z.coerce.number().int().min(0),
  reasonCode: z
    .enum(REASON_CODES)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  reasonText: z.string().max(2000).optional(),
  comment: z.string().max(2000).optional(),
});

export type DecisionInput = z.infer<typeof decisionSchema>;

export function decide(handle: DbHandle, user: User, d: DecisionInput) {
  // Coarse gate before the workflow's own check: who may even ask for this decision.
  if (!mayEverTake(user.roles, d.decision)) forbidden();
  return applyAssetEvent(handle, {
    assetId: d.assetId,
    event: {
      type: d.decision,
      actor: { userId: user.id },
      ...(needsReason(d.decision) && d.reasonCode
        ? { reason: { code: d.reasonCode, text: d.reasonText ?? "" } }
        : {}),
      ...(d.comment ? { comment: d.comment } : {}),
    },
    versionHash: d.versionHash,
    expectedRowVersion: d.rowVersion,
  });
}

export const DECISION_DONE_VI: Record<Decision, string> = {
  SUBMIT: "Đã gửi duyệt.",
  WITHDRAW: "Đã rút lại ấn phẩm.",
  FORWARD: "Đã chuyển lãnh đạo phê duyệt.",
  RETURN: "Đã trả lại, yêu cầu chỉnh sửa.",
  APPROVE: "Đã phê duyệt. Ấn phẩm sẽ được phát hành tới đơn vị in.",
  REJECT: "Đã từ chối ấn phẩm.",
  REVOKE: "Đã thu hồi ấn phẩm.",
};

/** What one item of a bulk decision came to: `message` says it in Vietnamese either way. */
export interface BulkResult {
  assetId: string;
  code: string;
  ok: boolean;
  message: string;
}

/**
 * Takes `decision` on each target in turn, each pinned to the version and row the person confirmed;
 * one refusal (stale, concurrent, not allowed) does not stop the others. Codes are read from the
 * database. An expected refusal becomes that item's message (userMessage); a storage fault or an
 * unexpected error propagates as userMessage throws it. The caller checks the user's role first.
 */
export function decideBulk(
  handle: DbHandle,
  user: User,
  decision: "FORWARD" | "APPROVE",
  targets: readonly { assetId: string; versionHash: string; rowVersion: number }[],
): BulkResult[] {
  return targets.map((t) => {
    const code = getAsset(handle, t.assetId)?.code ?? t.assetId;
    try {
      decide(handle, user, { ...t, decision });
      return { assetId: t.assetId, code, ok: true, message: DECISION_DONE_VI[decision] };
    } catch (e) {
      return { assetId: t.assetId, code, ok: false, message: userMessage(e) };
    }
  });
}
