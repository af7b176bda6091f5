import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { OrderLineCard } from "../components/order-line-card";
import { OrderStatusSummary } from "../components/order-status";
import { requireUser } from "../lib/auth.server";
import { ORDER_READERS, orderAction, orderPage } from "../lib/orders.server";
import ordersCss from "../styles/orders.css?url";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.order.code ?? "Đơn đặt in"} — Cổ động` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersCss }];

export function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, ORDER_READERS);
  return orderPage(user, params.orderId ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, ["office", "printer"]);
  const r = orderAction(user, params.orderId ?? "", await request.formData());
  return r.error === null ? r : data(r, { status: r.status });
}

export default function Order() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const o = page.order;
  return (
    <div className="stack order-page">
      <p>
        <Link to="/orders">← Đơn đặt in</Link>
      </p>
      <div className="page-head">
        <h1>Đơn đặt in {o.code}</h1>
        <a href={page.sheetHref} className="btn" data-testid="order-sheet">
          Phiếu đặt in (PDF)
        </a>
      </div>
      {params.get("created") === "1" && !result && (
        <p className="notice" role="status">
          {`Đã tạo đơn ${o.code}; đơn vị in thấy đơn này trong mục “Đơn đặt in”.`}
        </p>
      )}
      <FormOutcome ok={result?.ok} error={result?.error} />
      <section className="card order-head">
        <p>
          <OrderStatusSummary cancelled={o.cancelled} summary={o.summary} />
        </p>
        <dl className="spec">
          <dt>Đơn vị in</dt>
          <dd>{o.printerName}</dd>
          <dt>Cần giao trước</dt>
          <dd>{o.deliverBy ?? "Không hẹn ngày"}</dd>
          <dt>Tổng</dt>
          <dd>
            {o.lineCount} ấn phẩm, {o.totalQuantity.toLocaleString("vi-VN")} bản
          </dd>
          <dt>Người đặt</dt>
          <dd>
            {o.createdBy}, {o.createdAt}
          </dd>
          {o.note && (
            <>
              <dt>Ghi chú</dt>
              <dd className="pre-line">{o.note}</dd>
            </>
          )}
        </dl>
        {page.canCancel && (
          <details className="cancel-order">
            <summary>Hủy đơn</summary>
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="cancel" />
              <p>
                Đơn vị in sẽ không xác nhận được gì thêm trên đơn {o.code}. Các xác nhận đã có vẫn được giữ.
              </p>
              <button type="submit" className="btn danger">
                Xác nhận hủy đơn {o.code}
              </button>
            </Form>
          </details>
        )}
      </section>
      <ul className="order-lines">
        {page.lines.map((l) => (
          <OrderLineCard
            key={l.id}
            orderId={o.id}
            line={l}
            canMark={page.canMark}
            staff={page.staff}
            today={page.today}
          />
        ))}
      </ul>
    </div>
  );
}
