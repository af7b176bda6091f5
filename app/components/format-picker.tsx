import type { CSSProperties } from "react";
import type { EditorPageData } from "../lib/editor.server";
import type { EditorDesignData } from "./design-controls";
import "../styles/design-controls.css";

// The box each card draws the format in: the format keeps its proportions inside this frame.
const FRAME = { width: 56, height: 36 };

/** A box of the format's proportions that fits FRAME (CSS aspect-ratio), or none when unknown. */
function boxStyle(shape: { width: number; height: number } | undefined): CSSProperties | null {
  if (!shape || shape.width <= 0 || shape.height <= 0) return null;
  const aspect = shape.width / shape.height;
  const wide = aspect >= FRAME.width / FRAME.height;
  return {
    aspectRatio: `${shape.width} / ${shape.height}`,
    ...(wide ? { width: "100%" } : { height: "100%" }),
  };
}

/**
 * The formats to make, as checkbox cards (`name="formats"`) grouped as the catalogue groups them,
 * each drawing the format's proportions beside its size. `formats` is what the chosen design can
 * lay out; `selected` may still hold formats of another design (kept for when the user switches
 * back), so the legend counts `chosen`, the ones that will be made.
 */
export function FormatPicker({
  formats,
  selected,
  chosen,
  onToggle,
  shapes,
}: {
  formats: EditorPageData["formats"];
  selected: string[];
  chosen: number;
  onToggle: (id: string, on: boolean) => void;
  shapes?: EditorDesignData["shapes"];
}) {
  const groups = [...new Set(formats.map((f) => f.group))];
  return (
    <fieldset className="pick-group">
      <legend>Khổ, kích thước ({chosen} đã chọn)</legend>
      {groups.map((g) => (
        <div key={g} className="fmt-group">
          <h4>{g}</h4>
          <div className="pick-cards fmt-cards">
            {formats
              .filter((f) => f.group === g)
              .map((f) => {
                const box = boxStyle(shapes?.[f.id]);
                return (
                  <label key={f.id} className="pick-card fmt-card">
                    <input
                      type="checkbox"
                      name="formats"
                      value={f.id}
                      checked={selected.includes(f.id)}
                      onChange={(e) => onToggle(f.id, e.target.checked)}
                    />
                    <span className="fmt-frame" aria-hidden="true">
                      {box && <span className="fmt-box" style={box} />}
                    </span>
                    <span className="pick-name">{f.label}</span>
                  </label>
                );
              })}
          </div>
        </div>
      ))}
    </fieldset>
  );
}
