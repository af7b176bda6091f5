import { sha256 } from "./verify.server";

const MAX_UPLOAD = 150 * 1024 * 1024;

/** The hash to check from a verify form: an uploaded file (hashed here) or a pasted hex digest. */
export async function hashFromForm(
  request: Request,
): Promise<{ hash: string | null; error: string | null; source: "file" | "pasted" | null }> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD) return { hash: null, error: "File quá lớn (tối đa 150 MB).", source: null };
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { hash: null, error: "Không đọc được dữ liệu gửi lên.", source: null };
  }
  const file = form.get("file");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_UPLOAD) return { hash: null, error: "File quá lớn (tối đa 150 MB).", source: null };
    return { hash: sha256(new Uint8Array(await file.arrayBuffer())), error: null, source: "file" };
  }
  const pasted = String(form.get("sha256") ?? "")
    .trim()
    .toLowerCase();
  if (/^[0-9a-f]{64}$/.test(pasted)) return { hash: pasted, error: null, source: "pasted" };
  return { hash: null, error: "Hãy chọn file PDF hoặc dán mã SHA-256 gồm 64 ký tự hệ 16.", source: null };
}
