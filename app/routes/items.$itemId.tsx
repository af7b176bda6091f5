import { SLOGAN_MAX_CHARS } from "../../domain/limits";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { listAssets } from "../../storage/assets";
import { createSlogan, getContentItem, listSlogans } from "../../storage/plan";
import { StateBadge } from "../components/StateBadge";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { STAFF_DOWNLOAD_ROLES } from "../lib/downloads.server";
import { isWorkflowError } from "../../domain/workflow-error";
import { userMessage } from "../lib/errors.server";
import { formatDateVi } from "../lib/format";
import { notFound } from "../lib/http.server";
import { updateSlogan } from "../lib/slogans.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `Mục ${d.item.code} — Cổ động` : "Nội dung — Cổ động" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, ["drafter", "office", "approver", "admin"]);
  const handle = db();
  const item = getContentItem(handle, params.itemId ?? "");
  if (!item) notFound("Không tìm thấy nội dung tuyên truyền.");
  return {
    item,
    slogans: listSlogans(handle, { contentItemId: item.id }),
    assets: listAssets(handle, { contentItemId: item.id }).map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      state: a.state,
      updatedAt: a.updatedAt,
      // The approved file's PNG (screen formats; a proof image for print formats).
      pngVersionId:
        (a.state === "approved" || a.state === "published") && a.currentVersionId ? a.currentVersionId : null,
    })),
    canWrite: user.roles.includes("drafter"),
    canDownload: STAFF_DOWNLOAD_ROLES.some((r) => user.roles.includes(r)),
    max: SLOGAN_MAX_CHARS,
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), text: z.string().max(1000) }),
  z.object({ intent: z.literal("edit"), id: z.string().min(1).max(200), text: z.string().max(1000) }),
]);

// The text goes to storage as typed: it is cleaned there by the renderer's own pipeline, which
// refuses (with a message naming the character and its position) exactly what a render would.
export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success)
    return data({ error: "Dữ liệu gửi lên không hợp lệ.", ok: null, warnings: [] }, { status: 400 });
  const handle = db();
  const item = getContentItem(handle, params.itemId ?? "");
  if (!item) {
    return data({ error: "Không tìm thấy nội dung tuyên truyền.", ok: null, warnings: [] }, { status: 404 });
  }
  try {
    if (parsed.data.intent === "add") {
      const s = createSlogan(handle, {
        contentItemId: item.id,
        text: parsed.data.text,
        userId: user.id,
      });
      return { ok: "Đã thêm khẩu hiệu.", error: null, warnings: s.notices.map((n) => n.messageVi) };
    }
    // Only a slogan of this item: an id from another item's page is refused as not found (404).
    const r = updateSlogan(handle, {
      id: parsed.data.id,
      text: parsed.data.text,
      userId: user.id,
      contentItemId: item.id,
    });
    return { ok: "Đã sửa khẩu hiệu.", error: null, warnings: r.notices.map((n) => n.messageVi) };
  } catch (e) {
    const status = isWorkflowError(e) && e.code === "NOT_FOUND" ? 404 : 400;
    return data({ error: userMessage(e), ok: null, warnings: [] }, { status });
  }
}

function SloganInput({
  name,
  defaultValue,
  max,
  label,
}: {
  name: string;
  defaultValue?: string;
  max: number;
  label: string;
}) {
  const [v, setV] = useState(defaultValue ?? "");
  const n = [...v.normalize("NFC").trim()].length;
  return (
    <label>
      {label}
      <textarea name={name} value={v} onChange={(e) => setV(e.target.value)} rows={2} required />
      <span className={n > max ? "hint error" : "hint"}>
        {n}/{max} ký tự
      </span>
    </label>
  );
}

export default function ItemPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const approved = d.assets.filter((x) => x.pngVersionId).length;
  return (
    <div className="stack narrow">
      <p>
        <Link to="/">← Tổng quan</Link>
      </p>
      <h1>
        Mục {d.item.code}. {d.item.title}
      </h1>
      <details>
        <summary>Nguyên văn trong Kế hoạch</summary>
        <p>{d.item.text}</p>
      </details>
      {a?.ok && (
        <p className="notice" role="status">
          {a.ok}
        </p>
      )}
      {a && a.warnings.length > 0 && (
        <ul className="warn preflight" aria-label="Cảnh báo về khẩu hiệu vừa lưu">
          {a.warnings.map((m) => (
            <li key={m} className="pf-warn">
              {m}
            </li>
          ))}
        </ul>
      )}
      {a?.error && (
        <p className="error" role="alert">
          {a.error}
        </p>
      )}
      <section className="card" aria-labelledby="sl-h">
        <h2 id="sl-h">Khẩu hiệu ({d.slogans.length})</h2>
        <ul className="asset-list">
          {d.slogans.map((s) => (
            <li key={s.id}>
              “{s.text}”{" "}
              <span className="muted">
                · {s.origin === "seed" ? "theo kế hoạch" : `thêm ngày ${formatDateVi(s.createdAt)}`}
              </span>
              {d.canWrite && (
                <>
                  {" "}
                  <Link className="btn small" to={`/editor?item=${encodeURIComponent(d.item.id)}`}>
                    Dùng để tạo ấn phẩm
                  </Link>
                  {s.origin === "user" && (
                    <details>
                      <summary>Sửa</summary>
                      <Form method="post" className="form">
                        <input type="hidden" name="intent" value="edit" />
                        <input type="hidden" name="id" value={s.id} />
                        <SloganInput name="text" defaultValue={s.text} max={d.max} label="Khẩu hiệu" />
                        <button type="submit" className="btn">
                          Lưu
                        </button>
                      </Form>
                    </details>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
        {d.canWrite && (
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="add" />
            <SloganInput name="text" max={d.max} label="Thêm khẩu hiệu mới" />
            <button type="submit" className="btn primary">
              Thêm khẩu hiệu
            </button>
          </Form>
        )}
      </section>
      <section aria-labelledby="as-h">
        <h2 id="as-h">Ấn phẩm của mục này ({d.assets.length})</h2>
        {d.canDownload && approved > 0 && (
          <p>
            <a
              className="btn"
              href={`/download/item/${encodeURIComponent(d.item.id)}`}
              download
              data-testid="download-all"
            >
              Tải tất cả ({approved} ấn phẩm đã duyệt, tệp ZIP)
            </a>
          </p>
        )}
        <ul className="asset-list">
          {d.assets.map((x) => (
            <li key={x.id}>
              <Link to={`/asset/${x.id}`}>{x.code}</Link> <StateBadge state={x.state} /> {x.title}
              {d.canDownload && x.pngVersionId && (
                <>
                  {" "}
                  <a className="btn small" href={`/download/${x.pngVersionId}`} download>
                    Tải ảnh PNG
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
