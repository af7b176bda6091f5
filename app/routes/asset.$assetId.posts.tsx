import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { methodNotAllowed } from "../lib/http.server";
import { socialPostAction } from "../lib/report.server";

// POST /asset/:id/posts: record (intent=record) or remove (intent=remove) a "đã đăng" record of a
// social design, then back to the asset page. Storage decides who may: office, admin, or the
// design's own drafter for recording; office or admin for removing.

export function loader() {
  methodNotAllowed("POST");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, ["office", "admin", "drafter"]);
  const r = socialPostAction(db(), user, params.assetId ?? "", await request.formData());
  if (r.ok) throw redirect(r.redirectTo);
  // A resource route: the refusal is a JSON answer the form's fetcher reads.
  return Response.json({ ok: r.ok, error: r.error }, { status: r.status });
}
