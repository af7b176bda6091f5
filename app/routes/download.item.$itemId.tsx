import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { itemZipResponse } from "../lib/downloads.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";

// "Tải tất cả" of a content item: its approved and published files as one ZIP (decision 081).

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () => itemZipResponse(request, requireUser(request), params.itemId ?? ""));
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
