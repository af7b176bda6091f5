import { isIP } from "node:net";
import { data } from "@remix-run/node";
import { appEnv } from "./env.server";

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
  const env = appEnv();
  if (env.publicOrigin) return env.publicOrigin;
  return request ? new URL(request.url).origin : env.fileOrigin;
}

/**
 * CSRF defence for every mutating request: a browser always sends Origin on POST (and on
 * fetch), so a cross-site form or script is refused here. A request with neither Origin nor a
 * cross-site Sec-Fetch-Site is not a browser acting on someone's behalf, so it passes.
 */
export function assertSameOrigin(request: Request): void {
  const method = request.method.toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return;
  const expected = publicOrigin(request);
  const origin = request.headers.get("origin");
  if (origin) {
    if (origin !== expected) forbidden("Yêu cầu bị từ chối: nguồn gửi không hợp lệ.");
    return;
  }
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    forbidden("Yêu cầu bị từ chối: nguồn gửi không hợp lệ.");
  }
  const referer = request.headers.get("referer");
  if (referer) {
    let refOrigin = "";
    try {
      refOrigin = new URL(referer).origin;
    } catch {
      // unparsable referer: treat as foreign
    }
    if (refOrigin !== expected) forbidden("Yêu cầu bị từ chối: nguồn gửi không hợp lệ.");
  }
}

/**
 * How many reverse proxies in front of this server append to `X-Forwarded-For`: `TRUST_PROXY`
 * (unset or 0 = none, the header is ignored; 1 = one proxy such as nginx; N = a chain of N).
 */
export function trustedProxyHops(): number {
  const raw = process.env.TRUST_PROXY?.trim();
  if (!raw || !/^\d{1,2}$/.test(raw)) return 0;
  return Number(raw);
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
  const hops = trustedProxyHops();
  if (hops === 0) return null;
  const header = request.headers.get("x-forwarded-for");
  if (!header) return null;
  const entries = header.split(",");
  return bareAddress(entries[Math.max(0, entries.length - hops)]!);
}
