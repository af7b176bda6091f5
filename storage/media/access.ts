import type { Role } from "../../domain/roles";
import type { DbHandle } from "../db/connection";
import { effectiveRoles } from "../users";
import { MediaError } from "./errors";

// Who does what with the library (decision 036), decided from the database; the roles a session
// claims only narrow them. Print shops see published print files only, never the library.

/** Staff who see the library and its files. */
export const MEDIA_VIEW_ROLES: readonly Role[] = ["drafter", "office", "approver", "admin"];
/** Staff who upload, caption, tag and set focal points. */
export const MEDIA_EDIT_ROLES: readonly Role[] = ["drafter", "office", "admin"];

/** Throws MediaError MEDIA_FORBIDDEN unless `userId` is active staff. */
export function requireMediaViewer(handle: DbHandle, userId: string, claimed?: readonly Role[]): void {
  if (!effectiveRoles(handle, userId, claimed).some((r) => MEDIA_VIEW_ROLES.includes(r))) {
    throw new MediaError(
      "MEDIA_FORBIDDEN",
      `user ${userId} may not see the library`,
      "Bạn không có quyền xem thư viện ảnh.",
    );
  }
}

/** Throws MediaError MEDIA_FORBIDDEN unless `userId` may upload and edit (drafter, office, admin). */
export function requireMediaEditor(handle: DbHandle, userId: string, claimed?: readonly Role[]): Role[] {
  const roles = effectiveRoles(handle, userId, claimed);
  if (!roles.some((r) => MEDIA_EDIT_ROLES.includes(r))) {
    throw new MediaError("MEDIA_FORBIDDEN", `user ${userId} may not change the library`);
  }
  return roles;
}

/**
 * Whether `userId` may hide `uploadedBy`'s upload from the pickers or bring it back: the office and
 * the admin any upload, a drafter their own (one drafter does not pull another's photo from use).
 */
export function mayRetire(
  handle: DbHandle,
  userId: string,
  uploadedBy: string,
  claimed?: readonly Role[],
): boolean {
  const roles = effectiveRoles(handle, userId, claimed);
  return (
    roles.includes("office") ||
    roles.includes("admin") ||
    (roles.includes("drafter") && uploadedBy === userId)
  );
}
