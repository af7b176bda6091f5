import { Form, Link } from "@remix-run/react";
import { formatDateVi } from "../lib/format";
import type { LibraryPageData } from "../lib/media.server";

// The library's grid (/media) and its filter: thumbnails as links to each item's page, with the
// caption, the content items' codes and who uploaded it when.

/** The filter: kind, content item, hidden ones; a GET form, so the URL keeps the view. */
export function MediaFilters({ page }: { page: LibraryPageData }) {
  const f = page.filter;
  return (
    <Form method="get" className="media-filters" aria-label="Lọc thư viện">
      <label>
        Loại
        <select name="kind" defaultValue={f.kind}>
          <option value="">Tất cả</option>
          <option value="photo">Ảnh chụp</option>
          <option value="logo">Logo</option>
        </select>
      </label>
      <label>
        Nội dung
        <select name="item" defaultValue={f.item}>
          <option value="">Tất cả nội dung</option>
          {page.contentItems.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code}. {c.title}
            </option>
          ))}
        </select>
      </label>
      <div className="media-filters-end">
        <label className="inline">
          <input type="checkbox" name="hidden" value="1" defaultChecked={f.hidden} /> Chỉ ảnh đã ẩn
        </label>
        <button type="submit" className="btn">
          Lọc
        </button>
      </div>
    </Form>
  );
}

/** The cards; an empty library or filter says so. */
export function MediaGrid({ items }: { items: LibraryPageData["items"] }) {
  if (items.length === 0) return <p className="muted">Không có ảnh nào khớp bộ lọc.</p>;
  return (
    <ul className="media-grid" data-testid="media-grid">
      {items.map((m) => (
        <li key={m.id} className={`media-card${m.retired ? " media-retired" : ""}`} data-media={m.id}>
          <Link to={`/media/${m.id}`} className="media-card-link">
            <span className={`media-card-thumb media-${m.kind}`}>
              <img src={m.thumbUrl} alt={m.caption || "Ảnh chưa có chú thích"} loading="lazy" />
            </span>
            <span className="media-card-caption">
              {m.caption || <em className="muted">Chưa có chú thích</em>}
            </span>
          </Link>
          <span className="media-card-meta">
            {m.kind === "logo" && <span className="badge media-badge-logo">Logo</span>}
            {m.retired && <span className="badge media-badge-hidden">Đã ẩn</span>}
            {m.codes.map((c) => (
              <span key={c} className="badge media-badge-item">
                {c}
              </span>
            ))}
          </span>
          <span className="media-card-by">
            {m.uploadedBy} · {formatDateVi(m.uploadedAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
