import { type ActionFunctionArgs, data } from "@remix-run/node";
import { z } from "zod";
import { DEFAULT_PLAN_ID, listSlogans } from "../../storage/plan";
import { requireUser } from "../lib/auth.server";
import { createAssetWithFiles } from "../lib/create.server";
import { db } from "../lib/db.server";
import { userMessage } from "../lib/errors.server";
import { publicOrigin } from "../lib/http.server";

// One draft per request, so the bulk page can show real progress and a slow render never
// holds one long request open.

const schema = z.object({
  item: z.string().min(1).max(100),
  format: z.string().min(1).max(64),
  template: z.string().min(1).max(64),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false, error: "Dữ liệu không hợp lệ." }, { status: 400 });
  const handle = db();
  const slogan =
    listSlogans(handle, { contentItemId: parsed.data.item })[0] ??
    listSlogans(handle, { contentItemId: null })[0];
  if (!slogan) return data({ ok: false, error: "Mục này chưa có khẩu hiệu." }, { status: 400 });
  try {
    const c = await createAssetWithFiles(
      handle,
      user,
      {
        planId: DEFAULT_PLAN_ID,
        contentItemId: parsed.data.item,
        sloganId: slogan.id,
        templateId: parsed.data.template,
        formatId: parsed.data.format,
        input: { text: slogan.text, options: {} },
        submit: false,
      },
      publicOrigin(),
    );
    return { ok: true, code: c.code, assetId: c.assetId, error: null };
  } catch (e) {
    return data({ ok: false, error: userMessage(e) }, { status: 422 });
  }
}
