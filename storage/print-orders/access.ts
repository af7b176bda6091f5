import type { Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { first } from "../db/sync";
import { type Actor, heldRoles } from "../placements";
import { PrintOrderError } from "./errors";

// Who sees which orders, decided from the database: staff see every order (the office makes them,
// the admin keeps the system, the approver and drafter follow their assets to the road); a print
// shop sees only the orders addressed to its own unit (users.unit_id), whatever a request names.

const STAFF_READERS: readonly Role[] = ["office", "admin", "approver", "drafter"];

/** What the actor may read: every order, or one print-shop unit's (null: the printer has no unit). */
export type OrderScope = { all: true } | { all: false; unitId: string | null };

/** The unit the user belongs to (users.unit_id), or null. */
export function userUnitId(db: DbHandle, userId: string): string | null {
  return (
    first(db.conn, db.db.selectFrom("users").select("unit_id").where("id", "=", userId))?.unit_id ?? null
  );
}

/** The actor's read scope. Throws PrintOrderError FORBIDDEN for a role that sees no orders. */
export function readScope(db: DbHandle, actor: Actor): OrderScope {
  const roles = heldRoles(db, actor);
  if (roles.some((r) => STAFF_READERS.includes(r))) return { all: true };
  if (roles.includes("printer")) return { all: false, unitId: userUnitId(db, actor.userId) };
  throw new PrintOrderError("FORBIDDEN", `user ${actor.userId} may not read print orders`);
}

/** Whether the scope covers an order addressed to `printerUnitId`. */
export function scopeCovers(scope: OrderScope, printerUnitId: string): boolean {
  return scope.all || (scope.unitId !== null && scope.unitId === printerUnitId);
}

/** Throws PrintOrderError FORBIDDEN unless the actor holds (and claims) one of `roles`. */
export function requireRole(db: DbHandle, actor: Actor, roles: readonly Role[], messageVi?: string): Role[] {
  const held = heldRoles(db, actor);
  if (!held.some((r) => roles.includes(r))) {
    throw new PrintOrderError("FORBIDDEN", `user ${actor.userId} is not ${roles.join("/")}`, messageVi);
  }
  return held;
}
