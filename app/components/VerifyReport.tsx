import type { VerifyResult } from "../../storage/print-access";
import { formatDateTimeVi } from "../lib/format";

type Verdict = "published" | "approved" | "revoked" | "rejected" | "superseded" | "pending";

/** The answer of storage/print-access's verifyByCode for a known code (status is not "unknown"). */
export type Report = VerifyResult;

function verdictOf(r: Report): Verdict {
  if (r.superseded) return "superseded";
  if (r.status === "published" || r.status === "approved" || r.status === "revoked") return r.status;
  return r.assetState === "rejected" ? "rejected" : "pending";
}

const VERDICTS: Record<Verdict, { cls: string; text: string }> = {
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
};

export function VerifyReport({ r }: { r: Report }) {
  const verdict = verdictOf(r);
  const v = VERDICTS[verdict];
  return (
    <section className="card stack" aria-labelledby="verdict">
      <p id="verdict" className={`verdict ${v.cls}`} role="status" data-verdict={verdict}>
        {v.text}
      </p>
      <dl className="spec">
        <dt>Mã ấn phẩm</dt>
        <dd>{r.assetCode}</dd>
        <dt>Nội dung</dt>
        <dd>“{r.text}”</dd>
        {r.contentItemCode && (
          <>
            <dt>Mục kế hoạch</dt>
            <dd>{r.contentItemCode}</dd>
          </>
        )}
        <dt>Khổ</dt>
        <dd>{r.format}</dd>
        <dt>Phiên bản</dt>
        <dd>
          {r.version}
          {verdict === "superseded" && r.currentVersion ? ` (phiên bản hiện hành: ${r.currentVersion})` : ""}
        </dd>
        <dt>Mã xác minh</dt>
        <dd data-testid="verify-code">{r.printedCode}</dd>
        {r.approvedAt && (
          <>
            <dt>Người phê duyệt</dt>
            <dd>
              {r.approvedBy ?? "—"}
              {r.approvedRole ? ` (${r.approvedRole})` : ""}
            </dd>
            <dt>Thời điểm phê duyệt</dt>
            <dd>{formatDateTimeVi(r.approvedAt)}</dd>
          </>
        )}
        {r.publishedAt && (
          <>
            <dt>Phát hành</dt>
            <dd>{formatDateTimeVi(r.publishedAt)}</dd>
          </>
        )}
        {r.revokedAt && (
          <>
            <dt>Thu hồi</dt>
            <dd>
              {formatDateTimeVi(r.revokedAt)} — {r.revokedBy ?? ""}
              {r.revokeReason ? `; lý do: ${r.revokeReason}` : ""}
              {r.revokeText ? ` – ${r.revokeText}` : ""}
            </dd>
          </>
        )}
        <dt>SHA-256 file in</dt>
        <dd className="hash" data-testid="verify-hash">
          {r.contentHash}
        </dd>
      </dl>
    </section>
  );
}
