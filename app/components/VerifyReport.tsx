import { formatDateTimeVi } from "../lib/format";

export interface Report {
  verdict: "published" | "approved" | "revoked" | "rejected" | "superseded" | "pending" | "unknown";
  asset: { code: string; title: string; formatLabel: string; itemCode: string | null };
  version: { n: number; text: string; hash: string; verifyCode: string };
  latestN: number | null;
  approval: { who: string | null; role: string; at: string } | null;
  publishedAt: string | null;
  revoke: { who: string | null; at: string; reason: string | null; text: string | null } | null;
}

const VERDICTS: Record<Report["verdict"], { cls: string; text: string }> = {
  published: {
    cls: "good",
    text: "HỢP LỆ: ấn phẩm đã được phê duyệt và phát hành — được phép in, treo, đăng tải.",
  },
  approved: { cls: "good", text: "Đã được phê duyệt, đang chờ phát hành tới đơn vị in." },
  revoked: {
    cls: "bad",
    text: "ĐÃ THU HỒI: ấn phẩm này không còn hiệu lực — không được in, treo hoặc đăng tải.",
  },
  rejected: { cls: "bad", text: "ĐÃ BỊ TỪ CHỐI: ấn phẩm này không được phê duyệt — không được sử dụng." },
  superseded: { cls: "bad", text: "KHÔNG CÒN HIỆU LỰC: phiên bản này đã được thay thế — không được in." },
  pending: {
    cls: "neutral",
    text: "CHƯA ĐƯỢC PHÊ DUYỆT: ấn phẩm đang trong quá trình soạn thảo, thẩm định — không được in.",
  },
  unknown: { cls: "bad", text: "KHÔNG XÁC ĐỊNH: không tìm thấy mã này trong hệ thống." },
};

export function VerifyReport({ r }: { r: Report }) {
  const v = VERDICTS[r.verdict];
  return (
    <section className="card stack" aria-labelledby="verdict">
      <p id="verdict" className={`verdict ${v.cls}`} role="status" data-verdict={r.verdict}>
        {v.text}
      </p>
      <dl className="spec">
        <dt>Mã ấn phẩm</dt>
        <dd>{r.asset.code}</dd>
        <dt>Nội dung</dt>
        <dd>“{r.version.text}”</dd>
        {r.asset.itemCode && (
          <>
            <dt>Mục kế hoạch</dt>
            <dd>{r.asset.itemCode}</dd>
          </>
        )}
        <dt>Khổ</dt>
        <dd>{r.asset.formatLabel}</dd>
        <dt>Phiên bản</dt>
        <dd>
          {r.version.n}
          {r.verdict === "superseded" && r.latestN ? ` (phiên bản hiện hành: ${r.latestN})` : ""}
        </dd>
        <dt>Mã xác minh</dt>
        <dd>{r.version.verifyCode}</dd>
        {r.approval && (
          <>
            <dt>Người phê duyệt</dt>
            <dd>
              {r.approval.who ?? "—"} ({r.approval.role})
            </dd>
            <dt>Thời điểm phê duyệt</dt>
            <dd>{formatDateTimeVi(r.approval.at)}</dd>
          </>
        )}
        {r.publishedAt && (
          <>
            <dt>Phát hành</dt>
            <dd>{formatDateTimeVi(r.publishedAt)}</dd>
          </>
        )}
        {r.revoke && (
          <>
            <dt>Thu hồi</dt>
            <dd>
              {formatDateTimeVi(r.revoke.at)} — {r.revoke.who ?? ""}
              {r.revoke.reason ? `; lý do: ${r.revoke.reason}` : ""}
              {r.revoke.text ? ` – ${r.revoke.text}` : ""}
            </dd>
          </>
        )}
        <dt>SHA-256 file in</dt>
        <dd className="hash" data-testid="verify-hash">
          {r.version.hash}
        </dd>
      </dl>
    </section>
  );
}
