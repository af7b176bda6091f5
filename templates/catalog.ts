import { digital } from "./designs/digital";
import { modern } from "./designs/modern";
import { poster } from "./designs/poster";
import { traditional } from "./designs/traditional";
import { RenderError } from "./errors";
import type { Template } from "./types";

export const TEMPLATES: readonly Template[] = [traditional, modern, digital, poster];

export function getTemplate(id: string): Template {
  const t = TEMPLATES.find((x) => x.id === id);
  if (!t) throw new RenderError("UNKNOWN_TEMPLATE", `Không có mẫu thiết kế "${id}".`, { id });
  return t;
}
