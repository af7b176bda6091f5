import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import { INSTALLATION_VIEW_ROLES, photoResponse } from "../lib/installations.server";
import { appObjectStore } from "../lib/stores.server";

// Installation photos (nghiệm thu), re-encoded JPEGs from the object store, for staff only;
// `?w=400` gives the thumbnail the pages show.

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () => {
    const user = requireUser(request, INSTALLATION_VIEW_ROLES);
    const width = new URL(request.url).searchParams.get("w");
    return photoResponse(db(), appObjectStore(), user, params.photoId ?? "", width);
  });
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
