import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { versionPngResponse } from "../lib/downloads.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";

// An approved version's PNG as a file to save (decision 081); a GET because a browser's download
// link is one, and each one is logged.

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () =>
    versionPngResponse(request, requireUser(request), params.versionId ?? ""),
  );
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
