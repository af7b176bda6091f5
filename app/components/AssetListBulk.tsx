import { Form, Link, useLocation } from "@remix-run/react";

export interface BulkConfirm {
  kind: "confirm";
  targets: { assetId: string; code: string; value: string }[];
}
export interface BulkDone {
  kind: "bulk";
  results: { code: string; ok: boolean; message: string }[];
}

/**
 * The one confirmation before a bulk submit: the codes that will be sent, a button that sends
 * exactly those (confirmed=1), and a way back to the list as it was.
 */
export function AssetListConfirm({ confirm, busy }: { confirm: BulkConfirm; busy: boolean }) {
  const { pathname, search } = useLocation();
  return (
    <Form method="post" className="confirm card" aria-labelledby="al-confirm-h">
      <h2 id="al-confirm-h">Xác nhận gửi duyệt {confirm.targets.length} ấn phẩm</h2>
      <p className="muted">Các ấn phẩm sau sẽ được gửi tới Phòng Văn hóa - Xã hội thẩm định:</p>
      <ul>
        {confirm.targets.map((t) => (
          <li key={t.assetId}>{t.code}</li>
        ))}
      </ul>
      <input type="hidden" name="confirmed" value="1" />
      {confirm.targets.map((t) => (
        <input key={t.assetId} type="hidden" name="target" value={t.value} />
      ))}
      <div className="row">
        <button type="submit" className="btn ok" disabled={busy}>
          Xác nhận gửi duyệt
        </button>
        <Link to={`${pathname}${search}`} className="btn">
          Hủy
        </Link>
      </div>
    </Form>
  );
}

/** What happened to each asset of a bulk submit, one line per code. */
export function AssetListResults({ done }: { done: BulkDone }) {
  const allOk = done.results.every((r) => r.ok);
  return (
    <div className={allOk ? "notice" : "warn"} role="status" data-testid="bulk-results">
      <p>
        Đã gửi duyệt {done.results.filter((r) => r.ok).length}/{done.results.length} ấn phẩm.
      </p>
      <ul>
        {done.results.map((r) => (
          <li key={r.code} className={r.ok ? "" : "al-refused"}>
            {r.code}: {r.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The bar under a drafter's list: the form the row checkboxes belong to, and its button. */
export function AssetListBulkBar({ formId, busy }: { formId: string; busy: boolean }) {
  return (
    <div className="bulkbar al-bulkbar">
      <Form method="post" id={formId}>
        <button type="submit" className="btn ok" disabled={busy}>
          Gửi duyệt các ấn phẩm đã chọn
        </button>
      </Form>
      <span className="muted">Chỉ bản nháp của bạn mới chọn được. Hệ thống sẽ hỏi xác nhận một lần.</span>
    </div>
  );
}
