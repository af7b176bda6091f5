/** One finding of a render's preflight as a version keeps it; codes are open-ended. */
export interface StoredPreflightIssue {
  code: string;
  messageVi: string;
}

/** The preflight report of the render a version was made from (asset_versions.preflight_json). */
export interface StoredPreflight {
  ok: boolean;
  errors: StoredPreflightIssue[];
  warnings: StoredPreflightIssue[];
  /** Designs with a photo: its effective resolution as printed (decision 037), kept with the version. */
  photo?: StoredPhotoFacts;
}

/** The photo as the version's files use it: ppi at the printed size (print) or enlargement (screens). */
export interface StoredPhotoFacts {
  /** Pixels per inch of the crop at the printed size, and what the format needs; null on screens. */
  effectivePpi: number | null;
  requiredPpi: number | null;
  /** The crop taken from the stored photo, in its pixels. */
  cropWidthPx: number;
  cropHeightPx: number;
  /** Print: the photo's printed size, mm; null on screens. */
  printedMm: { width: number; height: number } | null;
}

/**
 * Keeps code and message of each issue (details are the renderer's business), as stored JSON;
 * `ok` is recomputed as "no errors" rather than trusted from the report.
 */
export function toStoredPreflight(report: {
  errors: readonly { code: string; messageVi: string }[];
  warnings: readonly { code: string; messageVi: string }[];
  photo?: {
    effectivePpi: number | null;
    requiredPpi: number | null;
    crop?: { width: number; height: number };
    cropWidthPx?: number;
    cropHeightPx?: number;
    printedMm: { width: number; height: number } | null;
  };
}): StoredPreflight {
  const pick = (i: { code: string; messageVi: string }) => ({
    code: String(i.code),
    messageVi: String(i.messageVi),
  });
  const errors = report.errors.map(pick);
  const out: StoredPreflight = { ok: errors.length === 0, errors, warnings: report.warnings.map(pick) };
  const p = report.photo;
  if (p) {
    const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
    out.photo = {
      effectivePpi: num(p.effectivePpi),
      requiredPpi: num(p.requiredPpi),
      cropWidthPx: num(p.crop?.width ?? p.cropWidthPx) ?? 0,
      cropHeightPx: num(p.crop?.height ?? p.cropHeightPx) ?? 0,
      printedMm: p.printedMm
        ? { width: Number(p.printedMm.width), height: Number(p.printedMm.height) }
        : null,
    };
  }
  return out;
}

/** The stored report, or null for versions made before it was kept (or a value that is not one). */
export function parseStoredPreflight(json: string | null | undefined): StoredPreflight | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<StoredPreflight> | null;
    if (!v || !Array.isArray(v.errors) || !Array.isArray(v.warnings)) return null;
    return toStoredPreflight({ errors: v.errors, warnings: v.warnings, photo: v.photo });
  } catch {
    return null;
  }
}
