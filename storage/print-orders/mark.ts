import { isIsoDate, vnDate } from "../../domain/working-days";
import type { DbHandle } from "../db/connection";
import { immediate } from "../db/sync";
import { enqueueNotify } from "../outbox";
import type { Actor } from "../placements";
import { confirmPrinted, PRINT_AUDIT_ACTIONS } from "../print-access/confirm";
import { requireRole, userUnitId } from "./access";
import { PrintOrderError } from "./errors";
import { loadOrder, type OrderLine } from "./records";

export interface MarkLineInput {
  actor: Actor;
  orderId: string;
  lineId: string;
  status: "printed" | "delivered";
  /** The day it happened: ISO date, not after today in Vietnam, not before the order was made. */
  on: string;
  note?: string | null;
  now?: Date;
}

const DONE_VI = { printed: "đã in", delivered: "đã giao" } as const;
const formatDay = (iso: string) => iso.split("-").reverse().join("/");

/**
 * The print shop marks one line of its order "đã in" or "đã giao" with the day it happened. The
 * confirmation goes through print-access's confirmPrinted (one path for the confirmation row, the
 * line's date and the PRINTED / DELIVERED audit event), and a notify job for the office (and the
 * order's maker) is enqueued in the same transaction. Returns the line as it now stands.
 * Throws PrintOrderError: FORBIDDEN (not a printer, or the order is another unit's), NOT_FOUND,
 * ORDER_CANCELLED, BLOCKED (the asset was revoked or its file withdrawn), NOT_PRINTED (delivered
 * before printed), ALREADY_MARKED, INVALID_INPUT (details.field "on": not a date, in the future,
 * before the order, or delivered before printed); PrintAccessError INVALID_INPUT for a note the
 * cleaner refuses.
 */
export function markLine(db: DbHandle, input: MarkLineInput): OrderLine {
  const now = input.now ?? new Date();
  if (input.status !== "printed" && input.status !== "delivered") {
    throw new PrintOrderError("INVALID_INPUT", "status must be printed or delivered");
  }
  return immediate(db.conn, () => {
    requireRole(db, input.actor, ["printer"], "Chỉ đơn vị in được giao đơn này mới xác nhận đã in, đã giao.");
    const order = loadOrder(db, input.orderId);
    const line = order?.lines.find((l) => l.id === input.lineId);
    if (!order || !line) throw new PrintOrderError("NOT_FOUND", `line ${input.lineId} of ${input.orderId}`);
    if (userUnitId(db, input.actor.userId) !== order.printerUnit.id) {
      throw new PrintOrderError(
        "FORBIDDEN",
        `order ${order.code} is for unit ${order.printerUnit.id}`,
        `Đơn ${order.code} được giao cho ${order.printerUnit.name}; chỉ đơn vị đó xác nhận được.`,
      );
    }
    if (order.status === "cancelled") {
      throw new PrintOrderError(
        "ORDER_CANCELLED",
        `order ${order.code} is cancelled`,
        `Đơn ${order.code} đã bị hủy.`,
      );
    }
    if (line.status === "blocked") {
      throw new PrintOrderError(
        "BLOCKED",
        `line ${line.id} is blocked (${line.blockedReason})`,
        `Ấn phẩm ${line.assetCode} đã bị thu hồi: không được in hay giao dòng này.`,
      );
    }
    checkMark(input, line, order.createdAt, now);
    const confirmation = confirmPrinted({
      db,
      assetId: line.assetId,
      userId: input.actor.userId,
      roles: input.actor.roles,
      status: input.status,
      quantity: line.quantity,
      note: input.note ?? null,
      orderLineId: line.id,
      on: input.on,
      now,
    });
    enqueueNotify(
      db,
      {
        assetId: line.assetId,
        code: line.assetCode,
        title: line.title,
        action: PRINT_AUDIT_ACTIONS[input.status],
        fromState: "published",
        toState: "published",
        auditId: confirmation.auditId,
        notifyRoles: ["office"],
        notifyUserIds: [order.createdBy.id],
      },
      now,
    );
    return loadOrder(db, order.id)!.lines.find((l) => l.id === line.id)!;
  });
}

function checkMark(input: MarkLineInput, line: OrderLine, orderCreatedAt: string, now: Date): void {
  const done = input.status === "printed" ? line.printedOn : line.deliveredOn;
  if (done) {
    throw new PrintOrderError(
      "ALREADY_MARKED",
      `line ${line.id} already ${input.status}`,
      `Dòng ${line.n} (${line.assetCode}) đã được xác nhận ${DONE_VI[input.status]} ngày ${formatDay(done)}.`,
    );
  }
  if (input.status === "delivered" && !line.printedOn) {
    throw new PrintOrderError(
      "NOT_PRINTED",
      `line ${line.id} delivered before printed`,
      `Dòng ${line.n} (${line.assetCode}) chưa được xác nhận đã in, nên chưa thể xác nhận đã giao.`,
    );
  }
  const on = input.on?.trim() ?? "";
  const bad = (why: string) =>
    new PrintOrderError(
      "INVALID_INPUT",
      `bad date ${JSON.stringify(on)}`,
      `Ngày ${DONE_VI[input.status]} ${why}`,
      {
        field: "on",
      },
    );
  if (!isIsoDate(on)) throw bad("phải là một ngày có thật (ngày/tháng/năm).");
  if (on > vnDate(now)) throw bad("không được sau hôm nay.");
  const ordered = vnDate(new Date(orderCreatedAt));
  if (on < ordered) throw bad(`không được trước ngày đặt in (${formatDay(ordered)}).`);
  if (input.status === "delivered" && line.printedOn && on < line.printedOn) {
    throw bad(`không được trước ngày in (${formatDay(line.printedOn)}).`);
  }
}
