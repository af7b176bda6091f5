import { TEMPLATES } from "../../templates/catalog";
import { FORMATS } from "../../templates/formats";
import { parse } from "./output";

export async function templatesCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: "boolean" } });
  const rows = TEMPLATES.map((t) => ({
    id: t.id,
    name: t.name,
    description: t.description,
    kinds: t.kinds,
    contentItems: t.contentItems,
    // Designs that take a photo (`render --photo`); null for text-on-colour designs.
    photo: t.photo ? { label: t.photo.label, required: t.photo.required } : null,
  }));
  if (values.json) console.log(JSON.stringify(rows, null, 2));
  else
    for (const t of rows)
      console.log(`${t.id.padEnd(24)} ${t.name} [${t.kinds.join(", ")}]${t.photo ? " (có ảnh)" : ""}`);
  return 0;
}

export async function formatsCommand(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: "boolean" } });
  if (values.json) console.log(JSON.stringify(FORMATS, null, 2));
  else
    for (const f of FORMATS) {
      const size =
        f.kind === "screen"
          ? `${f.widthPx}×${f.heightPx} px`
          : `${f.trimWidthMm}×${f.trimHeightMm} mm, xén +${f.bleedMm} mm`;
      console.log(`${f.id.padEnd(22)} ${f.kind.padEnd(7)} ${size.padEnd(28)} ${f.label}`);
    }
  return 0;
}
