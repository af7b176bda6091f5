import type { EditorPageData } from "../lib/editor.server";
import type { EditorDesignData } from "./design-controls";
import "../styles/design-controls.css";

/** Where a design's thumbnail is served (app/routes/thumbs.$templateId.tsx); `version` busts caches. */
export function templateThumbUrl(templateId: string, version = ""): string {
  return `/thumbs/${encodeURIComponent(templateId)}${version ? `?v=${encodeURIComponent(version)}` : ""}`;
}

/**
 * The design to render with, as radio cards (`name="template"`) each showing a small picture of
 * the design with a sample slogan; the chosen one's description below. Designs with a photo slot
 * say so on their card.
 */
export function TemplatePicker({
  templates,
  value,
  onChange,
  design,
}: {
  templates: EditorPageData["templates"];
  value: string;
  onChange: (id: string) => void;
  design?: EditorDesignData;
}) {
  const tpl = templates.find((t) => t.id === value);
  return (
    <fieldset className="pick-group" aria-describedby={tpl ? "template-desc" : undefined}>
      <legend>Mẫu thiết kế</legend>
      <div className="pick-cards tpl-cards">
        {templates.map((t) => (
          <label key={t.id} className="pick-card tpl-card">
            <input
              type="radio"
              name="template"
              value={t.id}
              checked={t.id === value}
              onChange={() => onChange(t.id)}
            />
            <img
              className="tpl-thumb"
              src={templateThumbUrl(t.id, design?.thumbVersion)}
              alt=""
              width={240}
              height={126}
              loading="lazy"
              decoding="async"
            />
            <span className="pick-name">{t.name}</span>
            {design?.controls[t.id]?.photo && <span className="pick-tag">Có ảnh</span>}
          </label>
        ))}
      </div>
      {tpl && (
        <p id="template-desc" className="hint">
          {tpl.description}
        </p>
      )}
    </fieldset>
  );
}
