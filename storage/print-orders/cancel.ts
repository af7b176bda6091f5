import type { DbHandle } from "../db/connection";
import { exec, immediate } from "../db/sync";
import type { Actor } from "../placements";
import { requireRole } from "./access";
import { PrintOrderError } from "./errors";
import { loadOrder, type PrintOrder } from "./records";

/**
 * The office cancels an open order: the print shop sees it as cancelled and can mark nothing more
 * on it; confirmations already given stay in the history. Returns the order. Throws
 * PrintOrderError FORBIDDEN (not office), NOT_FOUND, ORDER_CANCELLED (already cancelled).
 */
export function cancelOrder(db: DbHandle, input: { actor: Actor; orderId: string; now?: Date }): PrintOrder {
  const at = (input.now ?? new Date()).toISOString();
  immediate(db.conn, () => {
    requireRole(db, input.actor, ["office"], "Chỉ Phòng Văn hóa - Xã hội được hủy đơn đặt in.");
    const order = loadOrder(db, input.orderId);
    if (!order) throw new PrintOrderError("NOT_FOUND", `order ${input.orderId} not found`);
    if (order.status === "cancelled") {
      throw new PrintOrderError(
        "ORDER_CANCELLED",
        `order ${order.code} already cancelled`,
        `Đơn ${order.code} đã bị hủy trước đó.`,
      );
    }
    exec(
      db.conn,
      db.db
        .updateTable("print_orders")
        .set({ status: "cancelled", updated_at: at })
        .where("id", "=", order.id)
        .where("status", "=", "open"),
    );
  });
  return loadOrder(db, input.orderId)!;
}
