import type { EditorPageData } from "../lib/editor.server";

/**
 * The formats to make, as checkboxes grouped as the catalogue groups them. `formats` is what the
 * chosen design can lay out; `selected` may still hold formats of another design (kept for when
 * the user switches back), so the legend counts `chosen`, the ones that will be made.
 */
export function FormatPicker({
  formats,
  selected,
  chosen,
  onToggle,
}: {
  formats: EditorPageData["formats"];
  selected: string[];
  chosen: number;
  onToggle: (id: string, on: boolean) => void;
}) {
  const groups = [...new Set(formats.map((f) => f.group))];
  return (
    <fieldset>
      <legend>Khổ, kích thước ({chosen} đã chọn)</legend>
      <div className="formats">
        {groups.map((g) => (
          <div key={g} className="contents">
            <h4>{g}</h4>
            {formats
              .filter((f) => f.group === g)
              .map((f) => (
                <label key={f.id} className="inline">
                  <input
                    type="checkbox"
                    name="formats"
                    value={f.id}
                    checked={selected.includes(f.id)}
                    onChange={(e) => onToggle(f.id, e.target.checked)}
                  />
                  {f.label}
                </label>
              ))}
          </div>
        ))}
      </div>
    </fieldset>
  );
}
