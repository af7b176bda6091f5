import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "../lib/auth.server";
import { userMessage } from "../lib/errors.server";
import { renderPreview } from "../lib/render.server";
import { pick, RENDER_KEYS, renderParamsSchema, toRenderInput } from "../lib/render-input.server";

// Resource route: GET /api/preview?template=…&format=…&text=… → PNG. The preflight report rides
// along in a header (base64url JSON, since headers are ASCII) so one request updates both.

const MAX_PX = { min: 200, max: 1600, default: 900 };

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["drafter", "office", "approver", "admin"]);
  const url = new URL(request.url);
  const parsed = renderParamsSchema.safeParse(pick(url.searchParams, RENDER_KEYS));
  if (!parsed.success) return Response.json({ error: "Tham số xem trước không hợp lệ." }, { status: 400 });
  const maxPx = Math.min(
    MAX_PX.max,
    Math.max(MAX_PX.min, Number(url.searchParams.get("maxPx")) || MAX_PX.default),
  );
  try {
    const p = await renderPreview(parsed.data.template, parsed.data.format, toRenderInput(parsed.data), {
      maxPx,
      // The editor aborts a preview once newer text is typed; a job still queued is then dropped.
      signal: request.signal,
    });
    return new Response(new Uint8Array(p.png), {
      headers: {
        "Content-Type": "image/png",
        "Cache-Control": "private, max-age=300",
        "X-Preview-Size": `${p.width}x${p.height}`,
        "X-Preflight": Buffer.from(JSON.stringify(p.preflight)).toString("base64url"),
      },
    });
  } catch (e) {
    // Nobody is waiting for an answer; 499 (client closed request) keeps such cancels out of errors.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    return Response.json({ error: userMessage(e) }, { status: 422 });
  }
}
