import type { ReactNode } from "react";
import { MediaPicker, type MediaPickerItem } from "./media-picker";
import "../styles/design-controls.css";
// The picker's own sheet, wherever the controls show it (the editor and the asset page).
import "../styles/media-picker.css";

// What a design lets the designer change (templates' `controls`), as the editor shows it: palette
// variants as colour swatches, alignment and font where the design offers more than one, and the
// photo where it has a slot. The server decides what is valid (INVALID_OPTIONS); this only never
// offers what the chosen design does not take.

export type TextAlignChoice = "center" | "left";

/** One palette variant: its name and the brand colours it paints with, its ground first. */
export interface PaletteView {
  id: string;
  name: string;
  /** "#rrggbb", distinct, the ground first. */
  colors: string[];
}

/** One design's controls, serialisable for the loader. Lists of one are not a choice and come empty. */
export interface ControlsView {
  palettes: PaletteView[];
  aligns: TextAlignChoice[];
  fonts: { id: string; name: string }[];
  photo: { label: string; required: boolean } | null;
}

/** What the editor needs besides the templates and formats (app/lib/design-controls.server.ts). */
export interface EditorDesignData {
  /** Template id → its controls. */
  controls: Record<string, ControlsView>;
  /** Format id → its trim proportions (mm for print, px for screens): the format cards' boxes. */
  shapes: Record<string, { width: number; height: number }>;
  /** Changes with the brand kit (and each server start): in each template thumbnail's URL. */
  thumbVersion: string;
  /** The library's photos, for designs with a photo slot. */
  photos: MediaPickerItem[];
}

/** The form's choices as typed; "" is the design's default. */
export interface DesignChoices {
  palette: string;
  align: string;
  font: string;
  photo: string;
}

export const NO_CHOICES: DesignChoices = { palette: "", align: "", font: "", photo: "" };

/** A stored version's options as the form's choices (its photo by media id), so a new version starts from them. */
export function choicesOf(options: unknown): DesignChoices {
  const o = (options ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const photo = (o.photo ?? {}) as { mediaId?: unknown };
  return { palette: str(o.palette), align: str(o.align), font: str(o.font), photo: str(photo.mediaId) };
}

/**
 * The choices that apply to the design `c`: one it does not offer falls back to its default ("",
 * and the first variant for the palette), so switching designs never sends a stale choice while
 * switching back finds it again. Without `c` (controls not known) the choices are kept as they are.
 */
export function effectiveChoices(c: ControlsView | undefined, v: DesignChoices): DesignChoices {
  if (!c) return v;
  return {
    palette: c.palettes.some((p) => p.id === v.palette) ? v.palette : (c.palettes[0]?.id ?? ""),
    align: c.aligns.includes(v.align as TextAlignChoice) ? v.align : "",
    font: c.fonts.some((f) => f.id === v.font) ? v.font : "",
    photo: c.photo ? v.photo : "",
  };
}

function Choice({
  name,
  value,
  checked,
  onPick,
  className,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onPick: (value: string) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={`dc-choice${className ? ` ${className}` : ""}`}>
      <input type="radio" name={name} value={value} checked={checked} onChange={() => onPick(value)} />
      {children}
    </label>
  );
}

const ALIGN_LABELS: Record<TextAlignChoice, string> = { center: "Căn giữa", left: "Căn trái" };

/**
 * The chosen design's palette, alignment, font and photo controls, each a group of radio buttons
 * named as the form and the preview send them (`palette`, `align`, `font`, `photo`). Shows only
 * what the design offers (a palette, alignment or font list of one is no choice); the photo picker
 * (MediaPicker over `photos`, starting on `item`'s photos) only for a design with a photo slot.
 * `value` should already be `effectiveChoices`. Without `controls`, or without `photos` for the
 * photo, the choices in `value` ride along as hidden fields.
 */
export function DesignControls({
  controls,
  value,
  onChange,
  photos,
  item,
}: {
  controls: ControlsView | undefined;
  value: DesignChoices;
  onChange: (next: DesignChoices) => void;
  photos?: MediaPickerItem[];
  /** The asset's content item (id and code "1.7"), whose photos the picker shows first. */
  item?: { id: string; code: string } | null;
}) {
  if (!controls) {
    // Nothing known of the design here: what the version had is sent on unchanged.
    return (
      <>{Object.entries(value).map(([k, v]) => v && <input key={k} type="hidden" name={k} value={v} />)}</>
    );
  }
  const set = (key: keyof DesignChoices) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <div className="design-controls" data-testid="design-controls">
      <p className="hint">
        Muốn in nổi bật một phần khẩu hiệu bằng màu nhấn, hãy đặt phần đó giữa hai dấu sao, ví dụ: Xây dựng
        *chính quyền số*.
      </p>
      {controls.palettes.length > 1 && (
        <fieldset className="dc-group">
          <legend>Phối màu</legend>
          <div className="dc-options dc-palettes">
            {controls.palettes.map((p) => (
              <Choice
                key={p.id}
                name="palette"
                value={p.id}
                checked={value.palette === p.id}
                onPick={set("palette")}
                className="dc-palette"
              >
                <span className="dc-swatch" style={{ background: p.colors[0] }} aria-hidden="true">
                  {p.colors.slice(1).map((c) => (
                    <span key={c} className="dc-chip" style={{ background: c }} />
                  ))}
                </span>
                <span>{p.name}</span>
              </Choice>
            ))}
          </div>
        </fieldset>
      )}
      {controls.aligns.length > 1 && (
        <fieldset className="dc-group">
          <legend>Căn lề khẩu hiệu</legend>
          <div className="dc-options">
            <Choice name="align" value="" checked={value.align === ""} onPick={set("align")}>
              Mặc định của mẫu
            </Choice>
            {controls.aligns.map((a) => (
              <Choice key={a} name="align" value={a} checked={value.align === a} onPick={set("align")}>
                <span className={`dc-align dc-align-${a}`} aria-hidden="true">
                  <span />
                  <span />
                  <span />
                </span>
                {ALIGN_LABELS[a]}
              </Choice>
            ))}
          </div>
        </fieldset>
      )}
      {controls.fonts.length > 1 && (
        <fieldset className="dc-group">
          <legend>Phông chữ khẩu hiệu</legend>
          <div className="dc-options dc-fonts">
            <Choice name="font" value="" checked={value.font === ""} onPick={set("font")}>
              Mặc định của mẫu
            </Choice>
            {controls.fonts.map((f) => (
              <Choice key={f.id} name="font" value={f.id} checked={value.font === f.id} onPick={set("font")}>
                {f.name}
              </Choice>
            ))}
          </div>
        </fieldset>
      )}
      {controls.photo &&
        (photos ? (
          <MediaPicker
            items={photos}
            name="photo"
            value={value.photo}
            contentItemId={item?.id || undefined}
            contentItemCode={item?.code}
            onChange={set("photo")}
            optional={!controls.photo.required}
            label={
              controls.photo.required ? controls.photo.label : `${controls.photo.label} (không bắt buộc)`
            }
          />
        ) : (
          <input type="hidden" name="photo" value={value.photo} />
        ))}
    </div>
  );
}
