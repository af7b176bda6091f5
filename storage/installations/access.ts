import type { ActorRole, Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { effectiveRoles } from "../users";
import { InstallationError } from "./errors";
import type { InstallationLine } from "./line";

// Every permission is decided here from the database; the roles a session claims only narrow them.

/** Staff who see installation photos; print shops see published print files only. */
const STAFF_ROLES: readonly Role[] = ["drafter", "office", "approver", "admin"];

/**
 * The role `userId` records proof for this line's asset in: "office" or "admin" for any asset,
 * "drafter" only for an asset they created, or null when they may not.
 */
export function recordingRole(
  handle: DbHandle,
  userId: string,
  line: Pick<InstallationLine, "assetCreatedBy">,
  claimed?: readonly Role[],
): ActorRole | null {
  const roles = effectiveRoles(handle, userId, claimed);
  if (roles.includes("office")) return "office";
  if (roles.includes("admin")) return "admin";
  if (roles.includes("drafter") && line.assetCreatedBy === userId) return "drafter";
  return null;
}

/** As recordingRole; throws InstallationError FORBIDDEN instead of returning null. */
export function requireRecordingRole(
  handle: DbHandle,
  userId: string,
  line: Pick<InstallationLine, "assetCreatedBy" | "assetCode">,
  claimed?: readonly Role[],
): ActorRole {
  const role = recordingRole(handle, userId, line, claimed);
  if (!role)
    throw new InstallationError("FORBIDDEN", `user ${userId} may not record proof for ${line.assetCode}`);
  return role;
}

/** Throws InstallationError FORBIDDEN unless `userId` is active staff (not only a print shop). */
export function requireStaff(handle: DbHandle, userId: string, claimed?: readonly Role[]): void {
  if (!effectiveRoles(handle, userId, claimed).some((r) => STAFF_ROLES.includes(r))) {
    throw new InstallationError(
      "FORBIDDEN",
      `user ${userId} is not staff`,
      "Bạn không có quyền xem ảnh nghiệm thu.",
    );
  }
}
