import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { requireUser } from "../lib/auth.server";
import { formatDateTimeVi } from "../lib/format";
import { inboxPage, markAllRead } from "../lib/inbox.server";
import inboxCss from "../styles/inbox.css?url";

export const meta: MetaFunction = () => [{ title: "Thông báo — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: inboxCss }];

export function loader({ request }: LoaderFunctionArgs) {
  return inboxPage(request, requireUser(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "read-all") {
    return data({ ok: null, error: "Thao tác không hợp lệ." }, { status: 400 });
  }
  return { ok: markAllRead(user), error: null };
}

export default function Inbox() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <div className="inbox-head">
        <h1>Thông báo</h1>
        {d.unread > 0 && (
          <Form method="post">
            <input type="hidden" name="intent" value="read-all" />
            <button type="submit" className="btn small">
              Đánh dấu tất cả đã đọc
            </button>
          </Form>
        )}
      </div>
      <p className="muted" data-testid="inbox-unread">
        {d.unread > 0 ? `${d.unread} thông báo chưa đọc.` : "Không có thông báo chưa đọc."}
      </p>
      <FormOutcome ok={a?.ok} error={a?.error} />
      {d.items.length === 0 ? (
        <p>{d.paged ? "Không còn thông báo cũ hơn." : "Chưa có thông báo nào."}</p>
      ) : (
        <ul className="inbox-list">
          {d.items.map((n) => (
            <li key={n.id} className={n.unread ? "inbox-entry unread" : "inbox-entry"} data-unread={n.unread}>
              <Link to={`/inbox/${n.id}`}>
                <span className="inbox-title">
                  {n.unread && <span className="sr-only">Chưa đọc: </span>}
                  {n.title}
                </span>
                <span className="inbox-summary">{n.summary}</span>
                <span className="muted">{formatDateTimeVi(n.createdAt)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="row">
        {d.paged && <Link to="/inbox">← Thông báo mới nhất</Link>}
        {d.nextBeforeId !== null && (
          <Link className="btn" to={`/inbox?before=${d.nextBeforeId}`}>
            Xem thêm
          </Link>
        )}
      </p>
    </div>
  );
}
