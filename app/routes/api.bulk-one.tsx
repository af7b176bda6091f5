import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { DEFAULT_PLAN_ID, listSlogans } from "../../storage/plan";
import { isObjectStoreError } from "../../storage/objects/index.server";
import { isWorkflowError, type WorkflowErrorCode } from "../../domain/workflow-error";
import { requireUser } from "../lib/auth.server";
import { createAssetWithFiles } from "../lib/create.server";
import { db } from "../lib/db.server";
import { userMessage } from "../lib/errors.server";
import { publicOrigin, resourceMethodNotAllowed, resourceResponse } from "../lib/http.server";
import {
  choiceOptions,
  renderChoicesSchema,
  renderParamsRefusal,
  withStoredParts,
} from "../lib/render-input.server";
import { appObjectStore } from "../lib/stores.server";

// One draft per request, so the bulk page can show real progress and a slow render never
// holds one long request open. The design's choices (palette, align, font) and a photo (photo,
// focus) may ride along, named as the editor names them; the brand kit is the stored one. Answers `{ ok, code, assetId, error }` as JSON: 200 with ok:true,
// or a 4xx (5xx when the object store is down) with ok:false and a Vietnamese error.

const schema = z
  .object({
    item: z.string().min(1).max(100),
    format: z.string().min(1).max(64),
    template: z.string().min(1).max(64),
  })
  .merge(renderChoicesSchema);

const WORKFLOW_STATUS: Partial<Record<WorkflowErrorCode, number>> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  SEPARATION_OF_DUTIES: 403,
  STALE_VERSION: 409,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
};

function refused(error: string, status: number): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store" } });
}

export function action({ request }: ActionFunctionArgs) {
  if (request.method.toUpperCase() !== "POST") return resourceMethodNotAllowed("json", "POST");
  return resourceResponse("json", () => createOne(request));
}

export function loader() {
  return resourceMethodNotAllowed("json", "POST");
}

async function createOne(request: Request): Promise<Response> {
  const user = requireUser(request, ["drafter"]);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return refused(renderParamsRefusal(parsed.error, "Dữ liệu không hợp lệ.").messageVi, 400);
  const handle = db();
  const slogan =
    listSlogans(handle, { contentItemId: parsed.data.item })[0] ??
    listSlogans(handle, { contentItemId: null })[0];
  if (!slogan) return refused("Mục này chưa có khẩu hiệu.", 422);
  try {
    const input = await withStoredParts(
      handle,
      appObjectStore,
      { text: slogan.text, options: choiceOptions(parsed.data) },
      parsed.data,
    );
    const c = await createAssetWithFiles(
      handle,
      user,
      {
        planId: DEFAULT_PLAN_ID,
        contentItemId: parsed.data.item,
        sloganId: slogan.id,
        templateId: parsed.data.template,
        formatId: parsed.data.format,
        input,
        submit: false,
      },
      publicOrigin(),
    );
    return Response.json(
      { ok: true, code: c.code, assetId: c.assetId, error: null },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (e) {
    const status = isObjectStoreError(e) ? 503 : isWorkflowError(e) ? (WORKFLOW_STATUS[e.code] ?? 422) : 422;
    return refused(userMessage(e), status);
  }
}
