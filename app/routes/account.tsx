import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { accountView, saveAccount } from "../lib/account.server";
import { requireUser } from "../lib/auth.server";
import settingsCss from "../styles/settings.css?url";

export const meta: MetaFunction = () => [{ title: "Tài khoản — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: settingsCss }];

export function loader({ request }: LoaderFunctionArgs) {
  return accountView(requireUser(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request);
  const r = await saveAccount(request, user, await request.formData());
  return "status" in r ? data(r, { status: r.status }) : r;
}

export default function Account() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const outcome = (form: string) => (a?.form === form ? <FormOutcome ok={a.ok} error={a.error} /> : null);
  return (
    <div className="stack narrow settings">
      <h1>Tài khoản của tôi</h1>
      <section className="card" aria-labelledby="me-h">
        <h2 id="me-h">{d.displayName}</h2>
        <dl>
          <dt>Tên đăng nhập</dt>
          <dd>{d.username}</dd>
          {d.jobTitle && (
            <>
              <dt>Chức vụ</dt>
              <dd>{d.jobTitle}</dd>
            </>
          )}
          {d.unitName && (
            <>
              <dt>Đơn vị</dt>
              <dd>{d.unitName}</dd>
            </>
          )}
          <dt>Vai trò</dt>
          <dd>{d.roles.join(", ")}</dd>
          <dt>Thư điện tử</dt>
          <dd data-testid="account-email">
            {d.email ?? "Chưa có — nhờ quản trị viên thêm địa chỉ để nhận thông báo qua thư."}
          </dd>
        </dl>
      </section>
      <Form method="post" className="card form" aria-labelledby="mode-h">
        <h2 id="mode-h">Nhận thông báo qua thư điện tử</h2>
        {outcome("mode")}
        <input type="hidden" name="intent" value="mode" />
        <fieldset>
          <legend className="sr-only">Cách nhận thư</legend>
          {d.modes.map((m) => (
            <label key={m.value} className="inline">
              <input type="radio" name="mode" value={m.value} defaultChecked={d.emailNotify === m.value} />
              {m.label}
            </label>
          ))}
        </fieldset>
        {!d.email && <p className="muted">Chưa có địa chỉ thư: thông báo chỉ hiện trong mục “Thông báo”.</p>}
        <button type="submit" className="btn primary">
          Lưu cách nhận thư
        </button>
      </Form>
      <Form method="post" className="card form" aria-labelledby="pw-h">
        <h2 id="pw-h">Đổi mật khẩu</h2>
        {outcome("password")}
        <input type="hidden" name="intent" value="password" />
        <label>
          Mật khẩu hiện tại
          <input name="currentPassword" type="password" required autoComplete="current-password" />
        </label>
        <label>
          Mật khẩu mới (từ 10 ký tự, không chứa tên đăng nhập, không phải mật khẩu phổ biến)
          <input
            name="newPassword"
            type="password"
            required
            minLength={10}
            maxLength={200}
            autoComplete="new-password"
          />
        </label>
        <label>
          Nhập lại mật khẩu mới
          <input
            name="confirmPassword"
            type="password"
            required
            minLength={10}
            maxLength={200}
            autoComplete="new-password"
          />
        </label>
        <button type="submit" className="btn primary">
          Đổi mật khẩu
        </button>
      </Form>
    </div>
  );
}
