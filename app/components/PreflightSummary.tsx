export interface StoredIssue {
  code: string;
  messageVi: string;
}

export interface StoredReport {
  errors: StoredIssue[];
  warnings: StoredIssue[];
  photo?: {
    effectivePpi: number | null;
    requiredPpi: number | null;
    printedMm: { width: number; height: number } | null;
  };
}

const mm = (v: number) => Math.round(v).toLocaleString("vi-VN");

/** "Ảnh in 318 ppi (cần ≥ 150 ppi), khổ ảnh 300 × 400 mm": the photo's effective resolution as the version keeps it. */
function PhotoResolution({ photo }: { photo: NonNullable<StoredReport["photo"]> }) {
  if (photo.effectivePpi === null) return null;
  const ok = photo.requiredPpi === null || photo.effectivePpi >= photo.requiredPpi;
  return (
    <p className={ok ? "muted small" : "pf-error small"} data-testid="photo-ppi">
      Ảnh in {Math.round(photo.effectivePpi)} ppi
      {photo.requiredPpi !== null ? ` (cần ≥ ${Math.round(photo.requiredPpi)} ppi)` : ""}
      {photo.printedMm ? `, khổ ảnh ${mm(photo.printedMm.width)} × ${mm(photo.printedMm.height)} mm` : ""}
    </p>
  );
}

/**
 * What the preflight of a version's render found, as the version keeps it: one compact line
 * ("⚠ 2 cảnh báo") that opens to the messages. Versions made before reports were stored (null)
 * and clean ones show nothing.
 */
export function PreflightSummary({ report, open }: { report: StoredReport | null; open?: boolean }) {
  if (!report) return null;
  const { errors, warnings } = report;
  const photo = report.photo ? <PhotoResolution photo={report.photo} /> : null;
  if (errors.length === 0 && warnings.length === 0) return photo;
  const parts: string[] = [];
  if (errors.length) parts.push(`✖ ${errors.length} lỗi`);
  if (warnings.length) parts.push(`⚠ ${warnings.length} cảnh báo`);
  return (
    <details
      className={errors.length ? "pf-summary has-errors" : "pf-summary"}
      open={open}
      data-testid="pf-summary"
    >
      <summary>{parts.join(" · ")} khi kiểm tra trước khi in</summary>
      <ul className="preflight" aria-label="Kết quả kiểm tra trước khi in của phiên bản">
        {errors.map((i) => (
          <li key={`e-${i.code}-${i.messageVi}`} className="pf-error">
            <span className="sr-only">Lỗi: </span>
            {i.messageVi}
          </li>
        ))}
        {warnings.map((i) => (
          <li key={`w-${i.code}-${i.messageVi}`} className="pf-warn">
            <span className="sr-only">Cảnh báo: </span>
            {i.messageVi}
          </li>
        ))}
      </ul>
      {photo}
    </details>
  );
}
