import { COMMENT_MAX_CHARS } from "../../domain/limits";
import type { Role } from "../../domain/roles";
import { isWorkflowError } from "../../domain/workflow-error";
import { isIsoDate, vnDate } from "../../domain/working-days";
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
  /**
   * The print-order line confirmed (issue 13 §2): a line bound to the asset's published version.
   * The confirmation row names it, and the line's printed_on / delivered_on is set in the same
   * transaction, so the audit, the history and the order read one fact.
   */
  orderLineId?: string | null;
  /** With `orderLineId`: the day it was printed or delivered (ISO date); default today in Vietnam. */
  on?: string | null;
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
  /** The print-order line it confirms, or null. */
  orderLineId: string | null;
}

/** Audit actions of the print shop; they do not change the asset's state (from = to = published). */
export const PRINT_AUDIT_ACTIONS = { printed: "PRINTED", delivered: "DELIVERED" } as const;

/**
 * A print shop says it has printed or delivered the current version of a published asset:
 * recorded as a confirmation and an audit event in one transaction (with `orderLineId`, also the
 * line's date). Throws PrintAccessError INVALID_INPUT (status, quantity, `on`, or a note the
 * cleaner refuses, with its Vietnamese message), FORBIDDEN, NOT_FOUND (also: the line is not one of
 * this asset's published version), REVOKED or NOT_PUBLISHED; AuditChainError when the log cannot
 * be written. Who may confirm which order's line is the caller's check (storage/print-orders).
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
  const on = input.on ?? vnDate(now);
  if (input.orderLineId && !isIsoDate(on))
    throw new PrintAccessError("INVALID_INPUT", "on must be an ISO date");
  return immediate(db.conn, () => {
    requirePrintRole(db, input.userId, input.roles);
    const asset = getAsset(db, input.assetId);
    const obj = printableObject(db, asset, "pdf");
    const line = input.orderLineId ? orderLine(db, input.orderLineId, obj.assetId, obj.versionId) : null;
    const id = confirmPrint(db, {
      assetId: obj.assetId,
      versionId: obj.versionId,
      userId: input.userId,
      status: input.status,
      quantity: input.quantity ?? null,
      note,
      now,
    });
    if (line) recordOnLine(db, id, line.id, input.status, on);
    const what = input.status === "printed" ? "đã in" : "đã giao";
    const qty = input.quantity != null ? ` ${input.quantity} bản` : "";
    const order = line ? ` (đơn ${line.code}, ngày ${on.split("-").reverse().join("/")})` : "";
    const audit = appendAudit(db, {
      assetId: obj.assetId,
      versionId: obj.versionId,
      actorUserId: input.userId,
      actorRole: "printer",
      action: PRINT_AUDIT_ACTIONS[input.status],
      // Same state on both sides: the audit chain check compares an asset's state with its last event.
      fromState: "published",
      toState: "published",
      comment: `Đơn vị in xác nhận ${what}${qty}${order}${note ? `. Ghi chú: ${note}` : ""}`,
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
      orderLineId: line?.id ?? null,
    };
  });
}

/** The order line, which must be bound to exactly this asset's published version. */
function orderLine(db: DbHandle, lineId: string, assetId: string, versionId: string) {
  const line = db.conn
    .prepare(
      `SELECT l.id, l.asset_id, l.version_id, o.code FROM print_order_lines l
       JOIN print_orders o ON o.id = l.order_id WHERE l.id = ?`,
    )
    .get(lineId) as { id: string; asset_id: string; version_id: string; code: string } | undefined;
  if (!line || line.asset_id !== assetId || line.version_id !== versionId) {
    throw new PrintAccessError("NOT_FOUND", `order line ${lineId} is not of ${assetId}/${versionId}`);
  }
  return line;
}

function recordOnLine(
  db: DbHandle,
  confirmationId: string,
  lineId: string,
  status: "printed" | "delivered",
  on: string,
): void {
  db.conn
    .prepare("UPDATE print_confirmations SET order_line_id = ? WHERE id = ?")
    .run(lineId, confirmationId);
  const column = status === "printed" ? "printed_on" : "delivered_on";
  db.conn.prepare(`UPDATE print_order_lines SET ${column} = ? WHERE id = ?`).run(on, lineId);
}
