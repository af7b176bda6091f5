import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { z } from "zod";
import { requireUser } from "../lib/auth.server";
import { userMessage } from "../lib/errors.server";
import { resourceResponse } from "../lib/http.server";
import { isDomainError } from "../../domain/errors";
import { renderPreview } from "../lib/render.server";
import {
  pick,
  RENDER_KEYS,
  renderParamsRefusal,
  renderParamsSchema,
  resolveRenderInput,
  TOO_LONG_VI,
} from "../lib/render-input.server";
import { db } from "../lib/db.server";
import { appObjectStore } from "../lib/stores.server";

// Resource route: GET /api/preview?template=…&format=…&text=…[&as=svg|png][&maxPx=…] → the image.
// The same fields may be POSTed as a form: the editor does so when the text is long, because
// percent-encoded Vietnamese takes up to nine bytes a letter and a long URL is refused by the
// HTTP server itself (431) before the app can say anything.
// The preflight report rides along in a header (base64url JSON, since headers are ASCII) so one
// request updates both. The editor asks for SVG; PNG (the default) is what resvg makes of it.
// Every preview is drawn with the stored brand kit and, with `photo`, the library's photo.

const querySchema = z.object({
  as: z.enum(["png", "svg"]).default("png"),
  maxPx: z.coerce.number().int().min(200).max(1600).default(900),
});

const MAX_FORM_BYTES = 64 * 1024;

const PREVIEW_ROLES = ["drafter", "office", "approver", "admin"] as const;

export function loader({ request }: LoaderFunctionArgs) {
  const start = performance.now();
  return resourceResponse("json", () => {
    requireUser(request, PREVIEW_ROLES);
    return preview(request, new URL(request.url).searchParams, "private, max-age=300", start);
  });
}

export function action({ request }: ActionFunctionArgs) {
  const start = performance.now();
  return resourceResponse("json", async () => {
    requireUser(request, PREVIEW_ROLES);
    // The fields' own limits add up to well under this; a bigger body is not a preview.
    if (Number(request.headers.get("content-length") ?? 0) > MAX_FORM_BYTES) {
      return Response.json({ error: TOO_LONG_VI, code: "TOO_LONG" }, { status: 413 });
    }
    return preview(request, await request.formData(), "private, no-store", start);
  });
}

async function preview(
  request: Request,
  fields: URLSearchParams | FormData,
  cache: string,
  start: number,
): Promise<Response> {
  const parsed = renderParamsSchema.safeParse(pick(fields, RENDER_KEYS));
  const query = querySchema.safeParse(
    Object.fromEntries(
      ["as", "maxPx"].flatMap((k) => {
        const v = fields.get(k);
        return typeof v === "string" && v ? [[k, v]] : [];
      }),
    ),
  );
  if (!parsed.success || !query.success) {
    const fallback = "Tham số xem trước không hợp lệ.";
    const r = parsed.success ? null : renderParamsRefusal(parsed.error, fallback);
    return Response.json(
      { error: r?.messageVi ?? fallback, code: r?.code ?? "INVALID_PARAMS", field: r?.field ?? null },
      { status: 400 },
    );
  }
  try {
    const t0 = performance.now();
    const input = await resolveRenderInput(db(), appObjectStore, parsed.data);
    const p = await renderPreview(parsed.data.template, parsed.data.format, input, {
      maxPx: query.data.maxPx,
      as: query.data.as,
      // The editor aborts a preview once newer text is typed; a job still queued is then dropped.
      signal: request.signal,
    });
    const headers: Record<string, string> = {
      "Content-Type": p.contentType,
      "Cache-Control": cache,
      "X-Preview-Size": `${p.width}x${p.height}`,
      "X-Preflight": Buffer.from(JSON.stringify(p.preflight)).toString("base64url"),
      // For the editor benchmark's breakdown (scripts/bench/editor.ts): queue + render in the pool,
      // and all of this route (sign-in check and parsing too).
      "Server-Timing": `render;dur=${(performance.now() - t0).toFixed(1)}, route;dur=${(performance.now() - start).toFixed(1)}`,
    };
    // Opened on its own, an SVG is a document: it may draw, never run or fetch anything.
    if (p.contentType === "image/svg+xml") {
      headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    }
    const body = encode(request, p.image, p.contentType, headers);
    return new Response(new Uint8Array(body), { headers });
  } catch (e) {
    // Nobody is waiting for an answer; 499 (client closed request) keeps such cancels out of errors.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return Response.json(
      { error: userMessage(e), code: isDomainError(e) ? e.code : "RENDER_FAILED" },
      { status: 422 },
    );
  }
}

/** Whether the request's Accept-Encoding takes `coding` (a q of 0 refuses it). */
function accepts(request: Request, coding: string): boolean {
  return (request.headers.get("accept-encoding") ?? "").split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return name === coding && (!q || Number(q.slice(2)) > 0);
  });
}

/**
 * The SVG compressed here in one fast pass (brotli quality 1: ~0.5 ms for a banner's 30 KB, to
 * 11 KB) rather than by the server's compression middleware, which streams it through brotli
 * quality 4 and cost the preview ~5 ms more (decision 051). A PNG is compressed already.
 */
function encode(request: Request, image: Buffer, type: string, headers: Record<string, string>): Buffer {
  if (type !== "image/svg+xml") return image;
  headers.Vary = "Accept-Encoding";
  if (accepts(request, "br")) {
    headers["Content-Encoding"] = "br";
    return brotliCompressSync(image, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: image.length },
    });
  }
  if (accepts(request, "gzip")) {
    headers["Content-Encoding"] = "gzip";
    return gzipSync(image, { level: 1 });
  }
  return image;
}
