import { randomBytes } from "node:crypto";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { startAuditCheckOnce } from "./lib/audit-check.server";
import { installProcessGuard } from "./lib/errors.server";
import { NonceContext } from "./lib/nonce";
import { objectLinkOrigins } from "./lib/object-origin.server";
import { startPublisherOnce } from "./lib/publisher.server";
import { startRenderPool } from "../templates/render/pool.server";

// Before anything else starts: an error nobody caught is logged and the server keeps serving.
installProcessGuard();

// Render workers start with the server and parse fonts before the first preview is asked for.
startRenderPool();

// Approved files waiting from before a restart are uploaded now, not when a request first comes.
startPublisherOnce();

// The audit chain is checked now and every hour; a break is logged and shown to admins.
startAuditCheckOnce();

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

// The download form posts here and is redirected to the object store's link (an S3 presigned URL
// on another origin in production): `form-action` covers that redirect. From configuration only.
let formActionSources: string | undefined;
function formAction(): string {
  formActionSources ??= ["'self'", ...objectLinkOrigins(process.env)].join(" ");
  return formActionSources;
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // Comment pins and progress bars are positioned with style attributes only.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formAction()}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(headers: Headers, nonce?: string): void {
  if (nonce) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

export function handleDataRequest(response: Response): Response {
  securityHeaders(response.headers);
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  const bot = isbot(request.headers.get("user-agent") || "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders, nonce);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged on the server only; the error boundary shows a plain Vietnamese message.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
