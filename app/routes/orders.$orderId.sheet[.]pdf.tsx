import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import { ORDER_READERS, orderSheetResponse } from "../lib/orders.server";

// The printable order (phiếu đặt in, issue 13 §2) as an A4 PDF, for whoever may see the order.

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () =>
    orderSheetResponse(requireUser(request, ORDER_READERS), params.orderId ?? ""),
  );
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
