import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getAsset, getVersion, logDownload } from "../../storage/assets";
import { getObjectStore } from "../../storage/objects/index.server";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { clientIp, forbidden, notFound } from "../lib/http.server";
import { printFileKey } from "../lib/publisher.server";

const LINK_SECONDS = 120;

// POST only: a download is a logged event, so it is not a link a crawler or prefetch can trigger.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, ["printer"]);
  const handle = db();
  const asset = getAsset(handle, params.assetId ?? "");
  if (!asset) notFound("Không tìm thấy ấn phẩm.");
  if (asset.state !== "published" || !asset.currentVersionId) {
    forbidden("Ấn phẩm chưa được phát hành hoặc đã bị thu hồi: không được tải file in.");
  }
  const version = getVersion(handle, asset.currentVersionId);
  if (!version) notFound();
  const store = getObjectStore();
  const key = printFileKey(asset, version);
  const stat = await store.stat(key).catch(() => null);
  if (!stat) {
    throw new Response("File in chưa có trong kho lưu trữ. Vui lòng thử lại sau ít phút.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30" },
    });
  }
  logDownload(handle, {
    assetId: asset.id,
    versionId: version.id,
    userId: user.id,
    fileKind: "pdf",
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
  });
  const url = await store.presignGet(key, {
    expiresSeconds: LINK_SECONDS,
    downloadName: `${asset.code}-phien-ban-${version.n}.pdf`,
  });
  throw redirect(url, { headers: { "Cache-Control": "no-store" } });
}

export async function loader() {
  throw redirect("/print");
}
