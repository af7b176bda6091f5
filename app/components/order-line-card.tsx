import { Form, Link } from "@remix-run/react";
import type { OrderLineView } from "../lib/orders.server";
import { LineStatusBadge } from "./order-status";
import { DemoBadge } from "./placement-card";
import { Thumbnail } from "./Thumbnail";

/** "Đã in" or "Đã giao" with the day it happened (today by default) and an optional note. */
function MarkForm({
  line,
  status,
  today,
}: {
  line: OrderLineView;
  status: "printed" | "delivered";
  today: string;
}) {
  const label = status === "printed" ? "Đã in" : "Đã giao";
  return (
    <Form method="post" className="mark-form" aria-label={`${label}: dòng ${line.n} (${line.assetCode})`}>
      <input type="hidden" name="intent" value="mark" />
      <input type="hidden" name="lineId" value={line.id} />
      <input type="hidden" name="status" value={status} />
      <label>
        Ngày {label.toLowerCase()}
        <input name="on" defaultValue={today} placeholder="dd/mm/yyyy" maxLength={10} autoComplete="off" />
      </label>
      <label>
        Ghi chú
        <input name="note" maxLength={2000} />
      </label>
      <button type="submit" className="btn primary" data-mark={status}>
        Xác nhận {label.toLowerCase()}
      </button>
    </Form>
  );
}

/** The print shop's logged downloads of the line's files (the print library's own route). */
function Downloads({ line }: { line: OrderLineView }) {
  const action = `/print/${encodeURIComponent(line.assetId)}/download`;
  return (
    <div className="row downloads">
      {line.downloads.pdf && (
        <form method="post" action={action}>
          <button type="submit" className="btn" data-download="pdf">
            Tải file in (PDF, đúng kích thước)
          </button>
        </form>
      )}
      {line.downloads.pdfScaled && (
        <form method="post" action={`${action}?kind=pdf_scaled`}>
          <button type="submit" className="btn" data-download="pdf_scaled">
            Tải file in tỉ lệ 1:10 (PDF)
          </button>
        </form>
      )}
    </div>
  );
}

/**
 * One line of an order: thumbnail, code, format, copies, places and status; a warning when its
 * asset was revoked; for the order's print shop the downloads and the next confirmation; for
 * staff the way to the line's installation record.
 */
export function OrderLineCard({
  orderId,
  line,
  canMark,
  staff,
  today,
}: {
  orderId: string;
  line: OrderLineView;
  canMark: boolean;
  staff: boolean;
  today: string;
}) {
  const next = line.printedOn ? (line.deliveredOn ? null : "delivered") : "printed";
  return (
    <li className={`card order-line${line.blocked ? " blocked" : ""}`} data-line={line.assetCode}>
      {line.blocked && (
        <p className="error" role="alert">
          Ấn phẩm {line.assetCode} đã bị thu hồi: không in, không giao, không treo bản này. Bản đã treo cần
          được tháo xuống.
        </p>
      )}
      <div className="line-head">
        <Thumbnail
          versionId={line.versionId}
          alt={`Bản xem trước ${line.assetCode}`}
          formatLabel={line.formatLabel}
        />
        <div>
          <h3>
            {line.n}.{" "}
            {staff ? (
              <Link to={`/asset/${encodeURIComponent(line.assetId)}`}>{line.assetCode}</Link>
            ) : (
              line.assetCode
            )}{" "}
            <LineStatusBadge status={line.status} label={line.statusLabel} />
          </h3>
          <p className="muted small">
            {line.formatLabel} · phiên bản {line.versionN} · mã xác minh {line.verifyCode}
          </p>
          <p>“{line.slogan}”</p>
        </div>
      </div>
      <dl className="spec">
        <dt>Số lượng</dt>
        <dd>{line.quantity.toLocaleString("vi-VN")} bản</dd>
        {line.material && (
          <>
            <dt>Vật liệu</dt>
            <dd>{line.material}</dd>
          </>
        )}
        <dt>Vị trí</dt>
        <dd>
          {line.placements.length === 0 ? (
            "Chưa chia vị trí"
          ) : (
            <ul className="line-places">
              {line.placements.map((p) => (
                <li key={p.placementId}>
                  {p.name} {p.isDemo && <DemoBadge />} — {p.quantity} bản
                </li>
              ))}
            </ul>
          )}
        </dd>
        {line.note && (
          <>
            <dt>Ghi chú</dt>
            <dd className="pre-line">{line.note}</dd>
          </>
        )}
        <dt>Đã in</dt>
        <dd>{line.printedOn ?? "—"}</dd>
        <dt>Đã giao</dt>
        <dd>{line.deliveredOn ?? "—"}</dd>
      </dl>
      {canMark && !line.blocked && (
        <>
          <Downloads line={line} />
          {next && <MarkForm line={line} status={next} today={today} />}
        </>
      )}
      {staff && (
        <p>
          <Link to={`/orders/${encodeURIComponent(orderId)}/lines/${encodeURIComponent(line.id)}`}>
            Nghiệm thu treo/đặt
          </Link>
        </p>
      )}
    </li>
  );
}
