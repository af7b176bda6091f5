import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { isPrintAccessError, issueDownloadLink } from "../../storage/print-access";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { settings } from "../../config/env.server";
import { clientIp, resourceResponse } from "../lib/http.server";
import { appObjectStore } from "../lib/stores.server";
import { FILE_COOKIE, fileLinkPath } from "./files.$token";

const LINK_SECONDS = 120;

// ?kind=pdf (the default: the true-size print file), pdf_scaled (its 1:10 file, decision 031) or
// png; anything else is the true-size file, as a bare link always was.
const kindSchema = z.enum(["pdf", "pdf_scaled", "png"]).catch("pdf");

// POST only: a download is a logged event, so it is not a link a crawler or prefetch can trigger.
export function action({ request, params }: ActionFunctionArgs) {
  return resourceResponse("text", () => download(request, params.assetId ?? ""));
}

async function download(request: Request, assetId: string): Promise<Response> {
  const user = requireUser(request, ["printer"]);
  const kind = kindSchema.parse(new URL(request.url).searchParams.get("kind"));
  try {
    const link = await issueDownloadLink({
      db: db(),
      store: appObjectStore(),
      assetId,
      userId: user.id,
      roles: user.roles,
      kind,
      expiresSeconds: LINK_SECONDS,
      ip: clientIp(request),
      userAgent: request.headers.get("user-agent"),
    });
    return redirect(...browserLink(link.url, link.downloadId));
  } catch (e) {
    if (isPrintAccessError(e)) {
      const status = e.code === "FORBIDDEN" ? 403 : e.code === "NOT_FOUND" ? 404 : 409;
      return new Response(e.messageVi, {
        status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    }
    throw e;
  }
}

/**
 * The folder store's link is `/files/<token>`, and whatever is in a URL ends up whole in the
 * access log (remix-serve logs every request's URL, query string included). So the token goes to
 * the browser in a cookie scoped to this one download's path and lasting as long as the link,
 * and the URL names only the download (its log id). An S3 link goes to the S3 server as it is.
 */
function browserLink(url: string, downloadId: string): [string, ResponseInit] {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (!url.startsWith("/files/")) return [url, { headers }];
  const path = fileLinkPath(downloadId);
  const cookie = [
    `${FILE_COOKIE}=${url.slice("/files/".length)}`,
    `Path=${path}`,
    `Max-Age=${LINK_SECONDS}`,
    "HttpOnly",
    "SameSite=Strict",
  ];
  if (settings().publicOrigin?.startsWith("https:")) cookie.push("Secure");
  headers.append("Set-Cookie", cookie.join("; "));
  return [path, { headers }];
}

export async function loader() {
  throw redirect("/print");
}
