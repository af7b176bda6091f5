import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { listAssets } from "../../storage/assets";
import { createSlogan, getContentItem, listSlogans } from "../../storage/plan";
import { MAX_SLOGAN_CHARS } from "../../templates/text/normalize";
import { StateBadge } from "../components/StateBadge";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { userMessage } from "../lib/errors.server";
import { formatDateVi } from "../lib/format";
import { notFound } from "../lib/http.server";
import { cleanSlogan, updateSlogan } from "../lib/slogans.server";

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
    })),
    canWrite: user.roles.includes("drafter"),
    max: MAX_SLOGAN_CHARS,
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), text: z.string().max(1000) }),
  z.object({ intent: z.literal("edit"), id: z.string().min(1).max(200), text: z.string().max(1000) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Dữ liệu gửi lên không hợp lệ.", ok: null }, { status: 400 });
  const handle = db();
  const length = [...parsed.data.text.normalize("NFC").trim()].length;
  if (length === 0 || length > MAX_SLOGAN_CHARS) {
    return data(
      { error: `Khẩu hiệu phải có từ 1 đến ${MAX_SLOGAN_CHARS} ký tự (hiện có ${length}).`, ok: null },
      { status: 400 },
    );
  }
  try {
    if (parsed.data.intent === "add") {
      createSlogan(handle, {
        contentItemId: params.itemId ?? null,
        text: cleanSlogan(parsed.data.text),
        userId: user.id,
      });
      return { ok: "Đã thêm khẩu hiệu.", error: null };
    }
    updateSlogan(handle, { id: parsed.data.id, text: parsed.data.text, userId: user.id });
    return { ok: "Đã sửa khẩu hiệu.", error: null };
  } catch (e) {
    return data({ error: userMessage(e), ok: null }, { status: 400 });
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
        <ul className="asset-list">
          {d.assets.map((x) => (
            <li key={x.id}>
              <Link to={`/asset/${x.id}`}>{x.code}</Link> <StateBadge state={x.state} /> {x.title}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
