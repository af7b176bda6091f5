import { data } from "@remix-run/node";

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
 * The origin this server is reached at. PUBLIC_ORIGIN wins (behind a proxy the Host header may
 * be rewritten); otherwise the request URL, which remix-serve builds from the Host header.
 */
export function publicOrigin(request: Request): string {
  const configured = process.env.PUBLIC_ORIGIN?.trim();
  if (configured) return new URL(configured).origin;
  return new URL(request.url).origin;
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

/** Client address for rate limits and download logs; forwarded headers only when a proxy is trusted. */
export function clientIp(request: Request): string | null {
  if (process.env.TRUST_PROXY === "1") {
    const fwd = request.headers.get("x-forwarded-for");
    if (fwd) return fwd.split(",")[0]!.trim();
    const real = request.headers.get("x-real-ip");
    if (real) return real.trim();
  }
  return null;
}
