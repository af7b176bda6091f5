import { z } from "zod";
import {
  BRAND_COLOR_KEYS,
  type Brand,
  type BrandColor,
  type BrandColorKey,
  DEFAULT_BRAND,
} from "../../templates/brand";

// The brand kit as stored (settings row 'brand_kit'): the Brand a render reads, with the logo named
// by its media row instead of carried as bytes. This file holds only the shape, so storage/settings
// can check the row without importing the code that saves it.

/** Limits of the kit's fields (characters after cleaning; years inclusive). */
export const BRAND_LIMITS = {
  issuerLines: 2,
  issuerLine: 80,
  shortName: 40,
  hotline: 80,
  theme: 160,
  colorName: 40,
  url: 300,
  yearMin: 2000,
  yearMax: 2100,
} as const;

/** Vietnamese names of the kit's fields, for the form and its messages. */
export const BRAND_FIELD_LABELS = {
  issuerLines: "Cơ quan ban hành",
  shortName: "Tên ngắn",
  hotline: "Dòng đường dây nóng",
  portalUrl: "Địa chỉ Cổng thông tin điện tử",
  publicServiceUrl: "Địa chỉ dịch vụ công trực tuyến",
  theme: "Chủ đề năm",
  year: "Năm",
  palette: "Bảng màu",
  logoMediaId: "Logo",
} as const;

const text = (label: string, max: number) =>
  z.string({ message: `${label}: hãy nhập nội dung.` }).max(max, `${label}: tối đa ${max} ký tự.`);

const httpsUrl = (label: string) =>
  z
    .string({ message: `${label}: hãy nhập địa chỉ.` })
    .trim()
    .max(BRAND_LIMITS.url, `${label}: tối đa ${BRAND_LIMITS.url} ký tự.`)
    .refine(isHttpsUrl, `${label} phải là một địa chỉ https:// đầy đủ (ví dụ https://dichvucong.gov.vn).`);

/** A full https:// URL with a host (what a QR code may point to). */
export function isHttpsUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" && u.hostname.includes(".") && !u.username && !u.password;
  } catch {
    return false;
  }
}

const ink = (slot: string, channel: string) =>
  z
    .number({ message: `Màu ${slot}: ${channel} phải là một số.` })
    .min(0, `Màu ${slot}: ${channel} phải từ 0 đến 100 %.`)
    .max(1, `Màu ${slot}: ${channel} phải từ 0 đến 100 %.`);

function colorSchema(slot: BrandColorKey) {
  const label = DEFAULT_BRAND.palette[slot].name;
  return z
    .object({
      name: text(`Tên màu “${label}”`, BRAND_LIMITS.colorName).min(1, `Màu ${label}: hãy đặt tên màu.`),
      rgb: z
        .string({ message: `Màu ${label}: hãy chọn màu.` })
        .trim()
        .toLowerCase()
        .regex(/^#[0-9a-f]{6}$/, `Màu ${label}: mã màu phải có dạng #rrggbb (ví dụ #a50f15).`),
      cmyk: z.tuple([ink(label, "C"), ink(label, "M"), ink(label, "Y"), ink(label, "K")]),
    })
    .strict();
}

/**
 * Every slot of BRAND_COLOR_KEYS, no more and no fewer: designs name slots, so a kit may recolour
 * them but not add or drop one (an extra key is refused, a missing one too).
 */
const paletteSchema = z
  .object(
    Object.fromEntries(BRAND_COLOR_KEYS.map((k) => [k, colorSchema(k)])) as Record<
      BrandColorKey,
      ReturnType<typeof colorSchema>
    >,
    { message: "Bảng màu không đầy đủ." },
  )
  .strict("Bảng màu chỉ gồm các ô màu cố định của hệ thống; không thêm ô màu mới.");

/** The stored kit's shape (structure, lengths, URLs, colours); text cleaning is saveBrandKit's. */
export const brandKitSchema = z
  .object({
    issuerLines: z
      .array(text(BRAND_FIELD_LABELS.issuerLines, BRAND_LIMITS.issuerLine))
      .min(1, "Cơ quan ban hành: cần ít nhất một dòng.")
      .max(BRAND_LIMITS.issuerLines, `Cơ quan ban hành: tối đa ${BRAND_LIMITS.issuerLines} dòng.`),
    shortName: text(BRAND_FIELD_LABELS.shortName, BRAND_LIMITS.shortName),
    hotline: text(BRAND_FIELD_LABELS.hotline, BRAND_LIMITS.hotline),
    portalUrl: httpsUrl(BRAND_FIELD_LABELS.portalUrl),
    publicServiceUrl: httpsUrl(BRAND_FIELD_LABELS.publicServiceUrl),
    theme: text(BRAND_FIELD_LABELS.theme, BRAND_LIMITS.theme),
    year: z
      .number({ message: "Năm phải là một số." })
      .int("Năm phải là một số nguyên.")
      .min(BRAND_LIMITS.yearMin, `Năm phải từ ${BRAND_LIMITS.yearMin} đến ${BRAND_LIMITS.yearMax}.`)
      .max(BRAND_LIMITS.yearMax, `Năm phải từ ${BRAND_LIMITS.yearMin} đến ${BRAND_LIMITS.yearMax}.`),
    palette: paletteSchema,
    logoMediaId: z.string().uuid("Logo đã chọn không hợp lệ.").nullable(),
  })
  .strict();

/** The brand kit as stored: a Brand whose logo is the id of a media row of kind 'logo' (or none). */
export interface BrandKit extends Omit<Brand, "logo" | "palette"> {
  palette: Record<BrandColorKey, BrandColor>;
  logoMediaId: string | null;
}

/** The kit of a fresh install: DEFAULT_BRAND's values, no logo. */
export const DEFAULT_BRAND_KIT: BrandKit = {
  issuerLines: [...DEFAULT_BRAND.issuerLines],
  shortName: DEFAULT_BRAND.shortName,
  hotline: DEFAULT_BRAND.hotline,
  portalUrl: DEFAULT_BRAND.portalUrl,
  publicServiceUrl: DEFAULT_BRAND.publicServiceUrl,
  theme: DEFAULT_BRAND.theme,
  year: DEFAULT_BRAND.year,
  palette: DEFAULT_BRAND.palette,
  logoMediaId: null,
};
