import { useState } from "react";
import { foldVi } from "../../domain/search-fold";
import type { NewOrderPageData } from "../lib/orders.server";
import { DemoBadge } from "./placement-card";
import { Thumbnail } from "./Thumbnail";

type Asset = NewOrderPageData["assets"][number];

function matches(a: Asset, words: string[], item: string): boolean {
  if (item && a.contentItem?.id !== item) return false;
  const key = foldVi(`${a.code} ${a.title} ${a.slogan} ${a.formatLabel}`);
  return words.every((w) => key.includes(w));
}

/** One published asset: tick it to make it a line, then its quantity, material, places and note. */
function AssetPick({ a, hidden, onPick }: { a: Asset; hidden: boolean; onPick: (on: boolean) => void }) {
  return (
    <li className="card order-pick" data-asset={a.code} hidden={hidden}>
      <label className="pick-head">
        <input
          type="checkbox"
          className="pick-box"
          name="pick"
          value={a.assetId}
          onChange={(e) => onPick(e.target.checked)}
          aria-label={`Chọn ${a.code}`}
        />
        <Thumbnail versionId={a.versionId} alt={`Bản xem trước ${a.code}`} formatLabel={a.formatLabel} />
        <span className="pick-text">
          <strong>{a.code}</strong>
          <span className="muted small">
            {a.formatLabel}
            {a.contentItem ? ` · mục ${a.contentItem.code}` : ""}
          </span>
          <span>“{a.slogan}”</span>
        </span>
      </label>
      {/* Shown once ticked (CSS :has), so it works before the page's script has loaded too. */}
      <div className="order-pick-fields">
        <label>
          Số lượng (bản)
          <input
            type="number"
            name={`qty.${a.assetId}`}
            min={1}
            max={10_000}
            inputMode="numeric"
            defaultValue={a.quantity ?? 1}
            aria-label={`Số lượng ${a.code}`}
          />
        </label>
        <label>
          Vật liệu
          <input name={`material.${a.assetId}`} defaultValue={a.materialHint} maxLength={200} />
        </label>
        <fieldset className="pick-places">
          <legend>Vị trí treo/đặt và số bản mỗi nơi</legend>
          {a.placements.length === 0 ? (
            <p className="muted small">
              Chưa có vị trí nào nhận khổ này. <a href="/placements">Thêm vị trí</a>
            </p>
          ) : (
            a.placements.map((p) => (
              <div key={p.id} className="place-row">
                <label className="inline">
                  <input type="checkbox" name={`place.${a.assetId}`} value={p.id} />
                  {/* One inline run, so the name wraps as text beside the box, not word by word. */}
                  <span>
                    {p.name} {p.isDemo && <DemoBadge />} <span className="muted small">({p.kindLabel})</span>
                  </span>
                </label>
                <input
                  type="number"
                  name={`placeQty.${a.assetId}.${p.id}`}
                  min={1}
                  max={10_000}
                  inputMode="numeric"
                  defaultValue={1}
                  aria-label={`Số bản tại ${p.name} (${a.code})`}
                />
              </div>
            ))
          )}
        </fieldset>
        <label>
          Ghi chú cho dòng này
          <input name={`lineNote.${a.assetId}`} maxLength={2000} />
        </label>
      </div>
    </li>
  );
}

/**
 * The published print assets to order from, narrowed by words (marks and case ignored) and by
 * content item; a ticked asset stays in view whatever the filter, so nothing chosen is lost.
 */
export function OrderAssetPicker({ assets, items }: Pick<NewOrderPageData, "assets" | "items">) {
  const [query, setQuery] = useState("");
  const [item, setItem] = useState("");
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const words = foldVi(query).split(" ").filter(Boolean);
  const pick = (id: string, on: boolean) =>
    setPicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const shown = assets.filter((a) => picked.has(a.assetId) || matches(a, words, item));
  return (
    <fieldset className="order-assets">
      <legend>Ấn phẩm đặt in ({picked.size} đã chọn)</legend>
      <div className="row pick-filter">
        <label>
          Tìm ấn phẩm
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="mã, khẩu hiệu…"
          />
        </label>
        <label>
          Nội dung tuyên truyền
          <select value={item} onChange={(e) => setItem(e.target.value)}>
            <option value="">Tất cả các mục</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.code}. {i.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {shown.length === 0 && <p className="muted">Không có ấn phẩm nào khớp.</p>}
      <ul className="pick-list">
        {assets.map((a) => (
          <AssetPick key={a.assetId} a={a} hidden={!shown.includes(a)} onPick={(on) => pick(a.assetId, on)} />
        ))}
      </ul>
    </fieldset>
  );
}
