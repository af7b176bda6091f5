import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import { minutePdfResponse } from "../lib/minute.server";

// The approval minute of an asset (Phiếu duyệt ấn phẩm, decision 032) as a PDF file.

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () =>
    minutePdfResponse(request, requireUser(request), params.assetId ?? ""),
  );
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
