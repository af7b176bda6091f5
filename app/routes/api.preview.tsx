import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "../lib/auth.server";
import { userMessage } from "../lib/errors.server";
import { isRenderError, renderPreview } from "../lib/render.server";
import { pick, RENDER_KEYS, renderParamsSchema, toRenderInput } from "../lib/render-input.server";

// Resource route: GET /api/preview?template=…&format=…&text=…[&as=svg|png][&maxPx=…] → the image.
// The preflight report rides along in a header (base64url JSON, since headers are ASCII) so one
// request updates both. The editor asks for SVG; PNG (the default) is what resvg makes of it.

const querySchema = z.object({
  as: z.enum(["png", "svg"]).default("png"),
  maxPx: z.coerce.number().int().min(200).max(1600).default(900),
});

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["drafter", "office", "approver", "admin"]);
  const url = new URL(request.url);
  const parsed = renderParamsSchema.safeParse(pick(url.searchParams, RENDER_KEYS));
  const query = querySchema.safeParse(
    Object.fromEntries(
      ["as", "maxPx"].flatMap((k) => {
        const v = url.searchParams.get(k);
        return v ? [[k, v]] : [];
      }),
    ),
  );
  if (!parsed.success || !query.success) {
    return Response.json(
      { error: "Tham số xem trước không hợp lệ.", code: "INVALID_PARAMS" },
      { status: 400 },
    );
  }
  try {
    const p = await renderPreview(parsed.data.template, parsed.data.format, toRenderInput(parsed.data), {
      maxPx: query.data.maxPx,
      as: query.data.as,
      // The editor aborts a preview once newer text is typed; a job still queued is then dropped.
      signal: request.signal,
    });
    const headers: Record<string, string> = {
      "Content-Type": p.contentType,
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "X-Preview-Size": `${p.width}x${p.height}`,
      "X-Preflight": Buffer.from(JSON.stringify(p.preflight)).toString("base64url"),
    };
    // Opened on its own, an SVG is a document: it may draw, never run or fetch anything.
    if (p.contentType === "image/svg+xml") {
      headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    }
    return new Response(new Uint8Array(p.image), { headers });
  } catch (e) {
    // Nobody is waiting for an answer; 499 (client closed request) keeps such cancels out of errors.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return Response.json(
      { error: userMessage(e), code: isRenderError(e) ? e.code : "RENDER_FAILED" },
      { status: 422 },
    );
  }
}
