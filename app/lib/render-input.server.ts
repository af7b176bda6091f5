import { z } from "zod";
import type { RenderInput } from "../../templates/types";

// One parser for the preview endpoint, the editor and bulk generation, so what is previewed is
// exactly what gets rendered into the version's files. Shapes and sizes only: the text goes to the
// engine as typed, and the engine's one cleaning pipeline (templates/text/clean.ts) normalises it
// or refuses it with a message naming the character — nothing here may clean it differently.

/** A field left blank (or only spaces) is absent; anything else is passed on untouched. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((s) => (s?.trim() ? s : undefined));

// The line breaks the cleaner knows (CRLF, CR, VT, FF, NEL, LS, PS): one bullet per line.
const LINE_BREAK = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/;

export const renderParamsSchema = z.object({
  template: z.string().min(1).max(64),
  format: z.string().min(1).max(64),
  text: z.string().max(1000),
  subtitle: optionalText(400),
  issuer: optionalText(160),
  hotline: optionalText(160),
  qrUrl: optionalText(500),
  footer: optionalText(240),
  bullets: optionalText(1000),
});

export type RenderParams = z.infer<typeof renderParamsSchema>;

export function toRenderInput(p: RenderParams): RenderInput {
  const options: NonNullable<RenderInput["options"]> = {};
  if (p.issuer) options.issuer = p.issuer;
  if (p.hotline) options.hotline = p.hotline;
  if (p.qrUrl) options.qrUrl = p.qrUrl;
  if (p.footer) options.footer = p.footer;
  if (p.bullets) {
    const bullets = p.bullets.split(LINE_BREAK).filter((b) => b.trim());
    if (bullets.length) options.bullets = bullets;
  }
  return { text: p.text, ...(p.subtitle ? { subtitle: p.subtitle } : {}), options };
}

export function pick(source: URLSearchParams | FormData, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = source.get(k);
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

export const RENDER_KEYS = [
  "template",
  "format",
  "text",
  "subtitle",
  "issuer",
  "hotline",
  "qrUrl",
  "footer",
  "bullets",
] as const;
