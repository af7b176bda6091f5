import type { LoaderFunctionArgs } from "@remix-run/node";
import { resourceMethodNotAllowed } from "../lib/http.server";
import { reportDownload } from "../lib/report.server";

// GET /report.xlsx?from=dd/mm/yyyy&to=dd/mm/yyyy: the plan report as a workbook, one sheet per section.

export function loader({ request }: LoaderFunctionArgs) {
  return reportDownload(request, "xlsx");
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
