import type { Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { effectiveRoles } from "../users";

/** Who acts: the session's user id and the roles the session claims (never the request body). */
export interface Actor {
  userId: string;
  roles: readonly Role[];
}

/**
 * The roles `actor` really holds: those of an active account in the database, narrowed to what
 * the session claims, so a stale session cannot act in a role taken away since it began.
 */
export function heldRoles(db: DbHandle, actor: Actor): Role[] {
  return effectiveRoles(db, actor.userId, actor.roles);
}

/** Whether the actor holds (and claims) any of `roles`. */
export function actsAs(db: DbHandle, actor: Actor, roles: readonly Role[]): boolean {
  return heldRoles(db, actor).some((r) => roles.includes(r));
}
