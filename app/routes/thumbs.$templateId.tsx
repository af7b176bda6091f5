import type { LoaderFunctionArgs } from "@remix-run/node";
import { TEMPLATES } from "../../templates/catalog";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { templateThumbnail } from "../lib/design-controls.server";
import { notFound, resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import { appObjectStore } from "../lib/stores.server";

// Resource route: GET /thumbs/<templateId>[?v=…] → the design's picture for the editor's design
// cards (a PNG of a sample slogan; app/lib/design-controls.server.ts). The editor asks with `v`,
// which changes with the brand kit and each server start, so the browser may keep what it got.

const EDITOR_ROLES = ["drafter", "office", "approver", "admin"] as const;

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", async () => {
    requireUser(request, EDITOR_ROLES);
    const template = TEMPLATES.find((t) => t.id === params.templateId);
    if (!template) notFound("Không có mẫu thiết kế này.");
    const png = await templateThumbnail(db(), appObjectStore, template);
    const versioned = new URL(request.url).searchParams.has("v");
    return new Response(new Uint8Array(png), {
      headers: {
        "Content-Type": "image/png",
        "Content-Length": String(png.byteLength),
        "Cache-Control": versioned ? "private, max-age=31536000, immutable" : "private, max-age=300",
      },
    });
  });
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}
