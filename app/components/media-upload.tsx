import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import type { LibraryPageData, UploadResult } from "../lib/media.server";

// The upload form of the library (/media): several files at once, photos or logos, one content
// item to tag them with, a caption and a credit for all of them; then one line per file.

type ContentItems = LibraryPageData["contentItems"];

/** The answer to an upload: a summary, then what became of each file, with a link to stored ones. */
export function UploadOutcome({ result }: { result: UploadResult | undefined }) {
  if (!result) return null;
  return (
    <div className="media-outcome" data-testid="upload-outcome" role="status">
      {result.ok && <p className="notice">{result.ok}</p>}
      {result.error && <p className="error">{result.error}</p>}
      {result.lines.length > 0 && (
        <ul>
          {result.lines.map((l) => (
            <li key={l.file + l.messageVi} className={l.ok ? "media-line-ok" : "media-line-error"}>
              {l.messageVi}{" "}
              {l.id && (
                <Link to={`/media/${l.id}`} className="media-line-link">
                  Mở ảnh, đặt điểm chính
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * Files (JPEG, PNG, WebP photos; SVG or PNG logos), what they are, the content item (preselected
 * from the library's filter), caption and credit. `limits` are the numbers the server enforces.
 */
export function MediaUploadForm({
  contentItems,
  item,
  limits,
  busy,
}: {
  contentItems: ContentItems;
  item: string;
  limits: LibraryPageData["limits"];
  busy: boolean;
}) {
  const [count, setCount] = useState(0);
  return (
    <Form method="post" encType="multipart/form-data" className="form media-upload" replace>
      <label>
        Chọn ảnh hoặc logo
        <input
          type="file"
          name="files"
          multiple
          required
          accept="image/jpeg,image/png,image/webp,image/svg+xml,.svg"
          onChange={(e) => setCount(e.currentTarget.files?.length ?? 0)}
        />
        <span className="hint">
          Ảnh JPEG, PNG, WebP tối đa {limits.mb} MB và {limits.mp} megapixel; logo SVG (tối đa {limits.svgMb}{" "}
          MB) hoặc PNG từ {limits.logoMinPx} điểm ảnh. Mỗi lần tối đa {limits.files} tệp.
        </span>
        {count > 0 && (
          <span className="hint" data-testid="files-chosen">
            Đã chọn {count} tệp.
          </span>
        )}
      </label>
      <fieldset className="media-kind">
        <legend>Loại</legend>
        <label className="inline">
          <input type="radio" name="kind" value="photo" defaultChecked /> Ảnh chụp (dùng trong thiết kế)
        </label>
        <label className="inline">
          <input type="radio" name="kind" value="logo" /> Logo, biểu trưng (nền trong suốt)
        </label>
      </fieldset>
      <label>
        Gắn với nội dung tuyên truyền
        <select name="item" defaultValue={item}>
          <option value="">— Chưa gắn —</option>
          {contentItems.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code}. {c.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Chú thích <span className="hint">(tùy chọn, cho mọi tệp lần này)</span>
        <input type="text" name="caption" maxLength={500} />
      </label>
      <label>
        Tác giả/nguồn <span className="hint">(tùy chọn)</span>
        <input type="text" name="credit" maxLength={200} />
      </label>
      <div>
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? "Đang tải lên…" : "Tải lên"}
        </button>
      </div>
    </Form>
  );
}
