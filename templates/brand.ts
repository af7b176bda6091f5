// The brand kit (bộ nhận diện) as the designs read it: who issues the material, the lines and
// addresses it carries, and the locked colours with the ink values the print shop gets. A render is
// given one Brand; nothing in a design names the commune. The default is Lạc Phượng's, for the CLI,
// the benchmarks and a fresh install before the admin sets the kit (storage keeps the stored one).
import type { CmykSwatch } from "./render/cmyk";

/** The brand's colour slots. Designs refer to slots, never to hex values, so a kit can recolour them. */
export const BRAND_COLOR_KEYS = [
  "primary",
  "accent",
  "gold",
  "navy",
  "night",
  "sky",
  "paper",
  "cream",
  "ink",
  "white",
] as const;
export type BrandColorKey = (typeof BRAND_COLOR_KEYS)[number];

export interface BrandColor {
  /** Vietnamese name shown in pickers ("Đỏ cờ"). */
  name: string;
  /** "#rrggbb", lowercase: the screen colour and the key the PDF writer maps to CMYK. */
  rgb: string;
  /** Ink values 0–1 (C, M, Y, K) the print PDF paints this colour with (DeviceCMYK). */
  cmyk: [number, number, number, number];
}

/** The logo as a render uses it: an SVG (sanitised at upload) or a PNG, as a data: URI. */
export interface BrandLogo {
  mime: "image/svg+xml" | "image/png";
  /** data: URI of the stored bytes; satori and the PDF writer read nothing but data: URIs. */
  dataUri: string;
  /** Intrinsic size in px (for PNG) or the SVG's viewBox size: the logo is drawn at its aspect. */
  width: number;
  height: number;
  /** Hex SHA-256 of the stored bytes (media library key), so a version names the exact logo. */
  sha256: string;
}

export interface Brand {
  /**
   * The issuing body, one or two lines; the last names the body itself ("Ủy ban nhân dân xã Lạc
   * Phượng"), a line before it the body above (optional).
   */
  issuerLines: string[];
  /** Short name ("Lạc Phượng"): PDF keywords, file names, compact headers. */
  shortName: string;
  /** Hotline line as printed ("Tổng đài …: 18001096"). */
  hotline: string;
  /** The commune's portal (Cổng thông tin điện tử), https. */
  portalUrl: string;
  /** Where online public services are filed: the default target of QR codes, https. */
  publicServiceUrl: string;
  /** The year's theme ("Chủ động thực thi; …"). */
  theme: string;
  /** The campaign year the theme belongs to. */
  year: number;
  palette: Record<BrandColorKey, BrandColor>;
  logo?: BrandLogo;
}

export const DEFAULT_BRAND: Brand = {
  issuerLines: ["Ủy ban nhân dân xã Lạc Phượng"],
  shortName: "Lạc Phượng",
  hotline: "Tổng đài Cổng Dịch vụ công quốc gia: 18001096",
  portalUrl: "https://lacphuong.gov.vn",
  publicServiceUrl: "https://dichvucong.gov.vn",
  theme: "Chủ động thực thi; phát huy động lực; tăng trưởng bứt phá",
  year: 2026,
  palette: {
    // Flag red deep enough that star yellow on it stays above 4.5:1 (decision 003).
    primary: { name: "Đỏ cờ", rgb: "#a50f15", cmyk: [0, 1, 0.9, 0.25] },
    accent: { name: "Vàng sao", rgb: "#ffe34d", cmyk: [0, 0.08, 0.8, 0] },
    gold: { name: "Vàng kim", rgb: "#f2c230", cmyk: [0, 0.22, 0.85, 0.03] },
    navy: { name: "Xanh đậm", rgb: "#0b2e6b", cmyk: [1, 0.7, 0, 0.35] },
    night: { name: "Xanh đêm", rgb: "#0a2463", cmyk: [1, 0.8, 0, 0.4] },
    sky: { name: "Xanh trời", rgb: "#3ec6f0", cmyk: [0.65, 0.05, 0, 0] },
    paper: { name: "Nền sáng", rgb: "#f6f8fb", cmyk: [0.03, 0.01, 0, 0] },
    cream: { name: "Nền kem", rgb: "#fffaf0", cmyk: [0, 0.02, 0.06, 0] },
    ink: { name: "Chữ đậm", rgb: "#1f2937", cmyk: [0.3, 0.2, 0, 0.85] },
    white: { name: "Trắng", rgb: "#ffffff", cmyk: [0, 0, 0, 0] },
  },
};

/** The issuing body on one line (its own name, the last line), or as set for this asset. */
export function issuerOf(brand: Brand, override?: string): string {
  return override ?? brand.issuerLines[brand.issuerLines.length - 1];
}

/** The brand's colours as CMYK swatches for the print PDF: each palette colour prints as its inks. */
export function brandSwatches(brand: Brand): CmykSwatch[] {
  return BRAND_COLOR_KEYS.map((k) => ({ rgb: brand.palette[k].rgb, cmyk: brand.palette[k].cmyk }));
}
