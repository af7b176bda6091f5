import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { announceSettings, settings } from "../config/env.server";
import { startAuditCheckOnce } from "./lib/audit-check.server";
import { installProcessGuard } from "./lib/errors.server";
import { baseSecurityHeaders, carriesSession, PAGE_METHODS } from "./lib/http.server";
import { NonceContext } from "./lib/nonce";
import { objectLinkOrigins } from "./lib/object-origin.server";
import { startNotifierOnce } from "./lib/notifier.server";
import { startPublisherOnce } from "./lib/publisher.server";
import { startAppRenderPool } from "./lib/render.server";

// Before anything else starts: an error nobody caught is logged and the server keeps serving.
installProcessGuard();

// remix-serve imports the server build (and so this module) when it starts: the environment is
// parsed now, so a bad value stops the start, and a default worth knowing is logged once.
announceSettings();

// Render workers start with the server and parse fonts before the first preview is asked for.
startAppRenderPool();

// Approved files waiting from before a restart are uploaded now, not when a request first comes.
startPublisherOnce();

// Inbox entries, e-mails and reminders for whoever an asset now waits for.
startNotifierOnce();

// The audit chain is checked now and every hour; a break is logged and shown to admins.
startAuditCheckOnce();

const ABORT_DELAY = 5_000;

export const streamTimeout = ABORT_DELAY;

// The download form posts here and is redirected to the object store's link (an S3 presigned URL
// on another origin in production): `form-action` covers that redirect. From configuration only.
let formActionSources: string | undefined;
function formAction(): string {
  formActionSources ??= ["'self'", ...objectLinkOrigins(settings().objectStore)].join(" ");
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

/**
 * Remix 2 compares `Origin` with `Host` before running any action and, on a mismatch, throws a plain
 * Error that it answers with an empty 500 — before any code of ours runs, so a cross-origin form
 * post read as a server fault (issue 11 A12). Every action here starts with `assertSameOrigin`
 * (through requireUser, or directly when signed out), which checks Origin against the configured
 * public origin, also covers Sec-Fetch-Site and Referer, and answers 403 with a Vietnamese page.
 * So Remix's check is turned off here and the refusal is left to ours; a route without an action
 * gets the router's 405. The function is looked up on the module's exports at each call, so
 * replacing it takes effect for the request handler remix-serve builds. test/app/http-methods
 * fails if a Remix upgrade moves it (a cross-origin post would answer 500 again).
 */
function leaveOriginCheckToApp(): void {
  const require = createRequire(import.meta.url);
  const actions = require("@remix-run/server-runtime/dist/actions.js") as {
    throwIfPotentialCSRFAttack?: (headers: Headers) => void;
  };
  if (typeof actions.throwIfPotentialCSRFAttack !== "function") {
    console.warn("[entry.server] Remix's Origin check was not found: cross-origin posts may answer 500");
    return;
  }
  actions.throwIfPotentialCSRFAttack = () => {};
}
leaveOriginCheckToApp();

export function securityHeaders(headers: Headers, nonce?: string): void {
  if (nonce) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  baseSecurityHeaders(headers);
}

/**
 * A signed-in user's pages and data are theirs alone: neither the browser's cache (back button
 * after sign-out on a shared office computer) nor any cache on the way may keep them. Also for
 * an answer that sets a cookie (sign-in, sign-out).
 */
function privateAnswer(request: Request, headers: Headers): void {
  if (carriesSession(request) || headers.has("Set-Cookie")) headers.set("Cache-Control", "private, no-store");
}

export function handleDataRequest(response: Response, { request }: { request: Request }): Response {
  securityHeaders(response.headers);
  privateAnswer(request, response.headers);
  // 405: a POST reached a route without an action; any other method, a route whose action takes POST.
  if (response.status === 405 && !response.headers.has("Allow")) {
    response.headers.set("Allow", request.method.toUpperCase() === "POST" ? "GET, HEAD" : PAGE_METHODS);
  }
  return response;
}

/** The methods the matched page takes, for the `Allow` of a 405. */
function allowedMethods(remixContext: EntryContext): string {
  const leaf = remixContext.staticHandlerContext.matches.at(-1);
  const module = leaf
    ? (remixContext.routeModules[leaf.route.id] as { action?: unknown } | undefined)
    : undefined;
  return typeof module?.action === "function" ? PAGE_METHODS : "GET, HEAD";
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
          privateAnswer(request, responseHeaders);
          if (responseStatusCode === 405) responseHeaders.set("Allow", allowedMethods(remixContext));
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
  // A refusal (403, 404, 405, 415…) is an answer, not a fault of the server: not logged as one.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
