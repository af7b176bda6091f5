import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { getUser, homeFor, signIn } from "../lib/auth.server";
import { assertSameOrigin, publicOrigin } from "../lib/http.server";
import { safeRedirectPath } from "../lib/safe-redirect.server";

export const meta: MetaFunction = () => [{ title: "Đăng nhập — Cổ động" }];

// Remix passes only cookies from an action's headers on by itself: the 429's wait must reach the client.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const out = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) out.set("Retry-After", retryAfter);
  return out;
};

/** `?next=` as a same-origin path, or null (then the user's home): never another site. */
function nextPath(request: Request, next: unknown): string | null {
  return safeRedirectPath(next, publicOrigin(request));
}

export async function loader({ request }: LoaderFunctionArgs) {
  const next = nextPath(request, new URL(request.url).searchParams.get("next"));
  const user = getUser(request);
  if (user) throw redirect(next ?? homeFor(user));
  // The form carries only the checked path back in its hidden field.
  return { next: next ?? "" };
}

const schema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  // A bad `next` is dropped (→ the user's home), not a reason to refuse the sign-in.
  next: z.string().optional().catch(undefined),
});

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ error: "Vui lòng nhập tên đăng nhập và mật khẩu." }, { status: 400 });
  }
  const result = await signIn(request, parsed.data.username, parsed.data.password);
  if (!result.ok) {
    const headers = new Headers();
    if (result.retryAfterSeconds) headers.set("Retry-After", String(result.retryAfterSeconds));
    return data({ error: result.error }, { status: result.status, headers });
  }
  throw redirect(nextPath(request, parsed.data.next) ?? homeFor(result.user), { headers: result.headers });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const { next } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <section className="login">
      <h1>Đăng nhập</h1>
      <p className="muted">
        Xưởng ấn phẩm tuyên truyền cải cách hành chính năm 2026 của Ủy ban nhân dân xã Lạc Phượng.
      </p>
      <Form method="post" className="card form">
        <input type="hidden" name="next" value={next} />
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
