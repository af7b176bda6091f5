import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { z } from "zod";
import { DEFAULT_PLAN_ID, listContentItems, listSlogans } from "../../storage/plan";
import { formatsFor, TEMPLATES } from "../../templates/catalog";
import { FORMATS, isPrintFormat } from "../../templates/formats";
import { MAX_SLOGAN_CHARS } from "../../templates/text/clean";
import { PreflightList, useLivePreview } from "../components/LivePreview";
import { requireUser } from "../lib/auth.server";
import { createAssetsWithFiles } from "../lib/create.server";
import { db } from "../lib/db.server";
import { userRefusal } from "../lib/errors.server";
import { PLACEMENT_LABELS_VI } from "../lib/format";
import { publicOrigin } from "../lib/http.server";
import { pick, RENDER_KEYS, renderParamsSchema, toRenderInput } from "../lib/render-input.server";

export const meta: MetaFunction = () => [{ title: "Tạo ấn phẩm — Cổ động" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["drafter"]);
  const handle = db();
  const items = listContentItems(handle);
  const slogans = listSlogans(handle);
  const url = new URL(request.url);
  return {
    items: items.map((i) => ({ id: i.id, code: i.code, title: i.title })),
    slogans: slogans.map((s) => ({ id: s.id, itemId: s.contentItemId, text: s.text, isTheme: s.isTheme })),
    // Each design with the formats it supports, so the browser offers only what the server accepts.
    templates: TEMPLATES.map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description,
      formats: formatsFor(t).map((f) => f.id),
    })),
    formats: FORMATS.map((f) => ({
      id: f.id,
      label: f.label,
      group: f.group,
      print: isPrintFormat(f),
    })),
    initialItem: url.searchParams.get("item") ?? "",
    maxChars: MAX_SLOGAN_CHARS,
    placements: Object.entries(PLACEMENT_LABELS_VI),
  };
}

const createSchema = z.object({
  item: z.string().max(100).optional(),
  sloganId: z.string().max(200).optional(),
  placement: z.enum(["", "road", "office", "village_hall", "crowded_place", "online"]).optional(),
  quantity: z.coerce.number().int().min(0).max(100000).optional(),
  intent: z.enum(["save", "submit"]),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["drafter"]);
  const form = await request.formData();
  const base = createSchema.safeParse(Object.fromEntries(form));
  const formats = form.getAll("formats").filter((f): f is string => typeof f === "string");
  const invalid = { error: "Dữ liệu gửi lên không hợp lệ.", issues: [] as string[] };
  if (!base.success) return data(invalid, { status: 400 });
  if (formats.length === 0 || formats.length > 12) {
    return data({ error: "Hãy chọn ít nhất một khổ (tối đa 12).", issues: [] }, { status: 400 });
  }
  const parsed = renderParamsSchema.safeParse({ ...pick(form, RENDER_KEYS), format: formats[0] });
  if (!parsed.success) return data(invalid, { status: 400 });
  const handle = db();
  const input = toRenderInput(parsed.data);
  let created: { assetId: string; code: string }[];
  try {
    // One asset per format, all or none (app/lib/create.server.ts): every format is checked and
    // rendered before the first is written, and the assets are written in one transaction.
    created = await createAssetsWithFiles(
      handle,
      user,
      {
        planId: DEFAULT_PLAN_ID,
        contentItemId: base.data.item || null,
        sloganId: base.data.sloganId || null,
        templateId: parsed.data.template,
        input,
        placement: base.data.placement || null,
        quantity: base.data.quantity || null,
        submit: base.data.intent === "submit",
      },
      formats,
      publicOrigin(),
    );
  } catch (e) {
    const r = userRefusal(e);
    return data({ error: r.error, issues: r.issues }, { status: 422 });
  }
  if (created.length === 1) throw redirect(`/asset/${created[0].assetId}?created=1`);
  throw redirect(`/?created=${created.length}#my-assets`);
}

export default function Editor() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";

  const [item, setItem] = useState(d.initialItem);
  const itemSlogans = d.slogans.filter((s) => s.itemId === (item || null) || (s.isTheme && !item));
  const themeSlogans = d.slogans.filter((s) => s.itemId === null);
  const [sloganId, setSloganId] = useState<string>(() => itemSlogans[0]?.id ?? "");
  const [text, setText] = useState<string>(() => itemSlogans[0]?.text ?? themeSlogans[0]?.text ?? "");
  const [subtitle, setSubtitle] = useState("");
  const [template, setTemplate] = useState(d.templates[0]?.id ?? "");
  const tpl = d.templates.find((t) => t.id === template);
  const allowed = d.formats.filter((f) => tpl?.formats.includes(f.id));
  const [formats, setFormats] = useState<string[]>(() => {
    const first = d.formats.find((f) => f.id === "bang-ron-1x7") ?? d.formats[0];
    return first ? [first.id] : [];
  });
  const chosen = formats.filter((f) => allowed.some((a) => a.id === f));
  const [previewFormat, setPreviewFormat] = useState<string>("");
  const shownFormat = chosen.includes(previewFormat) ? previewFormat : (chosen[0] ?? "");
  const [issuer, setIssuer] = useState("");
  const [hotline, setHotline] = useState("");
  const [qrUrl, setQrUrl] = useState("");
  const [bullets, setBullets] = useState("");
  const length = [...text.normalize("NFC")].length;

  const params = useMemo(() => {
    if (!shownFormat || !template || !text.trim()) return null;
    // SVG: the master itself, sharp on any screen and the cheapest to make while typing.
    const p: Record<string, string> = { template, format: shownFormat, text, as: "svg" };
    if (subtitle) p.subtitle = subtitle;
    if (issuer) p.issuer = issuer;
    if (hotline) p.hotline = hotline;
    if (qrUrl) p.qrUrl = qrUrl;
    if (bullets) p.bullets = bullets;
    return p;
  }, [shownFormat, template, text, subtitle, issuer, hotline, qrUrl, bullets]);
  const preview = useLivePreview(params);
  const shownLabel = d.formats.find((f) => f.id === shownFormat)?.label ?? "";

  const groups = [...new Set(allowed.map((f) => f.group))];
  const onItem = (id: string) => {
    setItem(id);
    const first = d.slogans.find((s) => s.itemId === (id || null));
    if (first) {
      setSloganId(first.id);
      setText(first.text);
    }
  };
  const onSlogan = (id: string) => {
    setSloganId(id);
    const s = d.slogans.find((x) => x.id === id);
    if (s) setText(s.text);
  };

  return (
    <div className="stack">
      <h1>Tạo ấn phẩm</h1>
      <div className="editor">
        <Form method="post" className="card form" aria-describedby="editor-help">
          <p id="editor-help" className="hint">
            Chọn nội dung, khẩu hiệu, mẫu thiết kế và một hoặc nhiều khổ. Mỗi khổ tạo thành một ấn phẩm riêng.
          </p>
          <label>
            Nội dung tuyên truyền
            <select name="item" value={item} onChange={(e) => onItem(e.target.value)}>
              <option value="">Chủ đề năm 2026 (không gắn mục cụ thể)</option>
              {d.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code}. {i.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            Khẩu hiệu có sẵn
            <select name="sloganId" value={sloganId} onChange={(e) => onSlogan(e.target.value)}>
              <option value="">— Tự nhập khẩu hiệu —</option>
              {(itemSlogans.length ? itemSlogans : themeSlogans).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.text}
                </option>
              ))}
            </select>
          </label>
          <label>
            Nội dung chữ trên ấn phẩm
            <textarea
              name="text"
              value={text}
              required
              rows={3}
              onChange={(e) => {
                setText(e.target.value);
                const s = d.slogans.find((x) => x.id === sloganId);
                if (s && s.text !== e.target.value.normalize("NFC").trim()) setSloganId("");
              }}
              aria-describedby="text-count"
            />
            <span id="text-count" className={length > d.maxChars ? "hint error" : "hint"}>
              {length}/{d.maxChars} ký tự. Xuống dòng để ngắt dòng theo ý muốn.
            </span>
          </label>
          <label>
            Dòng phụ (không bắt buộc)
            <input
              name="subtitle"
              value={subtitle}
              onChange={(e) => setSubtitle(e.target.value)}
              maxLength={200}
            />
          </label>
          <label>
            Mẫu thiết kế
            <select name="template" value={template} onChange={(e) => setTemplate(e.target.value)}>
              {d.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            {tpl && <span className="hint">{tpl.description}</span>}
          </label>
          <fieldset>
            <legend>Khổ, kích thước ({chosen.length} đã chọn)</legend>
            <div className="formats">
              {groups.map((g) => (
                <div key={g} className="contents">
                  <h4>{g}</h4>
                  {allowed
                    .filter((f) => f.group === g)
                    .map((f) => (
                      <label key={f.id} className="inline">
                        <input
                          type="checkbox"
                          name="formats"
                          value={f.id}
                          checked={formats.includes(f.id)}
                          onChange={(e) =>
                            setFormats((cur) =>
                              e.target.checked ? [...cur, f.id] : cur.filter((x) => x !== f.id),
                            )
                          }
                        />
                        {f.label}
                      </label>
                    ))}
                </div>
              ))}
            </div>
          </fieldset>
          <details>
            <summary>Tùy chọn thêm</summary>
            <div className="form">
              <label>
                Dòng cơ quan ban hành
                <input
                  name="issuer"
                  value={issuer}
                  onChange={(e) => setIssuer(e.target.value)}
                  placeholder="Ủy ban nhân dân xã Lạc Phượng"
                />
              </label>
              <label>
                Đường dây nóng
                <input name="hotline" value={hotline} onChange={(e) => setHotline(e.target.value)} />
              </label>
              <label>
                Địa chỉ cho mã QR
                <input
                  name="qrUrl"
                  type="url"
                  value={qrUrl}
                  onChange={(e) => setQrUrl(e.target.value)}
                  placeholder="https://dichvucong.gov.vn"
                />
              </label>
              <label>
                Ý chính cho áp phích (mỗi dòng một ý, tối đa 5)
                <textarea
                  name="bullets"
                  value={bullets}
                  onChange={(e) => setBullets(e.target.value)}
                  rows={3}
                />
              </label>
              <label>
                Vị trí treo/đặt
                <select name="placement" defaultValue="">
                  <option value="">— Chưa xác định —</option>
                  {d.placements.map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Số lượng cần in
                <input name="quantity" type="number" min={1} max={100000} inputMode="numeric" />
              </label>
            </div>
          </details>
          {actionData?.error && (
            <div className="error" role="alert" data-testid="create-error">
              <p>{actionData.error}</p>
              {actionData.issues.length > 0 && (
                <ul>
                  {actionData.issues.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <div className="row">
            <button
              type="submit"
              name="intent"
              value="submit"
              className="btn primary"
              disabled={busy || !chosen.length}
            >
              {busy
                ? "Đang tạo…"
                : `Tạo và gửi duyệt${chosen.length > 1 ? ` (${chosen.length} ấn phẩm)` : ""}`}
            </button>
            <button
              type="submit"
              name="intent"
              value="save"
              className="btn"
              disabled={busy || !chosen.length}
            >
              Lưu bản nháp
            </button>
          </div>
        </Form>

        <section className="preview-pane card" aria-labelledby="preview-h">
          <div className="row">
            <h2 id="preview-h">Xem trước</h2>
            {chosen.length > 1 && (
              <label className="inline">
                <span className="sr-only">Khổ đang xem trước</span>
                <select value={shownFormat} onChange={(e) => setPreviewFormat(e.target.value)}>
                  {chosen.map((id) => (
                    <option key={id} value={id}>
                      {d.formats.find((f) => f.id === id)?.label}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <div className="preview-box" aria-busy={preview.loading}>
            {preview.src ? (
              <img src={preview.src} alt={`Xem trước ${shownLabel}: ${text}`} data-testid="preview" />
            ) : (
              <span className="muted">
                {shownFormat ? "Đang tạo bản xem trước…" : "Chọn ít nhất một khổ."}
              </span>
            )}
          </div>
          <p className="preview-meta" aria-live="polite">
            {shownLabel}
            {preview.loading ? " · đang cập nhật…" : preview.ms != null ? ` · ${preview.ms} ms` : ""}
          </p>
          <PreflightList report={preview.preflight} error={preview.error} />
        </section>
      </div>
    </div>
  );
}
