import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import { MEDIA_VIEW_ROLES, mediaFileResponse } from "../lib/media.server";
import { appObjectStore } from "../lib/stores.server";

// A library item's stored file (the re-encoded JPEG or PNG, the sanitised SVG), for staff.

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () => {
    const user = requireUser(request, MEDIA_VIEW_ROLES);
    return mediaFileResponse(db(), appObjectStore(), user, params.mediaId ?? "", "file", request);
  });
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
