import type { EditorPageData } from "../lib/editor.server";

/** The design to render with, and a line on what it suits. */
export function TemplatePicker({
  templates,
  value,
  onChange,
}: {
  templates: EditorPageData["templates"];
  value: string;
  onChange: (id: string) => void;
}) {
  const tpl = templates.find((t) => t.id === value);
  return (
    <label>
      Mẫu thiết kế
      <select name="template" value={value} onChange={(e) => onChange(e.target.value)}>
        {templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      {tpl && <span className="hint">{tpl.description}</span>}
    </label>
  );
}
