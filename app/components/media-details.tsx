import { Form } from "@remix-run/react";
import { formatDateTimeVi } from "../lib/format";
import type { MediaPageData } from "../lib/media.server";

// One library item's words and standing (/media/:id): caption, credit and content items; the
// facts of the stored file; hiding it from the pickers and bringing it back.

const KIND_VI = { photo: "Ảnh chụp", logo: "Logo" } as const;
const SOURCE_VI = { jpeg: "JPEG", png: "PNG", webp: "WebP", svg: "SVG" } as const;

/** "2,4 MB" or "36 kB". */
const bytesVi = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`
    : `${Math.max(1, Math.round(n / 1024))} kB`;

/** Caption, credit and the content item boxes; read-only text for a viewer who may not edit. */
export function MediaDetailsForm({ page, busy }: { page: MediaPageData; busy: boolean }) {
  const { item } = page;
  const tagged = new Set(item.contentItemIds);
  if (!page.canEdit) {
    return (
      <dl className="spec">
        <dt>Tác giả/nguồn</dt>
        <dd>{item.credit || "—"}</dd>
        <dt>Nội dung</dt>
        <dd>
          {page.contentItems
            .filter((c) => tagged.has(c.id))
            .map((c) => c.code)
            .join(", ") || "—"}
        </dd>
      </dl>
    );
  }
  return (
    <Form method="post" className="form media-details" aria-label="Chú thích và nội dung">
      <input type="hidden" name="intent" value="details" />
      <label>
        Chú thích
        <textarea name="caption" maxLength={500} defaultValue={item.caption} rows={2} />
      </label>
      <label>
        Tác giả/nguồn
        <input type="text" name="credit" maxLength={200} defaultValue={item.credit} />
      </label>
      <fieldset className="media-tags">
        <legend>Gắn với nội dung tuyên truyền</legend>
        {page.contentItems.map((c) => (
          <label key={c.id} className="inline">
            <input type="checkbox" name="tags" value={c.id} defaultChecked={tagged.has(c.id)} />
            <span>
              <strong>{c.code}</strong> {c.title}
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" className="btn primary" disabled={busy}>
          Lưu
        </button>
      </div>
    </Form>
  );
}

/** The stored file's facts and links. */
export function MediaFacts({ item }: { item: MediaPageData["item"] }) {
  return (
    <dl className="spec media-facts">
      <dt>Loại</dt>
      <dd>
        {KIND_VI[item.kind]} · gửi lên dạng {SOURCE_VI[item.sourceType]}, lưu dạng{" "}
        {item.contentType.replace("image/", "").replace("+xml", "").toUpperCase()}
      </dd>
      <dt>Kích thước</dt>
      <dd>
        {item.width} × {item.height} {item.contentType === "image/svg+xml" ? "px (vector)" : "điểm ảnh"} ·{" "}
        {bytesVi(item.size)}
      </dd>
      <dt>Tải lên</dt>
      <dd>
        {item.uploadedBy} · {formatDateTimeVi(item.uploadedAt)}
      </dd>
      <dt>Mã SHA-256</dt>
      <dd className="hash" title={item.sha256}>
        {item.sha256.slice(0, 16)}…
      </dd>
      <dt>Tệp</dt>
      <dd>
        <a href={item.fileUrl} target="_blank" rel="noreferrer">
          Mở tệp gốc
        </a>
      </dd>
    </dl>
  );
}

/** Hide from the pickers, or bring back; the file stays, versions that use it keep it. */
export function RetireForm({ page }: { page: MediaPageData }) {
  if (!page.canRetire) return null;
  const retired = page.item.retiredAt !== null;
  return (
    <Form method="post" className="media-retire">
      <input type="hidden" name="intent" value={retired ? "restore" : "retire"} />
      <p className="hint">
        {retired
          ? `Ảnh đã ẩn khỏi bộ chọn ảnh từ ${formatDateTimeVi(page.item.retiredAt)}.`
          : "Ẩn ảnh khỏi bộ chọn ảnh khi thiết kế. Ảnh không bị xóa: các ấn phẩm đã dùng ảnh vẫn giữ nguyên."}
      </p>
      <button type="submit" className={retired ? "btn" : "btn danger"}>
        {retired ? "Hiện lại trong bộ chọn" : "Ẩn khỏi bộ chọn"}
      </button>
    </Form>
  );
}
