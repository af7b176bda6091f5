import type { Role } from "../../domain/roles";
import type { VerifyResult, VerifyStatus } from "./verify-result";

// Anyone may ask the verify pages, and asset codes are sequential, so what an answer reveals
// depends on who asks.

/**
 * Who is asking, decided by the server from the session.
 * - `public`: a signed-out visitor, a citizen, a print shop. Learns only about versions that are
 *   published or revoked; any other code (draft, in review, returned, rejected, approved but not
 *   yet published, replaced) reads exactly like a code that does not exist.
 * - `staff`: a signed-in drafter, reviewer, approver or admin: every state.
 */
export type VerifyAudience = "public" | "staff";

const STAFF_ROLES: readonly Role[] = ["drafter", "office", "approver", "admin"];

/** The audience for the roles of the signed-in user (none: signed out). Print shops are public. */
export function verifyAudienceFor(roles: readonly Role[] | null | undefined): VerifyAudience {
  return roles?.some((r) => STAFF_ROLES.includes(r)) ? "staff" : "public";
}

const PUBLIC_STATUSES: readonly VerifyStatus[] = ["published", "revoked"];

/** Whether `audience` may learn what `result` says (otherwise it must get UNKNOWN). */
export function visible(result: VerifyResult, audience: VerifyAudience): boolean {
  return audience === "staff" || PUBLIC_STATUSES.includes(result.status);
}
