import { type EmailNotifyMode, isEmailNotifyMode, normalizeEmail } from "../../domain/email";
import { WorkflowError } from "../../domain/workflow-error";
import type { DbHandle } from "../db/connection";
import { exec, first, immediate } from "../db/sync";
import { assertEmailFree, getUserRoles } from "../users";

// Who may change how a person is reached: the admin sets addresses (an address is an identity the
// commune vouches for, and a wrong one sends an asset's details to a stranger); each person picks
// their own mode. The actor is the session's user; roles are read from the database, not claimed.

function requireUser(handle: DbHandle, userId: string): void {
  const u = first(handle.conn, handle.db.selectFrom("users").select("id").where("id", "=", userId));
  if (!u) throw new WorkflowError("NOT_FOUND", `user ${userId} not found`, {}, "Không tìm thấy người dùng.");
}

/**
 * Sets (or with null / "" removes) a user's e-mail address; only an admin may.
 * Returns the stored address (trimmed, lower-case) or null.
 * Throws WorkflowError FORBIDDEN (actor is not an admin), NOT_FOUND (no such user),
 * INVALID_INPUT (details.field = "email": malformed, or held by another user).
 */
export function setUserEmail(
  handle: DbHandle,
  input: { actorId: string; userId: string; email: string | null; now?: Date },
): string | null {
  if (!getUserRoles(handle, input.actorId).includes("admin")) {
    throw new WorkflowError("FORBIDDEN", "only an admin sets e-mail addresses");
  }
  const email = normalizeEmail(input.email);
  return immediate(handle.conn, () => {
    requireUser(handle, input.userId);
    if (email) assertEmailFree(handle, email, input.userId);
    exec(
      handle.conn,
      handle.db
        .updateTable("users")
        .set({ email, updated_at: (input.now ?? new Date()).toISOString() })
        .where("id", "=", input.userId),
    );
    return email;
  });
}

/**
 * Sets how the actor hears by e-mail: "instant", "digest" (one mail a day) or "off" (inbox only).
 * Only for oneself. Deliveries already waiting for a digest follow the new mode: "off" drops them
 * at the next digest, "instant" leaves them for that digest.
 * Throws WorkflowError FORBIDDEN (someone else's setting), NOT_FOUND, INVALID_INPUT (unknown mode).
 */
export function setEmailNotifyMode(
  handle: DbHandle,
  input: { actorId: string; userId: string; mode: string; now?: Date },
): EmailNotifyMode {
  if (input.actorId !== input.userId) {
    throw new WorkflowError("FORBIDDEN", "a person sets only their own e-mail mode");
  }
  const mode = input.mode;
  if (!isEmailNotifyMode(mode)) {
    throw new WorkflowError("INVALID_INPUT", `unknown e-mail mode ${JSON.stringify(mode)}`, {
      field: "emailNotify",
    });
  }
  requireUser(handle, input.userId);
  exec(
    handle.conn,
    handle.db
      .updateTable("users")
      .set({ email_notify: mode, updated_at: (input.now ?? new Date()).toISOString() })
      .where("id", "=", input.userId),
  );
  return mode;
}
