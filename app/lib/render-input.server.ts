import { z } from "zod";
import { loadBrand, type StoreRef } from "../../storage/brand";
import type { DbHandle } from "../../storage/db";
import { photoSourceOf } from "../../storage/media";
import type { RenderInput, TemplateOptions } from "../../templates/types";

// One parser for the preview endpoint, the editor and bulk generation, so what is previewed is
// exactly what gets rendered into the version's files. Shapes and sizes only: the text goes to the
// engine as typed, and the engine's one cleaning pipeline (templates/text/clean.ts) normalises it
// or refuses it with a message naming the character — nothing here may clean it differently.
// The designer's choices (palette variant, alignment, font) are checked against the design by the
// render itself (templates/controls.ts: INVALID_OPTIONS); here only their form.

/** A field left blank (or only spaces) is absent; anything else is passed on untouched. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((s) => (s?.trim() ? s : undefined));

// The line breaks the cleaner knows (CRLF, CR, VT, FF, NEL, LS, PS): one bullet per line.
const LINE_BREAK = /\r\n|[\n\r\u000B\u000C\u0085\u2028\u2029]/;

/** A blank field is absent; otherwise `schema` decides (its message is the one shown). */
const blankAsAbsent = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const choiceId = (what: string) =>
  blankAsAbsent(z.string().regex(/^[A-Za-z0-9][\w-]{0,39}$/, `Mã ${what} không hợp lệ.`));

const FOCUS = /^\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*$/;
const FOCUS_MESSAGE = "Điểm giữ trong khung ảnh phải có dạng x,y với x và y từ 0 đến 1 (ví dụ 0.5,0.4).";

/**
 * The designer's choices and the photo: `palette` (variant id), `align` ("center" | "left"),
 * `font` (choice id), `photo` (media id, a UUID), `focus` ("x,y", fractions 0–1 from the top
 * left: overrides the photo's stored focal point for this asset).
 */
export const renderChoicesSchema = z.object({
  palette: choiceId("phối màu"),
  align: blankAsAbsent(z.enum(["center", "left"], { message: "Căn lề chỉ có thể là “giữa” hoặc “trái”." })),
  font: choiceId("phông chữ"),
  photo: blankAsAbsent(z.string().uuid("Mã ảnh không hợp lệ.")),
  focus: blankAsAbsent(
    z.string().transform((s, ctx) => {
      const m = FOCUS.exec(s);
      const [x, y] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN];
      if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: FOCUS_MESSAGE });
        return z.NEVER;
      }
      return { x, y };
    }),
  ),
});

export type RenderChoices = z.infer<typeof renderChoicesSchema>;

export const renderParamsSchema = z
  .object({
    template: z.string().min(1).max(64),
    format: z.string().min(1).max(64),
    text: z.string().max(1000),
    subtitle: optionalText(400),
    issuer: optionalText(160),
    hotline: optionalText(160),
    qrUrl: optionalText(500),
    footer: optionalText(240),
    bullets: optionalText(1000),
  })
  .merge(renderChoicesSchema);

export type RenderParams = z.infer<typeof renderParamsSchema>;

/** The palette, alignment and font chosen, as TemplateOptions (absent ones left out). */
export function choiceOptions(c: RenderChoices): TemplateOptions {
  const options: TemplateOptions = {};
  if (c.palette) options.palette = c.palette;
  if (c.align) options.align = c.align;
  if (c.font) options.font = c.font;
  return options;
}

/**
 * The render input the fields describe, without the brand and the photo (those need the stores:
 * resolveRenderInput adds them).
 */
export function toRenderInput(p: RenderParams): RenderInput {
  const options: NonNullable<RenderInput["options"]> = choiceOptions(p);
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

/**
 * `input` completed with what the stores hold: the brand kit every new render is drawn with
 * (loadBrand) and, when `choices.photo` names one, the photo as stored with its focal point
 * (`choices.focus` overriding the stored one). Fitting the photo to the design's slot is the
 * render's (app/lib/render.server.ts). Throws what photoSourceOf throws (the media helper's
 * MEDIA_NOT_FOUND for an unknown or retired photo, a refusal with a Vietnamese message) and what
 * loadBrand throws (BRAND_LOGO_INVALID, object store errors).
 */
export async function withStoredParts(
  handle: DbHandle,
  store: StoreRef,
  input: RenderInput,
  choices: Pick<RenderChoices, "photo" | "focus">,
): Promise<RenderInput> {
  const [brand, photo] = await Promise.all([
    loadBrand(handle, store),
    choices.photo
      ? photoSourceOf(handle, typeof store === "function" ? store() : store, choices.photo, choices.focus)
      : undefined,
  ]);
  return { ...input, brand, ...(photo ? { photo } : {}) };
}

/** The whole render input of a parsed form or query: toRenderInput, then withStoredParts. */
export function resolveRenderInput(handle: DbHandle, store: StoreRef, p: RenderParams): Promise<RenderInput> {
  return withStoredParts(handle, store, toRenderInput(p), p);
}

/**
 * Why the fields were refused, for a JSON answer or a form: TOO_LONG when a text is over its
 * limit, else INVALID_PARAMS with the first problem's Vietnamese message when it is one of the
 * choices' own (a bad photo id, focus, alignment…), else `fallback`; `field` names the field.
 */
export function renderParamsRefusal(
  error: z.ZodError,
  fallback: string,
): { code: "TOO_LONG" | "INVALID_PARAMS"; messageVi: string; field: string | null } {
  const issue = error.issues[0];
  const field = typeof issue?.path[0] === "string" ? issue.path[0] : null;
  if (error.issues.some((i) => i.code === "too_big")) {
    return { code: "TOO_LONG", messageVi: TOO_LONG_VI, field };
  }
  const own = field !== null && field in renderChoicesSchema.shape;
  return { code: "INVALID_PARAMS", messageVi: own ? issue.message : fallback, field };
}

export const TOO_LONG_VI =
  "Nội dung quá dài để xem trước: hãy rút gọn khẩu hiệu, phụ đề hoặc các dòng nội dung.";

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
  "palette",
  "align",
  "font",
  "photo",
  "focus",
] as const;
