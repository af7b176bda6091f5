import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getObjectStore } from "../../storage/objects/index.server";
import { isPrintAccessError, issueDownloadLink } from "../../storage/print-access";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { clientIp } from "../lib/http.server";

const LINK_SECONDS = 120;

// POST only: a download is a logged event, so it is not a link a crawler or prefetch can trigger.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, ["printer"]);
  const kind = new URL(request.url).searchParams.get("kind") === "png" ? "png" : "pdf";
  try {
    const link = await issueDownloadLink({
      db: db(),
      store: getObjectStore(),
      assetId: params.assetId ?? "",
      userId: user.id,
      roles: user.roles,
      kind,
      expiresSeconds: LINK_SECONDS,
      ip: clientIp(request),
      userAgent: request.headers.get("user-agent"),
    });
    return redirect(link.url, { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    if (isPrintAccessError(e)) {
      const status = e.code === "FORBIDDEN" ? 403 : e.code === "NOT_FOUND" ? 404 : 409;
      throw new Response(e.messageVi, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw e;
  }
}

export async function loader() {
  throw redirect("/print");
}
