import { type Placement, PLACEMENT_LABELS_VI } from "../../domain/placements";
import { type Format, getFormat } from "../../templates/formats";
import { needsScaledFile } from "../../templates/render/pdf";
import { PRINT_SCALE_DENOMINATOR } from "../../templates/render/print-scale";
import type { AssetRecord } from "../assets";
import type { PrintFileKind } from "./access";

/** What a print shop needs to produce an asset; lengths in millimetres, screen sizes in pixels. */
export interface PrintSpec {
  formatId: string;
  formatLabel: string;
  formatKind: Format["kind"] | null;
  /** Physical formats only; null for screen formats and unknown ids. */
  trimWidthMm: number | null;
  trimHeightMm: number | null;
  bleedMm: number | null;
  safeMarginMm: number | null;
  /** Fabric lost to hems and pole pockets (banners). */
  hemMm: number | null;
  /** Screen formats only. */
  widthPx: number | null;
  heightPx: number | null;
  /** The asset's own hint wins over the format's default. */
  materialHint: string | null;
  quantity: number | null;
  placement: Placement | null;
  placementLabel: string | null;
  /**
   * Denominator of the scaled print file the format gets beside its true-size PDF (10: a 1:10
   * file, for formats over 5.08 m); null when it gets none.
   */
  printScale: number | null;
}

/**
 * What each print file is for, in the print shop's words: which RIP takes which file when a
 * format has both (decision 031). `pdf` alone (no scaled sibling) is just the print file.
 */
export function printFileLabelVi(kind: PrintFileKind, hasScaled: boolean): string {
  const d = PRINT_SCALE_DENOMINATOR;
  if (kind === "pdf_scaled")
    return `File tỷ lệ 1:${d} (phóng ${d * 100}% khi in; cho RIP không đọc /UserUnit)`;
  if (kind === "png") return "Ảnh PNG";
  return hasScaled ? "File in đúng kích thước (cho RIP đọc được /UserUnit)" : "File in (PDF)";
}

/**
 * The catalogue's format, or null for an id removed from it after approval: the files made with
 * it are still valid, so callers show the bare id instead of failing.
 */
export function knownFormat(formatId: string): Format | null {
  try {
    return getFormat(formatId);
  } catch {
    return null;
  }
}

/** The print spec of an asset, from its format and its own quantity, placement and material hint. */
export function specFor(asset: AssetRecord): PrintSpec {
  const format = knownFormat(asset.formatId);
  const print = format && format.kind !== "screen" ? format : null;
  const screen = format?.kind === "screen" ? format : null;
  return {
    formatId: asset.formatId,
    formatLabel: format?.label ?? asset.formatId,
    formatKind: format?.kind ?? null,
    trimWidthMm: print?.trimWidthMm ?? null,
    trimHeightMm: print?.trimHeightMm ?? null,
    bleedMm: print?.bleedMm ?? null,
    safeMarginMm: print?.safeMarginMm ?? null,
    hemMm: print?.hemMm ?? null,
    widthPx: screen?.widthPx ?? null,
    heightPx: screen?.heightPx ?? null,
    materialHint: asset.materialHint ?? print?.materialHint ?? null,
    quantity: asset.quantity,
    placement: asset.placement,
    placementLabel: asset.placement ? PLACEMENT_LABELS_VI[asset.placement] : null,
    printScale: format && needsScaledFile(format) ? PRINT_SCALE_DENOMINATOR : null,
  };
}
