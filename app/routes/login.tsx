import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getUser, homeFor, safeNext, signIn } from "../lib/auth.server";
import { assertSameOrigin } from "../lib/http.server";

export const meta: MetaFunction = () => [{ title: "Đăng nhập — Cổ động" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  if (user) throw redirect(safeNext(new URL(request.url).searchParams.get("next"), homeFor(user)));
  return null;
}

const schema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  next: z.string().max(500).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ error: "Vui lòng nhập tên đăng nhập và mật khẩu." }, { status: 400 });
  }
  const result = await signIn(request, parsed.data.username, parsed.data.password);
  if (!result.ok) return data({ error: result.error }, { status: result.status });
  throw redirect(safeNext(parsed.data.next, homeFor(result.user)), { headers: result.headers });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="login">
      <h1>Đăng nhập</h1>
      <p className="muted">
        Xưởng ấn phẩm tuyên truyền cải cách hành chính năm 2026 của Ủy ban nhân dân xã Lạc Phượng.
      </p>
      <Form method="post" className="card form">
        <input type="hidden" name="next" value={params.get("next") ?? ""} />
        <label>
          Tên đăng nhập
          <input name="username" autoComplete="username" required autoCapitalize="none" spellCheck={false} />
        </label>
        <label>
          Mật khẩu
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {actionData?.error && (
          <p className="error" role="alert">
            {actionData.error}
          </p>
        )}
        <button type="submit" className="btn primary" disabled={busy}>
          {busy ? "Đang đăng nhập…" : "Đăng nhập"}
        </button>
      </Form>
      <p>
        Đơn vị in hoặc người dân cần kiểm tra một file in? <Link to="/verify">Xác minh ấn phẩm</Link> không
        cần đăng nhập.
      </p>
    </section>
  );
}
