import { z } from "zod";
import { settings } from "../../config/env.server";
import type { Role } from "../../domain/roles";
import { getAsset, listVersions, versionAuthors } from "../../storage/assets";
import { approvalMinutePdf, MinuteError } from "../../storage/minute";
import { contentDisposition } from "../../storage/objects/content-disposition";
import type { DbHandle } from "../../storage/db/connection";
import type { User } from "./auth.server";
import { db } from "./db.server";
import { userMessage } from "./errors.server";
import { badRequest, forbidden, notFound, publicOrigin } from "./http.server";

// GET /asset/<id>/minute.pdf: the approval minute (Phiếu duyệt ấn phẩm, decision 032) of the
// asset's approved version, signed when SIGNING_P12_PATH / SIGNING_P12_PASSWORD are set.

/** Who may read every asset's minute; a drafter reads the minutes of the assets they wrote. */
export const MINUTE_STAFF_ROLES: readonly Role[] = ["office", "approver", "admin"];

const query = z.object({
  /** Version number (1, 2, …); default the version approved last. */
  v: z.coerce.number().int().min(1).max(100_000).optional(),
});

function text(message: string, status: number): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Office, approver and admin read every minute; a drafter those of assets they wrote (creator or a version's author). */
export function mayReadMinute(
  handle: DbHandle,
  user: Pick<User, "id" | "roles">,
  asset: { id: string; createdBy: string },
): boolean {
  if (MINUTE_STAFF_ROLES.some((r) => user.roles.includes(r))) return true;
  return (
    user.roles.includes("drafter") &&
    (asset.createdBy === user.id ||
      listVersions(handle, asset.id).some((v) => versionAuthors(handle, v.id).includes(user.id)))
  );
}

/**
 * The minute as a PDF attachment named after the asset code and version. 404 for an unknown
 * asset or version, 403 for roles other than office, approver and admin unless the user is a
 * drafter who wrote the asset (its creator or a version's author), 409 for a version never
 * approved, 503 when the signing key cannot be used (logged for the operator).
 */
export async function minutePdfResponse(request: Request, user: User, assetId: string): Promise<Response> {
  const handle = db();
  const asset = getAsset(handle, assetId);
  if (!asset) notFound("Không tìm thấy ấn phẩm này.");
  if (!mayReadMinute(handle, user, asset)) {
    forbidden(
      "Chỉ Phòng Văn hóa - Xã hội, lãnh đạo phê duyệt, quản trị và người soạn ấn phẩm được xem phiếu duyệt.",
    );
  }
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) badRequest("Số phiên bản không hợp lệ.");
  try {
    const minute = await approvalMinutePdf(handle, asset.id, {
      versionN: parsed.data.v,
      verifyOrigin: publicOrigin(),
      signing: settings().signing,
    });
    return new Response(new Uint8Array(minute.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(minute.pdf.length),
        "Content-Disposition": contentDisposition(
          `Phiếu duyệt ${minute.data.assetCode} v${minute.data.versionN}.pdf`,
        ),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (e instanceof MinuteError) return text(e.messageVi, e.code === "NOT_APPROVED" ? 409 : 404);
    // A fault (the signing key) is logged with its code; the person reads what happened.
    return text(userMessage(e), 503);
  }
}
