import { isIP } from "node:net";
import { data } from "@remix-run/node";
import { settings } from "../../config/env.server";

/** Throws a 403 page response; the root error boundary turns it into a Vietnamese message. */
export function forbidden(message = "Bạn không có quyền truy cập trang này."): never {
  throw data({ message }, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Không tìm thấy trang hoặc dữ liệu yêu cầu."): never {
  throw data({ message }, { status: 404, statusText: "Not Found" });
}

export function badRequest(message = "Dữ liệu gửi lên không hợp lệ."): never {
  throw data({ message }, { status: 400, statusText: "Bad Request" });
}

const CROSS_ORIGIN_MESSAGE = "Yêu cầu bị từ chối: nguồn gửi không hợp lệ.";

/** What a page route with an action answers to; resource routes name their own. */
export const PAGE_METHODS = "GET, HEAD, POST";

/** 405 with the methods the route does take (the `Allow` header) and a Vietnamese message. */
export function methodNotAllowed(allow: string = PAGE_METHODS): never {
  throw data(
    { message: "Phương thức yêu cầu không được hỗ trợ ở địa chỉ này." },
    { status: 405, statusText: "Method Not Allowed", headers: { Allow: allow } },
  );
}

/** 415: every form of this app is sent as a form (urlencoded or multipart), never as JSON or text. */
export function unsupportedMediaType(): never {
  throw data(
    { message: "Dữ liệu phải được gửi bằng biểu mẫu (form); định dạng này không được hỗ trợ." },
    { status: 415, statusText: "Unsupported Media Type" },
  );
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The origin this server is reached at; PUBLIC_ORIGIN wins whenever it is set.
 *
 * - `publicOrigin()` — for anything written into a file or a link that outlives the request (the
 *   verify QR on a print file's slug line): PUBLIC_ORIGIN, or http://localhost:PORT on embedded
 *   defaults. Never the request: remix-serve builds the request URL from the Host header, which
 *   the client chooses.
 * - `publicOrigin(request)` — for same-origin checks of this very request: without PUBLIC_ORIGIN
 *   the request URL, so the app keeps working when reached by another name (127.0.0.1, a LAN address).
 */
export function publicOrigin(request?: Request): string {
  const s = settings();
  if (s.publicOrigin) return s.publicOrigin;
  return request ? new URL(request.url).origin : s.fileOrigin;
}

/**
 * The gate of every mutating request (requireUser and the signed-out actions call it first):
 *
 * - CSRF: a browser always sends Origin on POST (and on fetch), so a cross-site form or script is
 *   refused (403). A request with neither Origin nor a cross-site Sec-Fetch-Site is not a browser
 *   acting on someone's behalf, so it passes. (Remix's own Origin-vs-Host check answered a bare 500
 *   before this ran; entry.server leaves the refusal to this check.)
 * - Method: actions take POST only (405 with `Allow`); PUT, PATCH or DELETE would otherwise reach
 *   an action that reads a form and fail inside it.
 * - Body: a form, urlencoded or multipart (415 otherwise); `formData()` throws on anything else.
 */
export function assertSameOrigin(request: Request): void {
  const method = request.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return;
  assertOrigin(request);
  if (method !== "POST") methodNotAllowed();
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) unsupportedMediaType();
}

function assertOrigin(request: Request): void {
  const expected = publicOrigin(request);
  const origin = request.headers.get("origin");
  if (origin) {
    if (origin !== expected) forbidden(CROSS_ORIGIN_MESSAGE);
    return;
  }
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    forbidden(CROSS_ORIGIN_MESSAGE);
  }
  const referer = request.headers.get("referer");
  if (referer) {
    let refOrigin = "";
    try {
      refOrigin = new URL(referer).origin;
    } catch {
      // unparsable referer: treat as foreign
    }
    if (refOrigin !== expected) forbidden(CROSS_ORIGIN_MESSAGE);
  }
}

/** "1.2.3.4", "1.2.3.4:5678", "[::1]:5678" or "::1" → the bare address, or null when it is none. */
function bareAddress(entry: string): string | null {
  let s = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  return isIP(s) ? s : null;
}

/**
 * Client address for rate limits and download logs, or null when it is not known.
 *
 * `remix-serve` does not hand the socket address to Remix, so the address can only come from
 * `X-Forwarded-For`, and only when `TRUST_PROXY` says proxies put it there. Everything left of
 * the entries those proxies appended is whatever the client sent, so the address is the entry
 * the outermost trusted proxy appended — the N-th from the right — never the left-most, which a
 * client can rotate at will. Without `TRUST_PROXY` the header is ignored.
 */
export function clientIp(request: Request): string | null {
  const hops = settings().trustProxyHops;
  if (hops === 0) return null;
  const header = request.headers.get("x-forwarded-for");
  if (!header) return null;
  const entries = header.split(",");
  return bareAddress(entries[Math.max(0, entries.length - hops)]!);
}

/**
 * Headers every response of this app carries (pages, data requests and resource routes alike).
 * HSTS only when PUBLIC_ORIGIN is https — from configuration, never from the request: behind a
 * TLS-terminating proxy the request itself looks like http, and on the README's http://localhost
 * quick start a browser must not be told to insist on https.
 */
export function baseSecurityHeaders(headers: Headers): void {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (settings().publicOrigin?.startsWith("https:")) {
    headers.set("Strict-Transport-Security", "max-age=31536000");
  }
}

/**
 * Whether the request carries a session cookie (auth.server's `cd_session`): such answers are
 * somebody's own pages and must not be stored by the browser or any cache on the way.
 */
export function carriesSession(request: Request): boolean {
  return /(?:^|;)\s*cd_session=[^;\s]/.test(request.headers.get("cookie") ?? "");
}

/** What the refusal `data({ message }, { status })` of forbidden(), notFound()… carries. */
interface Refusal {
  type: "DataWithResponseInit";
  data: { message?: unknown } | null;
  init: ResponseInit | null;
}

function isRefusal(e: unknown): e is Refusal {
  return typeof e === "object" && e !== null && (e as { type?: unknown }).type === "DataWithResponseInit";
}

/**
 * Runs a resource route (images, files, api.*). Remix renders the refusals that page routes throw
 * (forbidden(), notFound(), the checks of assertSameOrigin) as its own "Unexpected Server Error"
 * when a resource route throws them; here they become a real answer with their status, headers
 * and Vietnamese message — text/plain, or `{ ok: false, error, code }` for the JSON API. Thrown
 * Responses (the sign-in redirect) pass as they are. Every answer gets the base security headers.
 */
export async function resourceResponse(
  body: "text" | "json",
  run: () => Response | Promise<Response>,
): Promise<Response> {
  let response: Response;
  try {
    response = await run();
  } catch (e) {
    if (e instanceof Response) response = e;
    else if (isRefusal(e)) response = refusalResponse(body, e);
    else throw e;
  }
  const headers = new Headers(response.headers);
  baseSecurityHeaders(headers);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

function refusalResponse(body: "text" | "json", refusal: Refusal): Response {
  const status = refusal.init?.status ?? 500;
  const message =
    typeof refusal.data?.message === "string" ? refusal.data.message : "Không xử lý được yêu cầu.";
  const headers = new Headers(refusal.init?.headers);
  headers.set("Cache-Control", "no-store");
  if (body === "json") {
    return Response.json({ ok: false, error: message, code: `HTTP_${status}` }, { status, headers });
  }
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new Response(message, { status, headers });
}

/** The answer of a resource route to a method it does not take: 405 with `Allow`. */
export function resourceMethodNotAllowed(body: "text" | "json", allow: string): Promise<Response> {
  return resourceResponse(body, () => methodNotAllowed(allow));
}
