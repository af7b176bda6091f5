import { ROLE_LABELS_VI } from "../domain/roles";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { countUnread } from "../storage/notifications";
import { getUser } from "./lib/auth.server";
import { db } from "./lib/db.server";
import { useNonce } from "./lib/nonce";
import stylesHref from "./styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "data:," },
];

export const meta: MetaFunction = () => [{ title: "Cổ động — xã Lạc Phượng" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = getUser(request);
  return {
    user: user ? { displayName: user.displayName, username: user.username, roles: user.roles } : null,
    // On every page: what waits for this person is the first thing the header says.
    unread: user ? countUnread(db(), user.id) : 0,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

function Nav({ user }: { user: NonNullable<RootData["user"]> }) {
  const has = (...r: string[]) => r.some((x) => user.roles.includes(x as never));
  return (
    <nav aria-label="Điều hướng chính" className="nav">
      <ul>
        {has("drafter", "office", "approver", "admin") && (
          <li>
            <NavLink to="/" end>
              Tổng quan
            </NavLink>
          </li>
        )}
        <li>
          <NavLink to="/assets">Ấn phẩm</NavLink>
        </li>
        {has("drafter") && (
          <>
            <li>
              <NavLink to="/editor">Tạo ấn phẩm</NavLink>
            </li>
            <li>
              <NavLink to="/bulk">Tạo hàng loạt</NavLink>
            </li>
          </>
        )}
        {has("drafter", "office", "approver", "admin") && (
          <li>
            <NavLink to="/media">Thư viện ảnh</NavLink>
          </li>
        )}
        {has("office", "approver") && (
          <li>
            <NavLink to="/review">Hàng chờ duyệt</NavLink>
          </li>
        )}
        {has("printer", "admin") && (
          <li>
            <NavLink to="/print">Thư viện file in</NavLink>
          </li>
        )}
        {has("office", "admin", "printer") && (
          <li>
            <NavLink to="/orders">Đơn đặt in</NavLink>
          </li>
        )}
        {has("office", "admin") && (
          <li>
            <NavLink to="/placements">Vị trí</NavLink>
          </li>
        )}
        {has("office", "admin", "approver") && (
          <li>
            <NavLink to="/report">Báo cáo</NavLink>
          </li>
        )}
        {has("admin") && (
          <>
            <li>
              <NavLink to="/admin/users">Người dùng</NavLink>
            </li>
            <li>
              <NavLink to="/admin/settings">Cài đặt</NavLink>
            </li>
            <li>
              <NavLink to="/admin/brand">Bộ nhận diện</NavLink>
            </li>
          </>
        )}
        <li>
          <NavLink to="/verify">Xác minh</NavLink>
        </li>
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<RootData>("root");
  const user = data?.user ?? null;
  const unread = data?.unread ?? 0;
  return (
    <html lang="vi">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip" href="#main">
          Bỏ qua, tới nội dung chính
        </a>
        <header className="top">
          <Link to={user ? "/" : "/login"} className="brand">
            <span className="brand-mark" aria-hidden="true">
              ★
            </span>
            <span>
              Cổ động <small>UBND xã Lạc Phượng</small>
            </span>
          </Link>
          {user && <Nav user={user} />}
          <div className="who">
            {user ? (
              <>
                <Link
                  to="/inbox"
                  className="inbox-link"
                  data-testid="inbox-link"
                  aria-label={unread ? `Thông báo: ${unread} chưa đọc` : "Thông báo: không có thông báo mới"}
                >
                  {/* Drawn, not an emoji: office PCs and phones here lack an emoji font. */}
                  <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
                    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
                  </svg>
                  <span className="inbox-label">Thông báo</span>
                  {unread > 0 && (
                    <span className="badge-count" data-testid="unread-count">
                      {unread > 99 ? "99+" : unread}
                    </span>
                  )}
                </Link>
                <Link to="/account" className="account-link">
                  {user.displayName}
                  <small>{user.roles.map((r) => ROLE_LABELS_VI[r]).join(", ")}</small>
                </Link>
                <Form method="post" action="/logout">
                  <button type="submit" className="btn-link">
                    Đăng xuất
                  </button>
                </Form>
              </>
            ) : (
              <Link to="/login">Đăng nhập</Link>
            )}
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  let title = "Đã có lỗi xảy ra";
  let message = "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau.";
  if (isRouteErrorResponse(error)) {
    const d = error.data as { message?: string } | string | undefined;
    const m = typeof d === "object" && d?.message ? d.message : null;
    if (error.status === 403) {
      title = "Không có quyền truy cập";
      message = m ?? "Bạn không có quyền truy cập trang này.";
    } else if (error.status === 404) {
      title = "Không tìm thấy";
      message = m ?? "Không tìm thấy trang hoặc dữ liệu yêu cầu.";
    } else if (error.status === 405) {
      title = "Yêu cầu không được hỗ trợ";
      message = m ?? "Phương thức yêu cầu không được hỗ trợ ở địa chỉ này.";
    } else if (error.status === 415) {
      title = "Yêu cầu không được hỗ trợ";
      message = m ?? "Dữ liệu phải được gửi bằng biểu mẫu (form); định dạng này không được hỗ trợ.";
    } else if (m) {
      message = m;
    }
  }
  // Never render error.message or stack: they may carry internals.
  return (
    <section className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Về trang chủ</Link>
      </p>
    </section>
  );
}
