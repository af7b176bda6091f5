import { type Placement, PLACEMENT_LABELS_VI } from "../../domain/placements";
import { type Format, getFormat } from "../../templates/formats";
import type { AssetRecord } from "../assets";

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
  };
}
