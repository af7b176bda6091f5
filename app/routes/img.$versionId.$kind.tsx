import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAsset, getVersion, getVersionFile } from "../../storage/assets";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { thumbnailFor } from "../lib/thumbnails.server";
import { forbidden, notFound, resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";

// Stored PNG proofs of a version (`png`) and their 320 px thumbnails (`thumb`) for lists and
// side-by-side comparison. Print files go to printers only through the logged download in the
// print library.

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () => proof(request, params));
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}

async function proof(request: Request, params: LoaderFunctionArgs["params"]): Promise<Response> {
  const user = requireUser(request);
  if (params.kind !== "png" && params.kind !== "thumb") notFound();
  const handle = db();
  const version = getVersion(handle, params.versionId ?? "");
  if (!version) notFound();
  const asset = getAsset(handle, version.assetId);
  if (!asset) notFound();
  const reviewer = user.roles.some((r) => r !== "printer");
  if (!reviewer && !(asset.state === "published" && asset.currentVersionId === version.id)) forbidden();
  const file = getVersionFile(handle, version.id, "png");
  if (!file) notFound();
  const bytes =
    params.kind === "thumb" ? await thumbnailFor(file.sha256, () => file.bytes) : new Uint8Array(file.bytes);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/png",
      "Content-Length": String(bytes.byteLength),
      // Versions are immutable, so the browser may keep them.
      "Cache-Control": "private, max-age=86400, immutable",
      ETag: `"${params.kind}-${file.sha256}"`,
    },
  });
}
