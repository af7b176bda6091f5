import { createHash } from "node:crypto";
import { type VerifyAudience, verifyAudienceFor } from "../../storage/print-access";
import { getUser } from "./auth.server";

// The verify pages answer from storage/print-access (verifyByCode, verifyHash, verifyByFileHash):
// one implementation. What the web app adds is who asks, decided here from the session.

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Signed-in staff see every state; signed-out visitors and print shops see what the public may. */
export function verifyAudience(request: Request): VerifyAudience {
  return verifyAudienceFor(getUser(request)?.roles);
}
