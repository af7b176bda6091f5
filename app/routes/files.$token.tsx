import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  contentDisposition,
  FolderObjectStore,
  isObjectStoreError,
} from "../../storage/objects/index.server";
import { assertStillDownloadable, isPrintAccessError } from "../../storage/print-access";
import { db } from "../lib/db.server";
import { resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import { appObjectStore } from "../lib/stores.server";

// Download endpoint of the folder object store: the signed, short-lived token is the permission
// (it was minted only after the print-library check and the download log entry). The file's
// state is read again here, so a revoke stops a link already handed out at once.

function text(message: string, status: number): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Cookie that carries a download's token (see print.$assetId.download), scoped to its path. */
export const FILE_COOKIE = "cd_file";

/** The URL a browser is sent to for one download: names the download, never the token. */
export function fileLinkPath(downloadId: string): string {
  return `/files/${encodeURIComponent(downloadId)}`;
}

/**
 * `/files/<token>` (the store's own link form) or `/files/<download id>` with the token in the
 * download's cookie, so that the token is not written whole into the access log.
 */
function tokenOf(request: Request, param: string): string {
  if (param.includes(".")) return param;
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === FILE_COOKIE) return part.slice(i + 1).trim();
  }
  return "";
}

export function loader({ request, params }: LoaderFunctionArgs) {
  return resourceResponse("text", () => serve(tokenOf(request, params.token ?? "")));
}

export function action() {
  return resourceMethodNotAllowed("text", "GET, HEAD");
}

async function serve(token: string): Promise<Response> {
  const store = appObjectStore();
  if (!(store instanceof FolderObjectStore)) return text("Không tìm thấy.", 404);
  try {
    const link = store.verifyFolderLink(token);
    assertStillDownloadable(db(), link.key);
    const bytes = await store.get(link.key);
    const stat = await store.stat(link.key);
    const name = link.downloadName ?? link.key.split("/").pop() ?? "file";
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": stat?.contentType ?? "application/octet-stream",
        "Content-Length": String(bytes.length),
        "Content-Disposition": contentDisposition(name),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (e) {
    if (isPrintAccessError(e)) {
      // Revoked (or no longer published) since the link was issued: gone, and the printer is told why.
      return text(e.messageVi, e.code === "NOT_FOUND" ? 404 : 410);
    }
    if (isObjectStoreError(e) && e.code === "EXPIRED") {
      return text("Đường dẫn tải đã hết hạn. Vui lòng tải lại từ thư viện file in.", 410);
    }
    if (
      isObjectStoreError(e) &&
      (e.code === "BAD_SIGNATURE" || e.code === "NOT_FOUND" || e.code === "BAD_KEY")
    ) {
      return text("Đường dẫn tải không hợp lệ hoặc đã hết hạn. Vui lòng tải lại từ thư viện file in.", 404);
    }
    throw e;
  }
}
