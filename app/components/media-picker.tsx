import { useEffect, useState } from "react";
import pickerCss from "../styles/media-picker.css?url";

// The editor's photo picker (issue 14 §2): the library's photos as thumbnail radio buttons in a
// plain form field, so the choice is posted with the form and works without script. Filtered by
// the asset's content item, with "Tất cả" for every photo; the chosen one always stays in view
// (a filtered-out radio would silently drop the choice from the form).

/** One photo the picker offers (pickerItems in app/lib/media.server.ts makes these). */
export interface MediaPickerItem {
  id: string;
  caption: string;
  thumbUrl: string;
  /** Pixels of the stored photo. */
  width: number;
  height: number;
  /** Content item ids ("cchc-2026:1.7") the photo is tagged with. */
  contentItemIds: string[];
}

export interface MediaPickerProps {
  items: MediaPickerItem[];
  /** The form field's name (the editor posts "photo"). */
  name: string;
  /** The chosen photo's id; "" or absent: none. */
  value?: string;
  /** The asset's content item: the picker starts with the photos tagged with it. */
  contentItemId?: string;
  /** Its code for the toggle ("1.7"); the id is shown when absent. */
  contentItemCode?: string;
  /** Called with the new id ("" for none) when the choice changes. */
  onChange?: (id: string) => void;
  /** Offer "Không dùng ảnh" (the design's photo slot is optional). */
  optional?: boolean;
  /** The legend; "Ảnh" by default. */
  label?: string;
}

/** The picker's style sheet, for the `links` of a route that shows it. */
export const mediaPickerStylesheet = { rel: "stylesheet", href: pickerCss } as const;

/**
 * A grid of photo thumbnails as radio buttons named `name` (each ≥ 44 px, keyboard: arrows move
 * between them as in any radio group), filtered by `contentItemId` with a "Tất cả" toggle, a
 * "Không dùng ảnh" choice when `optional`, and a link to the library to upload more.
 */
export function MediaPicker({
  items,
  name,
  value = "",
  contentItemId,
  contentItemCode,
  onChange,
  optional = false,
  label = "Ảnh",
}: MediaPickerProps) {
  const [chosen, setChosen] = useState(value);
  useEffect(() => setChosen(value), [value]);
  const tagged = contentItemId ? items.filter((i) => i.contentItemIds.includes(contentItemId)) : items;
  const [all, setAll] = useState(!contentItemId || tagged.length === 0);
  const shown = all ? items : [...tagged, ...items.filter((i) => i.id === chosen && !tagged.includes(i))];
  const choose = (id: string) => {
    setChosen(id);
    onChange?.(id);
  };
  return (
    <fieldset className="media-picker" data-testid="media-picker">
      <legend>{label}</legend>
      {contentItemId && (
        <div className="media-picker-scope">
          <button type="button" aria-pressed={!all} onClick={() => setAll(false)}>
            Nội dung {contentItemCode ?? contentItemId} ({tagged.length})
          </button>
          <button type="button" aria-pressed={all} onClick={() => setAll(true)}>
            Tất cả ({items.length})
          </button>
        </div>
      )}
      <div className="media-picker-grid">
        {optional && (
          <label className="media-choice media-choice-none">
            <input type="radio" name={name} value="" checked={chosen === ""} onChange={() => choose("")} />
            <span className="media-choice-box">Không dùng ảnh</span>
          </label>
        )}
        {shown.map((item) => (
          <label key={item.id} className="media-choice" title={item.caption || undefined}>
            <input
              type="radio"
              name={name}
              value={item.id}
              checked={chosen === item.id}
              onChange={() => choose(item.id)}
            />
            <span className="media-choice-box">
              <img src={item.thumbUrl} alt={item.caption || "Ảnh chưa có chú thích"} loading="lazy" />
            </span>
            <span className="media-choice-caption">{item.caption || "—"}</span>
          </label>
        ))}
      </div>
      {shown.length === 0 && (
        <p className="muted">
          {items.length === 0 ? "Thư viện chưa có ảnh." : "Chưa có ảnh gắn với nội dung này."}
        </p>
      )}
      <p className="media-picker-more">
        <a href="/media" target="_blank" rel="noreferrer">
          Tải ảnh lên thư viện
        </a>
      </p>
    </fieldset>
  );
}
