import type { LoaderFunctionArgs } from "@remix-run/node";
import { resourceMethodNotAllowed } from "../lib/http.server";
import { reportDownload } from "../lib/report.server";

// GET /report.docx?from=dd/mm/yyyy&to=dd/mm/yyyy: the plan report as an administrative report to edit and sign (Decree 30 layout).

export function loader({ request }: LoaderFunctionArgs) {
  return reportDownload(request, "docx");
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
