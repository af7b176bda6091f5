import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { type MouseEvent, useState } from "react";
import { z } from "zod";
import { addComment, getAsset, listComments, listVersions } from "../../storage/assets";
import { exportApprovalRecord } from "../../storage/audit";
import { getContentItem } from "../../storage/plan";
import { getTemplate } from "../../templates/catalog";
import { getFormat, isPrintFormat } from "../../templates/formats";
import { REASON_CODES, REASON_LABELS_VI } from "../../workflows/reasons";
import { DecisionForm } from "../components/DecisionForms";
import { PreflightSummary } from "../components/PreflightSummary";
import { StateBadge } from "../components/StateBadge";
import { availableDecisions, canEdit } from "../lib/asset-view.server";
import { requireUser } from "../lib/auth.server";
import { createVersionWithFiles } from "../lib/create.server";
import { db } from "../lib/db.server";
import { DECISION_DONE_VI, decide, decisionSchema } from "../lib/decide.server";
import { userRefusal } from "../lib/errors.server";
import { formatDateTimeVi, formatMm, PLACEMENT_LABELS_VI } from "../lib/format";
import { notFound, publicOrigin } from "../lib/http.server";
import { renderParamsSchema, toRenderInput } from "../lib/render-input.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.asset.code} — Cổ động` : "Ấn phẩm — Cổ động" },
];

const VIEW_ROLES = ["drafter", "office", "approver", "admin"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = requireUser(request, VIEW_ROLES);
  const handle = db();
  const asset = getAsset(handle, params.assetId ?? "");
  if (!asset) notFound("Không tìm thấy ấn phẩm.");
  const versions = listVersions(handle, asset.id);
  const current = versions.find((v) => v.id === asset.currentVersionId) ?? versions[versions.length - 1];
  let formatInfo: { label: string; size: string; print: boolean };
  try {
    const f = getFormat(asset.formatId);
    formatInfo = isPrintFormat(f)
      ? { label: f.label, size: `${formatMm(f.trimWidthMm)} × ${formatMm(f.trimHeightMm)}`, print: true }
      : { label: f.label, size: `${f.widthPx} × ${f.heightPx} px`, print: false };
  } catch {
    formatInfo = { label: asset.formatId, size: "", print: false };
  }
  let templateName = asset.templateId;
  try {
    templateName = getTemplate(asset.templateId).name;
  } catch {
    // template removed from the catalogue since: show its id
  }
  const item = asset.contentItemId ? getContentItem(handle, asset.contentItemId) : null;
  const record = exportApprovalRecord(handle, asset.id);
  return {
    asset: {
      id: asset.id,
      code: asset.code,
      title: asset.title,
      state: asset.state,
      rowVersion: asset.rowVersion,
      templateName,
      placement: asset.placement ? PLACEMENT_LABELS_VI[asset.placement] : null,
      quantity: asset.quantity,
    },
    item: item ? { id: item.id, code: item.code, title: item.title } : null,
    format: formatInfo,
    versions: versions.map((v) => ({
      id: v.id,
      n: v.n,
      text: v.text,
      subtitle: v.subtitle,
      options: v.options,
      contentHash: v.contentHash,
      verifyCode: v.verifyCode,
      createdAt: v.createdAt,
      hasPng: v.files.some((f) => f.kind === "png"),
      preflight: v.preflight ? { errors: v.preflight.errors, warnings: v.preflight.warnings } : null,
    })),
    currentId: current?.id ?? null,
    comments: listComments(handle, asset.id),
    history: (record?.rows ?? []).map((r) => ({
      id: r.id,
      at: r.at,
      who: r.who,
      roleLabel: r.roleLabel,
      actionLabel: r.actionLabel,
      toStateLabel: r.toStateLabel,
      reasonLabel: r.reasonLabel,
      reasonText: r.reasonText,
      comment: r.comment,
      versionN: r.versionN,
      versionHash: r.versionHash,
    })),
    decisions: availableDecisions(asset.state, user),
    canEdit: canEdit(asset.state, user),
    reasons: REASON_CODES.map((c) => ({ code: c, label: REASON_LABELS_VI[c] })),
  };
}

const commentSchema = z.object({
  body: z.string().min(1).max(2000),
  versionId: z.string().max(100).optional(),
  pinX: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  pinY: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

const editSchema = z.object({
  baseVersionHash: z.string().regex(/^[0-9a-f]{64}$/),
  text: z.string().max(1000),
  subtitle: z.string().max(400).optional(),
  comment: z.string().max(2000).optional(),
  submit: z.enum(["0", "1"]).optional(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = requireUser(request, VIEW_ROLES);
  const handle = db();
  const assetId = params.assetId ?? "";
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "decide") {
      const parsed = decisionSchema.safeParse({ ...form, assetId });
      if (!parsed.success)
        return data({ error: "Dữ liệu gửi lên không hợp lệ.", ok: null, issues: [] }, { status: 400 });
      decide(handle, user, parsed.data);
      return { ok: DECISION_DONE_VI[parsed.data.decision], error: null, issues: [] };
    }
    if (form.intent === "comment") {
      const parsed = commentSchema.safeParse(form);
      if (!parsed.success)
        return data({ error: "Ý kiến không hợp lệ.", ok: null, issues: [] }, { status: 400 });
      const { pinX, pinY } = parsed.data;
      addComment(handle, {
        assetId,
        versionId: parsed.data.versionId || null,
        authorId: user.id,
        body: parsed.data.body,
        pin: pinX !== undefined && pinY !== undefined ? { x: pinX, y: pinY } : null,
      });
      return { ok: "Đã ghi ý kiến.", error: null, issues: [] };
    }
    if (form.intent === "edit") {
      requireUser(request, ["drafter"]);
      const parsed = editSchema.safeParse(form);
      const asset = getAsset(handle, assetId);
      if (!parsed.success || !asset)
        return data({ error: "Dữ liệu gửi lên không hợp lệ.", ok: null, issues: [] }, { status: 400 });
      const prev = listVersions(handle, assetId).find((v) => v.id === asset.currentVersionId);
      const p = renderParamsSchema.parse({
        template: asset.templateId,
        format: asset.formatId,
        text: parsed.data.text,
        subtitle: parsed.data.subtitle,
      });
      const input = toRenderInput(p);
      input.options = { ...((prev?.options as object) ?? {}) };
      const v = await createVersionWithFiles(
        handle,
        user,
        {
          assetId,
          baseVersionHash: parsed.data.baseVersionHash,
          input,
          comment: parsed.data.comment,
          submit: parsed.data.submit === "1",
        },
        publicOrigin(),
      );
      return {
        ok: `Đã tạo phiên bản ${v.n}${parsed.data.submit === "1" ? " và gửi duyệt lại" : ""}.`,
        error: null,
        issues: [],
      };
    }
  } catch (e) {
    const r = userRefusal(e);
    return data({ error: r.error, ok: null, issues: r.issues }, { status: 409 });
  }
  return data({ error: "Thao tác không hợp lệ.", ok: null, issues: [] }, { status: 400 });
}

function PinBoard({
  src,
  alt,
  pins,
  pick,
  onPick,
}: {
  src: string;
  alt: string;
  pins: { n: number; x: number; y: number; title: string }[];
  pick: { x: number; y: number } | null;
  onPick?: (p: { x: number; y: number }) => void;
}) {
  const click = (e: MouseEvent<HTMLImageElement>) => {
    if (!onPick) return;
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const y = Math.min(1, Math.max(0, (e.clientY - r.top) / r.height));
    onPick({ x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
  };
  return (
    <div className={onPick ? "pinboard picking" : "pinboard"}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: pinning is a pointer shortcut; comments work without a pin */}
      <img src={src} alt={alt} onClick={click} />
      {pins.map((p) => (
        <span
          key={p.n}
          className="pin"
          style={{ left: `${p.x * 100}%`, top: `${p.y * 100}%` }}
          title={p.title}
        >
          {p.n}
        </span>
      ))}
      {pick && (
        <span
          className="pin new"
          style={{ left: `${pick.x * 100}%`, top: `${pick.y * 100}%` }}
          aria-hidden="true"
        >
          +
        </span>
      )}
    </div>
  );
}

export default function AssetPage() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const current = d.versions.find((v) => v.id === d.currentId) ?? d.versions[d.versions.length - 1];
  const byN = (n: string | null) => d.versions.find((v) => String(v.n) === n);
  const right = byN(params.get("b")) ?? current;
  const left = byN(params.get("a")) ?? d.versions.find((v) => v.n === (right?.n ?? 1) - 1) ?? null;
  const [pick, setPick] = useState<{ x: number; y: number } | null>(null);
  const pinned = d.comments
    .map((c, i) => ({ ...c, n: i + 1 }))
    .filter((c) => c.pin && (c.versionId === right?.id || !c.versionId));

  return (
    <div className="stack">
      <div className="asset-head">
        <h1>
          {d.asset.code}: {d.asset.title}
        </h1>
        <StateBadge state={d.asset.state} />
      </div>
      <p className="muted">
        {d.item ? (
          <>
            Mục {d.item.code}. {d.item.title} ·{" "}
          </>
        ) : (
          "Chủ đề năm 2026 · "
        )}
        {d.format.label} ({d.format.size}) · Mẫu “{d.asset.templateName}”
        {d.asset.placement ? ` · ${d.asset.placement}` : ""}
        {d.asset.quantity ? ` · Số lượng ${d.asset.quantity}` : ""}
      </p>
      {params.get("created") && !a && <p className="notice">Đã tạo ấn phẩm.</p>}
      {a?.ok && (
        <p className="notice" role="status">
          {a.ok}
        </p>
      )}
      {a?.error && (
        <div className="error" role="alert">
          <p>{a.error}</p>
          {a.issues.length > 0 && (
            <ul>
              {a.issues.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {current && <PreflightSummary report={current.preflight} open />}

      {current && (d.decisions.length > 0 || d.canEdit) && (
        <section className="card decisions" aria-labelledby="dec-h">
          <h2 id="dec-h">Xử lý phiên bản {current.n}</h2>
          <div className="row">
            {d.decisions.map((dec) => (
              <DecisionForm
                key={dec}
                decision={dec}
                assetId={d.asset.id}
                versionHash={current.contentHash}
                rowVersion={d.asset.rowVersion}
                reasons={d.reasons}
              />
            ))}
          </div>
          {d.canEdit && (
            <details>
              <summary>Sửa nội dung và tạo phiên bản mới</summary>
              <Form method="post" className="form">
                <input type="hidden" name="intent" value="edit" />
                <input type="hidden" name="baseVersionHash" value={current.contentHash} />
                <label>
                  Nội dung chữ
                  <textarea name="text" defaultValue={current.text} rows={3} required />
                </label>
                <label>
                  Dòng phụ
                  <input name="subtitle" defaultValue={current.subtitle ?? ""} />
                </label>
                <label>
                  Ghi chú thay đổi
                  <input name="comment" />
                </label>
                <label className="inline">
                  <input type="checkbox" name="submit" value="1" defaultChecked /> Gửi duyệt lại ngay
                </label>
                <button type="submit" className="btn primary" disabled={busy}>
                  Tạo phiên bản mới
                </button>
              </Form>
            </details>
          )}
        </section>
      )}

      <section aria-labelledby="cmp-h">
        <div className="row">
          <h2 id="cmp-h">Phiên bản</h2>
          {d.versions.length > 1 && (
            <Form method="get" className="row">
              <label className="inline">
                So sánh
                <select name="a" defaultValue={left?.n}>
                  {d.versions.map((v) => (
                    <option key={v.id} value={v.n}>
                      Phiên bản {v.n}
                    </option>
                  ))}
                </select>
              </label>
              <label className="inline">
                với
                <select name="b" defaultValue={right?.n}>
                  {d.versions.map((v) => (
                    <option key={v.id} value={v.n}>
                      Phiên bản {v.n}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="btn small">
                Xem
              </button>
            </Form>
          )}
        </div>
        <div className="compare">
          {left && left.id !== right?.id && (
            <figure>
              <img src={`/img/${left.id}/png`} alt={`Phiên bản ${left.n}: ${left.text}`} className="full" />
              <figcaption>
                Phiên bản {left.n} · {formatDateTimeVi(left.createdAt)}
                <br />“{left.text}”
                <PreflightSummary report={left.preflight} />
              </figcaption>
            </figure>
          )}
          {right && (
            <figure>
              <PinBoard
                src={`/img/${right.id}/png`}
                alt={`Phiên bản ${right.n}: ${right.text}`}
                pins={pinned.map((c) => ({ n: c.n, x: c.pin!.x, y: c.pin!.y, title: c.body }))}
                pick={pick}
                onPick={setPick}
              />
              <figcaption>
                Phiên bản {right.n}
                {right.id === d.currentId ? " (hiện hành)" : ""} · {formatDateTimeVi(right.createdAt)}
                <br />“{right.text}”
                <br />
                <span className="hash">SHA-256 file: {right.contentHash}</span>
                {right.id !== current?.id && <PreflightSummary report={right.preflight} />}
              </figcaption>
            </figure>
          )}
        </div>
      </section>

      <div className="grid2">
        <section className="card" aria-labelledby="cm-h">
          <h2 id="cm-h">Ý kiến</h2>
          {d.comments.length === 0 ? (
            <p className="muted">Chưa có ý kiến.</p>
          ) : (
            <ol className="comments">
              {d.comments.map((c, i) => (
                <li key={c.id}>
                  <strong>
                    {i + 1}. {c.authorName}
                  </strong>{" "}
                  <span className="muted">
                    {formatDateTimeVi(c.createdAt)}
                    {c.versionId
                      ? ` · phiên bản ${d.versions.find((v) => v.id === c.versionId)?.n ?? "?"}`
                      : ""}
                    {c.pin ? " · có ghim trên ảnh" : ""}
                  </span>
                  <p>{c.body}</p>
                </li>
              ))}
            </ol>
          )}
          <Form method="post" className="form" onSubmit={() => setPick(null)}>
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="versionId" value={right?.id ?? ""} />
            <input type="hidden" name="pinX" value={pick?.x ?? ""} />
            <input type="hidden" name="pinY" value={pick?.y ?? ""} />
            <label>
              Thêm ý kiến
              <textarea name="body" required maxLength={2000} rows={2} />
            </label>
            <p className="hint">
              {pick
                ? `Đã ghim tại ${Math.round(pick.x * 100)}% ngang, ${Math.round(pick.y * 100)}% dọc.`
                : "Bấm vào ảnh để ghim ý kiến vào một điểm (không bắt buộc)."}
            </p>
            <button type="submit" className="btn" disabled={busy}>
              Gửi ý kiến
            </button>
          </Form>
        </section>

        <section className="card" aria-labelledby="hist-h">
          <h2 id="hist-h">Lịch sử xử lý</h2>
          <ol className="history">
            {d.history.map((h) => (
              <li key={h.id}>
                <strong>{h.actionLabel}</strong> — {h.who ?? "Hệ thống"} ({h.roleLabel})
                <br />
                <span className="muted">
                  {formatDateTimeVi(h.at)}
                  {h.versionN ? ` · phiên bản ${h.versionN}` : ""}
                  {h.toStateLabel ? ` · → ${h.toStateLabel}` : ""}
                </span>
                {h.reasonLabel && (
                  <div>
                    Lý do: {h.reasonLabel}
                    {h.reasonText ? ` – ${h.reasonText}` : ""}
                  </div>
                )}
                {h.comment && <div>Ý kiến: {h.comment}</div>}
              </li>
            ))}
          </ol>
          <p>
            <Link to={`/verify/${d.versions.find((v) => v.id === d.currentId)?.verifyCode ?? ""}`}>
              Trang xác minh công khai của phiên bản hiện hành
            </Link>
          </p>
        </section>
      </div>
    </div>
  );
}
