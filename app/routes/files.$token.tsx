import type { LoaderFunctionArgs } from "@remix-run/node";
import {
  contentDisposition,
  FolderObjectStore,
  getObjectStore,
  isObjectStoreError,
} from "../../storage/objects/index.server";

// Download endpoint of the folder object store: the signed, short-lived token is the permission
// (it was minted only after the print-library check and the download log entry).

export async function loader({ params }: LoaderFunctionArgs) {
  const store = getObjectStore();
  if (!(store instanceof FolderObjectStore)) return new Response("Không tìm thấy.", { status: 404 });
  try {
    const link = store.verifyFolderLink(params.token ?? "");
    const bytes = await store.get(link.key);
    const stat = await store.stat(link.key);
    const name = link.downloadName ?? link.key.split("/").pop() ?? "file";
    return new Response(new Uint8Array(bytes), {
      headers: {
        "Content-Type": stat?.contentType ?? "application/octet-stream",
        "Content-Length": String(bytes.length),
        "Content-Disposition": contentDisposition(name),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (e) {
    if (isObjectStoreError(e) && e.code === "EXPIRED") {
      return new Response("Đường dẫn tải đã hết hạn. Vui lòng tải lại từ thư viện file in.", {
        status: 410,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    if (
      isObjectStoreError(e) &&
      (e.code === "BAD_SIGNATURE" || e.code === "NOT_FOUND" || e.code === "BAD_KEY")
    ) {
      return new Response("Đường dẫn tải không hợp lệ.", {
        status: 404,
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw e;
  }
}
