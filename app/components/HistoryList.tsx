import { Link } from "@remix-run/react";
import type { AssetPageHistoryRow } from "../lib/asset-page.server";
import { formatDateTimeVi } from "../lib/format";

/**
 * The asset's approval history as the audit log records it (who, in which role, what, on which
 * version, with the reason), and the way to the public verify page of the current version.
 */
export function HistoryList({ history, verifyCode }: { history: AssetPageHistoryRow[]; verifyCode: string }) {
  return (
    <section className="card" aria-labelledby="hist-h">
      <h2 id="hist-h">Lịch sử xử lý</h2>
      <ol className="history">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{h.actionLabel}</strong> — {h.who ?? "Hệ thống"} ({h.roleLabel})
            <br />
            <span className="muted">
              {formatDateTimeVi(h.at)}
              {h.versionN ? ` · phiên bản ${h.versionN}` : ""}
              {h.toStateLabel ? ` · → ${h.toStateLabel}` : ""}
            </span>
            {h.reasonLabel && (
              <div>
                Lý do: {h.reasonLabel}
                {h.reasonText ? ` – ${h.reasonText}` : ""}
              </div>
            )}
            {h.comment && <div>Ý kiến: {h.comment}</div>}
          </li>
        ))}
      </ol>
      <p>
        <Link to={`/verify/${verifyCode}`}>Trang xác minh công khai của phiên bản hiện hành</Link>
      </p>
    </section>
  );
}
