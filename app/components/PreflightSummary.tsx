export interface StoredIssue {
  code: string;
  messageVi: string;
}

export interface StoredReport {
  errors: StoredIssue[];
  warnings: StoredIssue[];
}

/**
 * What the preflight of a version's render found, as the version keeps it: one compact line
 * ("⚠ 2 cảnh báo") that opens to the messages. Versions made before reports were stored (null)
 * and clean ones show nothing.
 */
export function PreflightSummary({ report, open }: { report: StoredReport | null; open?: boolean }) {
  if (!report) return null;
  const { errors, warnings } = report;
  if (errors.length === 0 && warnings.length === 0) return null;
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
    </details>
  );
}
