import { BRAND_COLOR_KEYS, type BrandColorKey } from "../../templates/brand";
import { TEMPLATES } from "../../templates/catalog";
import { contrastRatio } from "../../templates/color";
import { isRenderError } from "../../templates/errors";
import { cleanText } from "../../templates/text/clean";
import type { DbHandle } from "../db/connection";
import { first } from "../db/sync";
import { getSetting, setSetting } from "../settings";
import { BrandError } from "./errors";
import { BRAND_FIELD_LABELS, BRAND_LIMITS, type BrandKit, brandKitSchema } from "./schema";

// Saving the brand kit: the shape (schema.ts), then every text field through the engine's own
// cleaning so a line the designs could not set is refused here, at save time, with the field named,
// rather than at the next render; then the logo row. Contrast is only advised: a kit whose yellow
// on red falls under 4.5:1 is saved with a warning, and preflight refuses any render it spoils.

/** One thing wrong with a kit form: the field (dotted path, e.g. "issuerLines.0", "palette.primary"). */
export interface BrandProblem {
  field: string;
  messageVi: string;
}

/** Advice shown with a saved kit: low contrast, text with no Vietnamese marks. */
export interface BrandWarning {
  code: "BRAND_LOW_CONTRAST" | "BRAND_NO_DIACRITICS";
  messageVi: string;
}

export type BrandKitCheck =
  | { ok: true; kit: BrandKit; warnings: BrandWarning[] }
  | { ok: false; problems: BrandProblem[] };

/** WCAG AA for normal text; decision 003 asks it of every text a design sets. */
const MIN_CONTRAST = 4.5;

/** Uppercase hex of a code point ("U+0410") back to the character. */
const fromHex = (h: unknown) =>
  typeof h === "string" ? String.fromCodePoint(Number.parseInt(h.slice(2), 16)) : "?";

/**
 * One text field through cleanText (NFC, spaces, invisible characters refused). A look-alike
 * letter (Cyrillic "А" for "A") is refused rather than silently replaced: the admin types the
 * issuer once and every asset carries it, so it is retyped properly; text with no marks at all is
 * only a warning (an all-capital abbreviation is fine).
 */
function cleanKitText(
  raw: string,
  field: string,
  label: string,
  maxChars: number,
  out: { problems: BrandProblem[]; warnings: BrandWarning[] },
  checkMarks = true,
): string {
  try {
    const c = cleanText(raw, { field: label, maxChars, multiline: false, checkMarks });
    for (const n of c.notices) {
      if (n.code === "TEXT_LOOKALIKE_REPLACED") {
        out.problems.push({
          field,
          messageVi: `${label} có chữ “${fromHex(n.details.from)}” (${String(n.details.from)}) trông giống chữ “${fromHex(n.details.to)}” nhưng thuộc bảng chữ khác; hãy xóa và gõ lại bằng bộ gõ tiếng Việt.`,
        });
      } else out.warnings.push({ code: "BRAND_NO_DIACRITICS", messageVi: n.messageVi });
    }
    return c.text;
  } catch (e) {
    if (!isRenderError(e)) throw e;
    out.problems.push({ field, messageVi: e.messageVi });
    return raw;
  }
}

/** Design colour roles that set text: the slogan's colour and its emphasised runs. */
const TEXT_ROLES = ["ink", "emphasis"] as const;

/**
 * Colour pairs that carry text: the brand's accent on its primary (the traditional design's star
 * yellow on flag red), and each design palette variant's text roles on its "ground" role.
 * Deduplicated by slot pair, in that order; `where` lists the designs and variants using a pair.
 */
function textPairs(): { fg: BrandColorKey; bg: BrandColorKey; where: string[] }[] {
  const pairs = new Map<string, { fg: BrandColorKey; bg: BrandColorKey; where: string[] }>();
  const add = (fg: BrandColorKey, bg: BrandColorKey, where?: string) => {
    const p = pairs.get(`${fg}/${bg}`) ?? { fg, bg, where: [] };
    if (where) p.where.push(where);
    pairs.set(`${fg}/${bg}`, p);
  };
  add("accent", "primary");
  for (const t of TEMPLATES)
    for (const v of t.controls.palettes)
      for (const role of TEXT_ROLES)
        if (v.colors[role] && v.colors.ground) add(v.colors[role], v.colors.ground, `${t.name} (${v.name})`);
  return [...pairs.values()];
}

/** The low-contrast text pairs of a palette, one warning each (Vietnamese decimal comma). */
export function contrastWarnings(palette: BrandKit["palette"]): BrandWarning[] {
  const out: BrandWarning[] = [];
  for (const { fg, bg, where } of textPairs()) {
    const ratio = contrastRatio(palette[fg].rgb, palette[bg].rgb);
    if (ratio >= MIN_CONTRAST) continue;
    const used = where.length ? ` (dùng ở mẫu ${[...new Set(where)].join(", ")})` : "";
    out.push({
      code: "BRAND_LOW_CONTRAST",
      messageVi: `Chữ màu “${palette[fg].name}” trên nền “${palette[bg].name}” chỉ đạt độ tương phản ${ratio.toFixed(2).replace(".", ",")}:1, dưới mức tối thiểu 4,5:1${used}. Bộ nhận diện vẫn được lưu, nhưng kiểm tra trước khi in sẽ báo lỗi các ấn phẩm không đạt.`,
    });
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * The kit's text fields cleaned (cleanKitText), from a parsed kit or, when its shape was refused,
 * from whatever strings the raw input holds (others are skipped). Problems and warnings go to `out`.
 */
function cleanTexts(
  src: Partial<Record<string, unknown>>,
  out: { problems: BrandProblem[]; warnings: BrandWarning[] },
) {
  const L = BRAND_FIELD_LABELS;
  const text = (field: "shortName" | "hotline" | "theme") => {
    const v = str(src[field]);
    return v === undefined ? undefined : cleanKitText(v, field, L[field], BRAND_LIMITS[field], out);
  };
  const lines = Array.isArray(src.issuerLines) ? src.issuerLines : [];
  const palette = (typeof src.palette === "object" && src.palette ? src.palette : {}) as Record<
    string,
    { name?: unknown } | undefined
  >;
  return {
    issuerLines: lines.map((line, i) => {
      const label = lines.length > 1 ? `${L.issuerLines} (dòng ${i + 1})` : L.issuerLines;
      const v = str(line);
      return v === undefined
        ? line
        : cleanKitText(v, `issuerLines.${i}`, label, BRAND_LIMITS.issuerLine, out);
    }),
    shortName: text("shortName"),
    hotline: text("hotline"),
    theme: text("theme"),
    colorNames: Object.fromEntries(
      BRAND_COLOR_KEYS.map((key) => {
        const v = str(palette[key]?.name);
        const label = `Tên màu “${v ?? key}”`;
        return [
          key,
          v === undefined
            ? v
            : cleanKitText(v, `palette.${key}.name`, label, BRAND_LIMITS.colorName, out, false),
        ];
      }),
    ),
  };
}

/**
 * Checks a kit as the form sends it (numbers already numbers, CMYK as 0–1): shape and limits,
 * https URLs, #rrggbb colours, CMYK 0–1, exactly the fixed colour slots; every text field cleaned
 * (look-alike letters and invisible characters refused); two slots with one screen colour must
 * share their inks (the print PDF maps each screen colour to one CMYK). Returns the cleaned kit
 * with warnings, or every problem at once. The logo row is checked by saveBrandKit.
 */
export function checkBrandKit(raw: unknown): BrandKitCheck {
  const parsed = brandKitSchema.safeParse(raw);
  const out = { problems: [] as BrandProblem[], warnings: [] as BrandWarning[] };
  if (!parsed.success) {
    // The text fields that are there are cleaned too, so the form lists every problem at once.
    const shape = parsed.error.issues.map((i) => ({ field: i.path.join("."), messageVi: i.message }));
    cleanTexts(typeof raw === "object" && raw ? (raw as Partial<Record<string, unknown>>) : {}, out);
    const named = new Set(shape.map((p) => p.field));
    return { ok: false, problems: [...shape, ...out.problems.filter((p) => !named.has(p.field))] };
  }
  const k = parsed.data;
  const texts = cleanTexts(k, out) as Pick<BrandKit, "issuerLines" | "shortName" | "hotline" | "theme"> & {
    colorNames: Record<BrandColorKey, string>;
  };
  const kit: BrandKit = {
    issuerLines: texts.issuerLines,
    shortName: texts.shortName,
    hotline: texts.hotline,
    portalUrl: k.portalUrl,
    publicServiceUrl: k.publicServiceUrl,
    theme: texts.theme,
    year: k.year,
    palette: Object.fromEntries(
      BRAND_COLOR_KEYS.map((key) => [key, { ...k.palette[key], name: texts.colorNames[key] }]),
    ) as BrandKit["palette"],
    logoMediaId: k.logoMediaId,
  };
  const byRgb = new Map<string, BrandColorKey>();
  for (const key of BRAND_COLOR_KEYS) {
    const c = kit.palette[key];
    const other = byRgb.get(c.rgb);
    if (other && kit.palette[other].cmyk.join() !== c.cmyk.join()) {
      out.problems.push({
        field: `palette.${key}`,
        messageVi: `Màu “${c.name}” và “${kit.palette[other].name}” cùng mã ${c.rgb} nhưng khác giá trị CMYK; file in chỉ ghi được một bộ mực cho một màu. Hãy đổi một trong hai.`,
      });
    }
    byRgb.set(c.rgb, key);
  }
  if (out.problems.length) return { ok: false, problems: out.problems };
  return { ok: true, kit, warnings: [...contrastWarnings(kit.palette), ...out.warnings] };
}

/**
 * The logo a kit may name: a media row of kind 'logo' stored as SVG or PNG. Throws BrandError
 * BRAND_LOGO_INVALID (details.mediaId) for anything else.
 */
export function checkLogoRow(handle: Pick<DbHandle, "conn" | "db">, mediaId: string) {
  const row = first(
    handle.conn,
    handle.db
      .selectFrom("media")
      .select(["id", "kind", "content_type", "sha256", "width", "height", "object_key"])
      .where("id", "=", mediaId),
  );
  if (row?.kind !== "logo" || row.content_type === "image/jpeg") {
    throw new BrandError("BRAND_LOGO_INVALID", `media ${mediaId} is not an SVG/PNG logo`, undefined, {
      mediaId,
    });
  }
  return row as typeof row & { content_type: "image/svg+xml" | "image/png" };
}

/** The stored kit, or DEFAULT_BRAND_KIT (Lạc Phượng) when none is saved or the row no longer parses. */
export function getBrandKit(handle: Pick<DbHandle, "conn">): BrandKit {
  return getSetting(handle, "brand_kit");
}

/**
 * When the kit was last saved (ISO instant), or null while it is the default: what tells a cached
 * preview drawn with an older kit from a current one.
 */
export function brandKitStamp(handle: Pick<DbHandle, "conn">): string | null {
  const row = handle.conn.prepare("SELECT updated_at FROM settings WHERE key = 'brand_kit'").get() as
    | { updated_at: string }
    | undefined;
  return row?.updated_at ?? null;
}

/**
 * Checks (checkBrandKit, then the logo row) and stores the kit as the settings row 'brand_kit'.
 * Only new renders read it: versions keep the kit they were drawn with (storage/brand/snapshot).
 * Returns the stored (cleaned) kit and its warnings. Throws BrandError BRAND_KIT_INVALID with
 * details.problems (all of them; messageVi is the first), BRAND_LOGO_INVALID for a logo that is
 * not an SVG/PNG logo row. The caller checks the admin role.
 */
export function saveBrandKit(
  handle: Pick<DbHandle, "conn" | "db">,
  raw: unknown,
  actorId: string,
  now = new Date(),
): { kit: BrandKit; warnings: BrandWarning[] } {
  const checked = checkBrandKit(raw);
  if (!checked.ok) {
    throw new BrandError(
      "BRAND_KIT_INVALID",
      `brand kit refused: ${checked.problems.map((p) => p.field).join(", ")}`,
      checked.problems[0].messageVi,
      { problems: checked.problems },
    );
  }
  if (checked.kit.logoMediaId) checkLogoRow(handle, checked.kit.logoMediaId);
  const kit = setSetting(handle, "brand_kit", checked.kit, actorId, now);
  return { kit, warnings: checked.warnings };
}
