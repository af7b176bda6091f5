import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "../lib/auth.server";
import { STAFF_FILE_KINDS, versionFileResponse } from "../lib/downloads.server";
import { badRequest, resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";

// An approved version's file to save (decision 081): its PNG, or with ?file=pdf / ?file=pdf_scaled
// its print PDF or the 1:10 print PDF (decision 031). A GET because a browser's download link is
// one, and each one is logged.

const fileSchema = z.enum(STAFF_FILE_KINDS).default("png");

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () => {
    const user = requireUser(request);
    const parsed = fileSchema.safeParse(new URL(request.url).searchParams.get("file") ?? undefined);
    if (!parsed.success) badRequest("Loại file không hợp lệ: png, pdf hoặc pdf_scaled.");
    return versionFileResponse(request, user, params.versionId ?? "", parsed.data);
  });
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
