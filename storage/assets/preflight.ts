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
}

/**
 * Keeps code and message of each issue (details are the renderer's business), as stored JSON;
 * `ok` is recomputed as "no errors" rather than trusted from the report.
 */
export function toStoredPreflight(report: {
  errors: readonly { code: string; messageVi: string }[];
  warnings: readonly { code: string; messageVi: string }[];
}): StoredPreflight {
  const pick = (i: { code: string; messageVi: string }) => ({
    code: String(i.code),
    messageVi: String(i.messageVi),
  });
  const errors = report.errors.map(pick);
  return { ok: errors.length === 0, errors, warnings: report.warnings.map(pick) };
}

/** The stored report, or null for versions made before it was kept (or a value that is not one). */
export function parseStoredPreflight(json: string | null | undefined): StoredPreflight | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Partial<StoredPreflight> | null;
    if (!v || !Array.isArray(v.errors) || !Array.isArray(v.warnings)) return null;
    return toStoredPreflight({ errors: v.errors, warnings: v.warnings });
  } catch {
    return null;
  }
}
