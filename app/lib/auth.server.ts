import type { Role } from "../../domain/roles";
import { redirect } from "@remix-run/node";
import {
  createSession,
  deleteSession,
  getSessionUser,
  type User,
  ACCOUNT_LOCKED_VI,
  checkCredentials,
} from "../../storage/users";
import { db } from "./db.server";
import { assertSameOrigin, clientIp, forbidden, publicOrigin } from "./http.server";
import { beginLoginAttempt, loginLimitMessage } from "./login-limit.server";

export type { User };

const COOKIE = "cd_session";
const SESSION_TTL_MS = 12 * 3600_000;

/**
 * Secure only when the browser really talks https to us: otherwise the README's
 * http://localhost quick start (and the e2e tests) could never keep a session.
 */
function secureCookie(request: Request): boolean {
  return publicOrigin(request).startsWith("https:");
}

/** The session token the request carries in its cookie, or null when none or malformed. */
export function readToken(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === COOKIE) {
      const v = part.slice(i + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : null;
    }
  }
  return null;
}

function cookie(request: Request, value: string, maxAgeSeconds: number): string {
  const parts = [`${COOKIE}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (secureCookie(request)) parts.push("Secure");
  return parts.join("; ");
}

export function getUser(request: Request): User | null {
  const token = readToken(request);
  if (!token) return null;
  return getSessionUser(db(), token);
}

/**
 * Every loader and action starts here: no session → sign-in page (with the way back); a session
 * without one of `roles` → 403. Mutating requests also pass the same-origin check.
 */
export function requireUser(request: Request, roles?: readonly Role[]): User {
  assertSameOrigin(request);
  const user = getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname.replace(/\.data$/, "") + url.search;
    throw redirect(`/login?next=${encodeURIComponent(back)}`);
  }
  if (roles && !roles.some((r) => user.roles.includes(r))) forbidden();
  return user;
}

export function hasRole(user: Pick<User, "roles"> | null | undefined, ...roles: Role[]): boolean {
  return !!user && roles.some((r) => user.roles.includes(r));
}

export type SignInResult =
  | { ok: true; headers: Headers; user: User }
  | { ok: false; error: string; status: number; retryAfterSeconds?: number };

/**
 * Checks a password behind the sign-in limits (`login-limit.server.ts`): the attempt is counted
 * before the password is looked at, so parallel requests cannot slip past the limit.
 */
export async function signIn(request: Request, username: string, password: string): Promise<SignInResult> {
  const attempt = await beginLoginAttempt(username, clientIp(request));
  if (!attempt.allowed) {
    const { retryAfterSeconds } = attempt;
    return { ok: false, error: loginLimitMessage(retryAfterSeconds), status: 429, retryAfterSeconds };
  }
  const handle = db();
  const checked = await checkCredentials(handle, username, password);
  if (!checked) return { ok: false, error: "Tên đăng nhập hoặc mật khẩu không đúng.", status: 401 };
  // Said only to someone who knows the password, so it reveals no username to a guesser.
  if (!("user" in checked)) return { ok: false, error: ACCOUNT_LOCKED_VI, status: 403 };
  const { user } = checked;
  await attempt.succeeded();
  const { token } = createSession(handle, user.id, SESSION_TTL_MS);
  const headers = new Headers();
  headers.append("Set-Cookie", cookie(request, token, SESSION_TTL_MS / 1000));
  return { ok: true, headers, user };
}

export function signOut(request: Request): Headers {
  const token = readToken(request);
  if (token) deleteSession(db(), token);
  const headers = new Headers();
  headers.append("Set-Cookie", cookie(request, "", 0));
  return headers;
}

/** Where a user lands after sign-in: printers have only the print library. */
export function homeFor(user: User): string {
  if (user.roles.length === 1 && user.roles[0] === "printer") return "/print";
  return "/";
}
