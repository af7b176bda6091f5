import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { OrderStatusSummary } from "../components/order-status";
import { requireUser } from "../lib/auth.server";
import { ORDER_READERS, ordersListPage } from "../lib/orders.server";
import ordersCss from "../styles/orders.css?url";

export const meta: MetaFunction = () => [{ title: "Đơn đặt in — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersCss }];

export function loader({ request }: LoaderFunctionArgs) {
  return ordersListPage(requireUser(request, ORDER_READERS));
}

export default function Orders() {
  const page = useLoaderData<typeof loader>();
  return (
    <div className="stack orders-page">
      <div className="page-head">
        <h1>Đơn đặt in</h1>
        {page.canCreate && (
          <Link to="/orders/new" className="btn primary">
            Tạo đơn đặt in
          </Link>
        )}
      </div>
      {page.orders.length === 0 ? (
        <p className="muted">Chưa có đơn đặt in nào.</p>
      ) : (
        <ul className="order-list">
          {page.orders.map((o) => (
            <li key={o.id} className="card order-card" data-order={o.code}>
              <h2>
                <Link to={`/orders/${encodeURIComponent(o.id)}`}>{o.code}</Link>
              </h2>
              <p>
                <OrderStatusSummary cancelled={o.cancelled} summary={o.summary} />
              </p>
              <dl className="spec">
                <dt>Đơn vị in</dt>
                <dd>{o.printerName}</dd>
                <dt>Số ấn phẩm</dt>
                <dd>
                  {o.lineCount} ấn phẩm, {o.totalQuantity.toLocaleString("vi-VN")} bản
                </dd>
                <dt>Cần giao trước</dt>
                <dd>{o.deliverBy ?? "Không hẹn ngày"}</dd>
                <dt>Người đặt</dt>
                <dd>
                  {o.createdBy}, {o.createdAt}
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
