import { STATE_LABELS_VI, ASSET_STATES } from "../../domain/states";
import { Form, Link } from "@remix-run/react";
import type { ListOptions, ListQuery } from "../lib/asset-list.server";

const SORT_LABELS_VI: Record<ListQuery["sort"], string> = {
  updated: "Mới cập nhật trước",
  code: "Theo mã",
  due: "Hạn gần nhất trước",
  waiting: "Chờ lâu nhất trước",
};

/** Whether anything beyond the search box is set: the filters then start unfolded. */
function narrowed(q: ListQuery): boolean {
  return Boolean(
    q.item ||
      q.states.length ||
      q.format ||
      q.template ||
      q.drafter ||
      q.due ||
      q.sort !== "updated" ||
      q.reverse ||
      q.size !== 20,
  );
}

/**
 * The list's filters as a GET form, so the URL holds them and a link shares them. `publishedOnly`
 * hides the state filter (a print shop's list is published assets only, whatever it asks for).
 */
export function AssetListFilters({
  query,
  options,
  publishedOnly,
}: {
  query: ListQuery;
  options: ListOptions;
  publishedOnly: boolean;
}) {
  return (
    <Form method="get" className="al-filters card" role="search" aria-label="Tìm và lọc ấn phẩm">
      <label className="al-q">
        Tìm theo mã hoặc khẩu hiệu
        <input
          type="search"
          name="q"
          defaultValue={query.q}
          placeholder="Ví dụ: thu tuc hanh chinh"
          maxLength={200}
        />
      </label>
      <details className="al-more" open={narrowed(query)}>
        <summary>Lọc theo nội dung, trạng thái, khổ, mẫu, người soạn; sắp xếp</summary>
        <div className="al-grid">
          <label>
            Nội dung
            <select name="item" defaultValue={query.item}>
              <option value="">Tất cả</option>
              {options.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code}. {i.title}
                </option>
              ))}
            </select>
          </label>
          {!publishedOnly && (
            <label>
              Trạng thái
              <select name="states" defaultValue={query.states.length === 1 ? query.states[0] : ""}>
                <option value="">Tất cả</option>
                {ASSET_STATES.map((s) => (
                  <option key={s} value={s}>
                    {STATE_LABELS_VI[s]}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Khổ
            <select name="format" defaultValue={query.format}>
              <option value="">Tất cả</option>
              {options.formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Mẫu thiết kế
            <select name="template" defaultValue={query.template}>
              <option value="">Tất cả</option>
              {options.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Người soạn
            <select name="drafter" defaultValue={query.drafter}>
              <option value="">Tất cả</option>
              {options.drafters.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          {!publishedOnly && (
            <label>
              Chờ xử lý / hạn
              <select name="due" defaultValue={query.due}>
                <option value="">Tất cả</option>
                <option value="waiting">Đang chờ người xử lý</option>
                <option value="overdue">Quá hạn</option>
              </select>
            </label>
          )}
          <label>
            Sắp xếp
            <select name="sort" defaultValue={query.sort}>
              {Object.entries(SORT_LABELS_VI).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            Mỗi trang
            <select name="size" defaultValue={String(query.size)}>
              {[20, 50, 100].map((n) => (
                <option key={n} value={n}>
                  {n} ấn phẩm
                </option>
              ))}
            </select>
          </label>
        </div>
      </details>
      <div className="row">
        <label className="inline al-reverse">
          <input type="checkbox" name="reverse" value="1" defaultChecked={query.reverse} />
          Đảo thứ tự
        </label>
        <button type="submit" className="btn primary">
          Lọc
        </button>
        <Link to="/assets" className="btn">
          Xóa bộ lọc
        </Link>
      </div>
    </Form>
  );
}
