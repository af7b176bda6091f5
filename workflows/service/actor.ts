import type { Role } from "../../domain/roles";
import { WorkflowError } from "../../domain/workflow-error";
import type { DbHandle } from "../../storage/db/connection";
import { first } from "../../storage/db/sync";
import { getUserRoles } from "../../storage/users";
import type { WorkflowActor } from "../asset-machine";

/**
 * The user's roles from the database, narrowed to what the caller claims (if it claims any): a
 * session can give up a role but never gain one. Errors: FORBIDDEN for an unknown or inactive user.
 */
export function resolveActor(handle: DbHandle, actor: { userId: string; roles?: Role[] }): WorkflowActor {
  const user = first(
    handle.conn,
    handle.db.selectFrom("users").select(["id", "active"]).where("id", "=", actor.userId),
  );
  if (user?.active !== 1) throw new WorkflowError("FORBIDDEN", "unknown or inactive user");
  const held = getUserRoles(handle, user.id);
  const roles = actor.roles ? held.filter((r) => actor.roles!.includes(r)) : held;
  return { userId: user.id, roles };
}

/** resolveActor, then FORBIDDEN unless the resolved roles include drafter. */
export function requireDrafter(handle: DbHandle, actor: { userId: string; roles?: Role[] }): WorkflowActor {
  const resolved = resolveActor(handle, actor);
  if (!resolved.roles.includes("drafter"))
    throw new WorkflowError("FORBIDDEN", "only a drafter creates or edits");
  return resolved;
}
