import { COMMENT_MAX_CHARS } from "../../domain/limits";
import type { Role } from "../../domain/roles";
import { isWorkflowError } from "../../domain/workflow-error";
import { confirmPrint, getAsset } from "../assets";
import { appendAudit } from "../audit";
import type { DbHandle } from "../db/connection";
import { immediate } from "../db/sync";
import { cleanNote } from "../text";
import { printableObject, requirePrintRole } from "./access";
import { PrintAccessError } from "./errors";

export interface ConfirmPrintedInput {
  db: DbHandle;
  assetId: string;
  userId: string;
  /** From the session, as for issueDownloadLink; omitted = whatever the database says. */
  roles?: readonly Role[];
  status: "printed" | "delivered";
  /** Copies printed or delivered; a positive integer when given. */
  quantity?: number | null;
  /** Free text, cleaned and at most COMMENT_MAX_CHARS characters. */
  note?: string | null;
  now?: Date;
}

export interface PrintConfirmation {
  id: string;
  assetId: string;
  versionId: string;
  status: "printed" | "delivered";
  /** ISO UTC. */
  at: string;
  /** Id of the audit event that records it. */
  auditId: number;
}

/** Audit actions of the print shop; they do not change the asset's state (from = to = published). */
export const PRINT_AUDIT_ACTIONS = { printed: "PRINTED", delivered: "DELIVERED" } as const;

/**
 * A print shop says it has printed or delivered the current version of a published asset:
 * recorded as a confirmation and an audit event in one transaction. Throws PrintAccessError
 * INVALID_INPUT (status, quantity, or a note the cleaner refuses, with its Vietnamese message),
 * FORBIDDEN, NOT_FOUND, REVOKED or NOT_PUBLISHED; AuditChainError when the log cannot be written.
 */
export function confirmPrinted(input: ConfirmPrintedInput): PrintConfirmation {
  const { db } = input;
  if (input.status !== "printed" && input.status !== "delivered") {
    throw new PrintAccessError("INVALID_INPUT", "status must be printed or delivered");
  }
  if (input.quantity != null && !(Number.isInteger(input.quantity) && input.quantity > 0)) {
    throw new PrintAccessError("INVALID_INPUT", "quantity must be a positive integer");
  }
  let note: string | null = null;
  try {
    note = input.note ? cleanNote(input.note, "Ghi chú", COMMENT_MAX_CHARS) || null : null;
  } catch (e) {
    // The cleaner's message names the character and where it stands; the print shop sees it.
    if (isWorkflowError(e)) throw new PrintAccessError("INVALID_INPUT", e.message, e.messageVi);
    throw e;
  }
  const now = input.now ?? new Date();
  const at = now.toISOString();
  return immediate(db.sqlite, () => {
    requirePrintRole(db, input.userId, input.roles);
    const asset = getAsset(db, input.assetId);
    const obj = printableObject(db, asset, "pdf");
    const id = confirmPrint(db, {
      assetId: obj.assetId,
      versionId: obj.versionId,
      userId: input.userId,
      status: input.status,
      quantity: input.quantity ?? null,
      note,
      now,
    });
    const what = input.status === "printed" ? "đã in" : "đã giao";
    const qty = input.quantity != null ? ` ${input.quantity} bản` : "";
    const audit = appendAudit(db, {
      assetId: obj.assetId,
      versionId: obj.versionId,
      actorUserId: input.userId,
      actorRole: "printer",
      action: PRINT_AUDIT_ACTIONS[input.status],
      // Same state on both sides: the audit chain check compares an asset's state with its last event.
      fromState: "published",
      toState: "published",
      comment: `Đơn vị in xác nhận ${what}${qty}${note ? `. Ghi chú: ${note}` : ""}`,
      versionHash: asset!.currentVersionHash,
      at,
    });
    return {
      id,
      assetId: obj.assetId,
      versionId: obj.versionId,
      status: input.status,
      at,
      auditId: audit.id,
    };
  });
}
