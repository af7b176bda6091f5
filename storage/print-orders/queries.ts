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

/** One open order line of a version, as the print library card shows it. */
export interface OpenLineOfVersion {
  orderId: string;
  orderCode: string;
  quantity: number;
  /** The line's places with their copies, in the order the office gave them. */
  placements: { name: string; quantity: number }[];
  printedOn: string | null;
  deliveredOn: string | null;
}

/**
 * The lines of open orders for each of `versionIds` that `actor` may see (a print shop: its own
 * unit's), keyed by version id; versions without any are absent. What replaces "Theo đặt hàng"
 * and "Chưa xác định" on the print card once the office has ordered copies. Throws PrintOrderError
 * FORBIDDEN for a role that sees no orders.
 */
export function openLinesOfVersions(
  db: DbHandle,
  actor: Actor,
  versionIds: readonly string[],
): Map<string, OpenLineOfVersion[]> {
  const out = new Map<string, OpenLineOfVersion[]>();
  if (!versionIds.length) return out;
  const scope = readScope(db, actor);
  if (!scope.all && !scope.unitId) return out;
  for (const order of listOrders(db, actor, { status: "open" })) {
    for (const line of order.lines) {
      if (!versionIds.includes(line.versionId)) continue;
      const list = out.get(line.versionId) ?? [];
      list.push({
        orderId: order.id,
        orderCode: order.code,
        quantity: line.quantity,
        placements: line.placements.map((p) => ({ name: p.name, quantity: p.quantity })),
        printedOn: line.printedOn,
        deliveredOn: line.deliveredOn,
      });
      out.set(line.versionId, list);
    }
  }
  return out;
}
