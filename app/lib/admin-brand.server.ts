import { BRAND_COLOR_KEYS, type BrandColorKey } from "../../templates/brand";
import {
  BRAND_LIMITS,
  type BrandKit,
  type BrandProblem,
  type BrandWarning,
  brandKitStamp,
  contrastWarnings,
  getBrandKit,
  isBrandError,
  saveBrandKit,
} from "../../storage/brand";
import type { DbHandle } from "../../storage/db";
import { all } from "../../storage/db/sync";
import { ingestMedia, MEDIA_MAX_BYTES } from "../../storage/media";
import type { User } from "../../storage/users";
import { CMYK_CHANNELS } from "./brand-form";
import { userMessage } from "./errors.server";
import { imageFormReader } from "./image-form.server";
import { appObjectStore } from "./stores.server";

// The admin's brand kit page (/admin/brand): the kit as form fields (CMYK typed as percent, the
// way print shops write it), the library's logos to choose from, and a sample drawn with the
// stored kit. Saving goes through storage/brand's checks; problems come back per field.

/** A palette slot as the form shows it: CMYK in percent (0–100). */
export interface PaletteRow {
  key: BrandColorKey;
  name: string;
  rgb: string;
  cmykPercent: [number, number, number, number];
}

/** What the form holds: the kit's fields, the issuer as an optional line above and the body's own. */
export interface BrandFormValues {
  issuerAbove: string;
  issuer: string;
  shortName: string;
  hotline: string;
  portalUrl: string;
  publicServiceUrl: string;
  theme: string;
  year: string;
  palette: PaletteRow[];
  /** Media id of the chosen logo, "" for none. */
  logo: string;
}

const percent = (fraction: number) => Math.round(fraction * 10000) / 100;

function formValuesOf(kit: BrandKit): BrandFormValues {
  const lines = kit.issuerLines;
  return {
    issuerAbove: lines.length > 1 ? lines[0] : "",
    issuer: lines[lines.length - 1],
    shortName: kit.shortName,
    hotline: kit.hotline,
    portalUrl: kit.portalUrl,
    publicServiceUrl: kit.publicServiceUrl,
    theme: kit.theme,
    year: String(kit.year),
    palette: BRAND_COLOR_KEYS.map((key) => ({
      key,
      name: kit.palette[key].name,
      rgb: kit.palette[key].rgb,
      cmykPercent: kit.palette[key].cmyk.map(percent) as PaletteRow["cmykPercent"],
    })),
    logo: kit.logoMediaId ?? "",
  };
}

/** A logo of the library the admin may pick. */
export interface LogoChoice {
  id: string;
  caption: string;
  type: "SVG" | "PNG";
  width: number;
  height: number;
  /** Retired from the library (still usable while the kit names it). */
  retired: boolean;
}

/** Logos the form offers: every SVG/PNG logo not retired, and the kit's own even if it is. */
function logoChoices(handle: DbHandle, current: string | null): LogoChoice[] {
  return all(
    handle.conn,
    handle.db
      .selectFrom("media")
      .select(["id", "caption", "content_type", "width", "height", "retired_at", "uploaded_at"])
      .where("kind", "=", "logo")
      .where("content_type", "in", ["image/svg+xml", "image/png"])
      .where((eb) => eb.or([eb("retired_at", "is", null), eb("id", "=", current ?? "")]))
      .orderBy("uploaded_at", "desc")
      .limit(50),
  ).map((r) => ({
    id: r.id,
    caption: r.caption,
    type: r.content_type === "image/png" ? "PNG" : "SVG",
    width: r.width,
    height: r.height,
    retired: r.retired_at !== null,
  }));
}

/**
 * The designs and format the sample shows: the kit's red and yellow with the issuer and theme,
 * and its navy with the hotline and QR code.
 */
const SAMPLES = [
  {
    template: "co-dong-truyen-thong",
    format: "fb-link-1200x630",
    text: "Chính quyền số vì nhân dân phục vụ",
  },
  {
    template: "hanh-chinh-hien-dai",
    format: "fb-link-1200x630",
    text: "Nộp hồ sơ trực tuyến, nhận kết quả tại nhà",
  },
];

/** Preview URLs of the sample, stamped with the kit's save time so a browser never shows an older kit. */
function sampleUrls(handle: DbHandle): { src: string; alt: string }[] {
  const stamp = brandKitStamp(handle) ?? "default";
  return SAMPLES.map((s, i) => ({
    src: `/api/preview?${new URLSearchParams({ ...s, as: "png", maxPx: "800", kit: stamp })}`,
    alt: `Mẫu thử ${i + 1} vẽ với bộ nhận diện đã lưu`,
  }));
}

/** What /admin/brand shows: the stored kit as form values, its warnings, the logos, the sample. */
export function adminBrandView(handle: DbHandle) {
  const kit = getBrandKit(handle);
  return {
    values: formValuesOf(kit),
    warnings: contrastWarnings(kit.palette),
    logos: logoChoices(handle, kit.logoMediaId),
    samples: sampleUrls(handle),
    limits: BRAND_LIMITS,
  };
}

/** The form's text fields by name (each field's last value). */
export type FormValues = Record<string, string>;

const text = (form: FormValues, name: string) => form[name] ?? "";

/** "12,5" or "12.5" (percent) → 0.125; blank or not a number → NaN (the schema names the field). */
function fraction(raw: string): number {
  const s = raw.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$/.test(s)) return Number.NaN;
  return Math.round(Number(s) * 100) / 10000;
}

/** The form's fields as the kit storage checks (CMYK percent → 0–1, the year a number). */
export function kitOfForm(form: FormValues): Record<string, unknown> {
  const above = text(form, "issuerAbove");
  const palette = Object.fromEntries(
    BRAND_COLOR_KEYS.map((k) => [
      k,
      {
        name: text(form, `${k}.name`),
        rgb: text(form, `${k}.rgb`),
        cmyk: CMYK_CHANNELS.map((c) => fraction(text(form, `${k}.${c}`))),
      },
    ]),
  );
  const year = text(form, "year").trim();
  return {
    issuerLines: above.trim() ? [above, text(form, "issuer")] : [text(form, "issuer")],
    shortName: text(form, "shortName"),
    hotline: text(form, "hotline"),
    portalUrl: text(form, "portalUrl"),
    publicServiceUrl: text(form, "publicServiceUrl"),
    theme: text(form, "theme"),
    year: /^\d{1,4}$/.test(year) ? Number(year) : Number.NaN,
    palette,
    logoMediaId: text(form, "logo") || null,
  };
}

/**
 * The form field a problem is about: "issuerLines.0" → issuerAbove or issuer (as many lines as
 * were sent), "palette.primary.cmyk.2" → "primary.y", "palette.primary.rgb" → "primary.rgb".
 */
export function fieldOfProblem(path: string, linesSent: number): string {
  const [head, a, b, c] = path.split(".");
  if (head === "issuerLines") return linesSent > 1 && a === "0" ? "issuerAbove" : "issuer";
  if (head === "palette" && a) {
    if (b === "cmyk") return `${a}.${CMYK_CHANNELS[Number(c)] ?? "c"}`;
    return `${a}.${b ?? "rgb"}`;
  }
  if (head === "logoMediaId") return "logo";
  return head;
}

/** A refused save: the message, the problems per form field, the HTTP status. */
export interface BrandRefusal {
  ok: null;
  error: string;
  warnings: [];
  problems: { field: string; messageVi: string }[];
  status: number;
}

export type BrandSaveResult =
  | { ok: string; error: null; warnings: BrandWarning[]; problems: [] }
  | BrandRefusal;

function refusedWith(problems: BrandProblem[], linesSent: number): BrandRefusal {
  return {
    ok: null,
    error:
      problems.length > 1
        ? `Chưa lưu: có ${problems.length} mục cần sửa.`
        : `Chưa lưu: ${problems[0]?.messageVi ?? "dữ liệu không hợp lệ."}`,
    warnings: [],
    problems: problems.map((p) => ({ field: fieldOfProblem(p.field, linesSent), messageVi: p.messageVi })),
    status: 400,
  };
}

/**
 * Saves the kit from the form as `admin` (the route has checked the role). `logoMediaId`, when
 * given, replaces the form's choice (a logo just uploaded). Returns the outcome with the warnings
 * of the saved kit, or the problems per form field (status 400).
 */
export function saveBrandForm(
  handle: DbHandle,
  admin: User,
  form: FormValues,
  logoMediaId?: string,
): BrandSaveResult {
  const raw = kitOfForm(form);
  if (logoMediaId) raw.logoMediaId = logoMediaId;
  const linesSent = (raw.issuerLines as string[]).length;
  try {
    const { warnings } = saveBrandKit(handle, raw, admin.id);
    return {
      ok: "Đã lưu bộ nhận diện. Các ấn phẩm tạo từ nay dùng bộ mới; phiên bản đã có giữ nguyên file của mình.",
      error: null,
      warnings,
      problems: [],
    };
  } catch (e) {
    if (isBrandError(e) && e.code === "BRAND_KIT_INVALID") {
      return refusedWith(e.details.problems as BrandProblem[], linesSent);
    }
    if (isBrandError(e) && e.code === "BRAND_LOGO_INVALID") {
      return refusedWith([{ field: "logoMediaId", messageVi: e.messageVi }], linesSent);
    }
    return { ok: null, error: userMessage(e), warnings: [], problems: [], status: 400 };
  }
}

// ─── Reading the form, with an optional logo file ────────────────────────────────────────────────

const MB = Math.round(MEDIA_MAX_BYTES / (1024 * 1024));

// One logo at most, of the library's own size limit; one brand form read at a time (an admin's).
const readLogoForm = imageFormReader({
  field: "logoFile",
  maxFileBytes: MEDIA_MAX_BYTES,
  maxFiles: 1,
  maxConcurrent: 1,
  messages: {
    tooMuch: `Tệp logo quá lớn (tối đa ${MB} MB).`,
    tooMany: "Mỗi lần chỉ tải lên một logo.",
    tooLarge: (names) => `Tệp “${names.join("”, “")}” quá lớn (tối đa ${MB} MB).`,
    unnamed: () => "logo",
    busy: "Máy chủ đang nhận một logo khác. Vui lòng gửi lại sau ít giây.",
  },
});

const formRefusal = (error: string, status: number, problems: BrandProblem[] = []): BrandRefusal => ({
  ok: null,
  error,
  warnings: [],
  problems,
  status,
});

/**
 * The brand form as posted (multipart, or urlencoded without a file; read by the shared image
 * form reader). A logo file, when one was chosen, is put into the media library as kind 'logo'
 * (ingestMedia: sniffed, sanitised, size checked) and its id returned to be named by the kit.
 * Refusals come back as a BrandRefusal: the reader's 400/413/503, or 400 for a refused file (its
 * Vietnamese reason on the logo field). Call after requireUser(admin).
 */
export async function readBrandForm(
  request: Request,
  handle: DbHandle,
  admin: User,
): Promise<{ fields: FormValues; logoMediaId?: string } | BrandRefusal> {
  const form = await readLogoForm(request);
  if (!form.ok) return formRefusal(form.refusal.error, form.refusal.status);
  const [file] = form.files;
  if (!file) return { fields: form.fields };
  const [outcome] = await ingestMedia({
    db: handle,
    store: appObjectStore(),
    userId: admin.id,
    roles: admin.roles,
    files: [file],
    kind: "logo",
    caption: `Logo ${form.fields.shortName ?? ""}`.trim().slice(0, 200),
  });
  if (!outcome.ok) {
    return formRefusal(`Chưa lưu: ${outcome.messageVi}`, 400, [
      { field: "logo", messageVi: outcome.messageVi },
    ]);
  }
  return { fields: form.fields, logoMediaId: outcome.id };
}
