import type { EditorPageData } from "../lib/editor.server";

type Slogan = EditorPageData["slogans"][number];

/** The text part of the editor's form: which content item, which slogan, the text as it will print. */
export interface SloganDraft {
  item: string;
  sloganId: string;
  text: string;
  subtitle: string;
}

// An item's own slogans, or for no item the year's theme slogans; the theme ones also stand in
// when an item has none of its own.
function offered(slogans: Slogan[], item: string) {
  const mine = slogans.filter((s) => s.itemId === (item || null) || (s.isTheme && !item));
  const theme = slogans.filter((s) => s.itemId === null);
  return { mine, theme };
}

/** The draft the editor opens with: the item from the address, with its first slogan already filled in. */
export function initialSloganDraft(slogans: Slogan[], item: string): SloganDraft {
  const { mine, theme } = offered(slogans, item);
  return { item, sloganId: mine[0]?.id ?? "", text: mine[0]?.text ?? theme[0]?.text ?? "", subtitle: "" };
}

/**
 * Content item, slogan, text and subtitle. Choosing an item or a slogan fills in the text; editing
 * the text away from the chosen slogan unties it (the asset then records no slogan).
 */
export function SloganFields({
  items,
  slogans,
  maxChars,
  value,
  onChange,
}: {
  items: EditorPageData["items"];
  slogans: Slogan[];
  maxChars: number;
  value: SloganDraft;
  onChange: (next: SloganDraft) => void;
}) {
  const { item, sloganId, text, subtitle } = value;
  const { mine, theme } = offered(slogans, item);
  const length = [...text.normalize("NFC")].length;
  const onItem = (id: string) => {
    const first = slogans.find((s) => s.itemId === (id || null));
    onChange({ ...value, item: id, ...(first ? { sloganId: first.id, text: first.text } : {}) });
  };
  const onSlogan = (id: string) => {
    const s = slogans.find((x) => x.id === id);
    onChange({ ...value, sloganId: id, ...(s ? { text: s.text } : {}) });
  };
  const onText = (next: string) => {
    const s = slogans.find((x) => x.id === sloganId);
    const untied = s && s.text !== next.normalize("NFC").trim();
    onChange({ ...value, text: next, ...(untied ? { sloganId: "" } : {}) });
  };

  return (
    <>
      <label>
        Nội dung tuyên truyền
        <select name="item" value={item} onChange={(e) => onItem(e.target.value)}>
          <option value="">Chủ đề năm 2026 (không gắn mục cụ thể)</option>
          {items.map((i) => (
            <option key={i.id} value={i.id}>
              {i.code}. {i.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Khẩu hiệu có sẵn
        <select name="sloganId" value={sloganId} onChange={(e) => onSlogan(e.target.value)}>
          <option value="">— Tự nhập khẩu hiệu —</option>
          {(mine.length ? mine : theme).map((s) => (
            <option key={s.id} value={s.id}>
              {s.text}
            </option>
          ))}
        </select>
      </label>
      <label>
        Nội dung chữ trên ấn phẩm
        <textarea
          name="text"
          value={text}
          required
          rows={3}
          onChange={(e) => onText(e.target.value)}
          aria-describedby="text-count"
        />
        <span id="text-count" className={length > maxChars ? "hint error" : "hint"}>
          {length}/{maxChars} ký tự. Xuống dòng để ngắt dòng theo ý muốn.
        </span>
      </label>
      <label>
        Dòng phụ (không bắt buộc)
        <input
          name="subtitle"
          value={subtitle}
          onChange={(e) => onChange({ ...value, subtitle: e.target.value })}
          maxLength={200}
        />
      </label>
    </>
  );
}
