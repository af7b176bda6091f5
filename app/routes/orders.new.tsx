import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { OrderAssetPicker } from "../components/order-asset-picker";
import { requireUser } from "../lib/auth.server";
import { createOrderFromForm, newOrderPage } from "../lib/orders.server";
import ordersCss from "../styles/orders.css?url";

export const meta: MetaFunction = () => [{ title: "Tạo đơn đặt in — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ordersCss }];

export function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["office"]);
  return newOrderPage();
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["office"]);
  const r = createOrderFromForm(user, await request.formData());
  if (r instanceof Response) return r;
  return data(r, { status: r.status });
}

export default function NewOrder() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack new-order">
      <p>
        <Link to="/orders">← Đơn đặt in</Link>
      </p>
      <h1>Tạo đơn đặt in</h1>
      <p className="muted">
        Chỉ đặt in được ấn phẩm đã được phê duyệt và phát hành. Mỗi dòng gắn với đúng phiên bản đã phát hành;
        nếu ấn phẩm bị thu hồi sau đó, dòng đơn sẽ tạm dừng.
      </p>
      {page.assets.length === 0 ? (
        <p className="warn">Chưa có ấn phẩm in nào đã phát hành để đặt in.</p>
      ) : (
        <Form method="post" className="form order-form">
          <OrderAssetPicker assets={page.assets} items={page.items} />
          <fieldset className="order-terms">
            <legend>Đơn vị in và thời hạn</legend>
            <label>
              Đơn vị in
              <select name="printerUnitId" required defaultValue={page.printers[0]?.id}>
                {page.printers.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Cần giao trước ngày (ngày/tháng/năm)
              <input name="deliverBy" placeholder="dd/mm/yyyy" autoComplete="off" maxLength={10} />
            </label>
            <label>
              Ghi chú cho đơn vị in
              <textarea name="note" rows={2} maxLength={page.limits.note} />
            </label>
          </fieldset>
          {result?.error && <FormOutcome error={result.error} />}
          <div className="row">
            <button type="submit" className="btn primary" disabled={busy}>
              {busy ? "Đang tạo đơn…" : "Tạo đơn đặt in"}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
