import type { OrderStatus } from "../../domain/print-orders";
import type { DbHandle } from "../db/connection";
import type { Actor } from "../placements";
import { readScope, scopeCovers } from "./access";
import { PrintOrderError } from "./errors";
import { loadOrder, loadOrders, type PrintOrder } from "./records";

/**
 * The order with its lines, as `actor` may see it. Throws PrintOrderError NOT_FOUND, or FORBIDDEN
 * (a role that sees no orders, or a print shop asking for another unit's order).
 */
export function getOrder(db: DbHandle, orderId: string, actor: Actor): PrintOrder {
  const scope = readScope(db, actor);
  const order = loadOrder(db, orderId);
  if (!order) throw new PrintOrderError("NOT_FOUND", `order ${orderId} not found`);
  if (!scopeCovers(scope, order.printerUnit.id)) {
    throw new PrintOrderError(
      "FORBIDDEN",
      `order ${order.code} is another unit's`,
      "Đơn đặt in này được giao cho đơn vị in khác.",
    );
  }
  return order;
}

/**
 * Orders newest first: every order for staff, only its own unit's for a print shop (none when
 * the printer's account has no unit). Throws PrintOrderError FORBIDDEN for a role that sees none.
 */
export function listOrders(db: DbHandle, actor: Actor, filter: { status?: OrderStatus } = {}): PrintOrder[] {
  const scope = readScope(db, actor);
  if (scope.all) return loadOrders(db, filter);
  return scope.unitId ? loadOrders(db, { ...filter, printerUnitId: scope.unitId }) : [];
}
