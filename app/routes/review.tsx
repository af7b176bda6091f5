import { DECISION_LABELS_VI } from "../../domain/decisions";
import { REASON_CODES, REASON_LABELS_VI } from "../../domain/reasons";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { listAssets } from "../../storage/assets";
import { getFormat } from "../../templates/formats";
import { reviewQueuesFor } from "../../workflows/queues";
import { DecisionForm } from "../components/DecisionForms";
import { PreflightSummary } from "../components/PreflightSummary";
import { StateBadge } from "../components/StateBadge";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DECISION_DONE_VI, decide, decisionSchema } from "../lib/decide.server";
import { userMessage } from "../lib/errors.server";
import { formatDateTimeVi } from "../lib/format";

export const meta: MetaFunction = () => [{ title: "Hàng chờ duyệt — Cổ động" }];

function formatLabel(id: string): string {
  try {
    return getFormat(id).label;
  } catch {
    return id;
  }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, ["office", "approver"]);
  const handle = db();
  const queues = reviewQueuesFor(user.roles).map((q) => ({
    role: q.role,
    state: q.states[0],
    bulk: q.bulk,
    title: q.labelVi,
    items: listAssets(handle, { states: [...q.states] }).map((a) => ({
      id: a.id,
      code: a.code,
      title: a.title,
      state: a.state,
      itemCode: a.contentItemCode,
      format: formatLabel(a.formatId),
      versionId: a.currentVersionId,
      versionN: a.currentVersionN,
      versionHash: a.currentVersionHash ?? "",
      rowVersion: a.rowVersion,
      updatedAt: a.updatedAt,
      preflight: a.currentPreflight
        ? { errors: a.currentPreflight.errors, warnings: a.currentPreflight.warnings }
        : null,
    })),
  }));
  return { queues, reasons: REASON_CODES.map((c) => ({ code: c, label: REASON_LABELS_VI[c] })) };
}

const bulkSchema = z.object({
  decision: z.enum(["FORWARD", "APPROVE"]),
  confirmed: z.literal("1").optional(),
});

function parseTargets(values: FormDataEntryValue[]) {
  return values
    .filter((v): v is string => typeof v === "string")
    .map((v) => {
      const [assetId, versionHash, rowVersion, code] = v.split("|");
      return { assetId, versionHash, rowVersion, code: code ?? assetId };
    });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["office", "approver"]);
  const handle = db();
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "decide") {
    const parsed = decisionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success)
      return data({ kind: "error" as const, message: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
    try {
      const r = decide(handle, user, parsed.data);
      return { kind: "done" as const, message: `${r.code}: ${DECISION_DONE_VI[parsed.data.decision]}` };
    } catch (e) {
      return data({ kind: "error" as const, message: userMessage(e) }, { status: 409 });
    }
  }
  if (intent === "bulk") {
    const parsed = bulkSchema.safeParse(Object.fromEntries(form));
    const targets = parseTargets(form.getAll("target")).slice(0, 100);
    if (!parsed.success)
      return data({ kind: "error" as const, message: "Dữ liệu gửi lên không hợp lệ." }, { status: 400 });
    if (targets.length === 0)
      return data({ kind: "error" as const, message: "Chưa chọn ấn phẩm nào." }, { status: 400 });
    if (!parsed.data.confirmed) {
      // One confirmation for the whole batch, listing exactly what will be decided.
      return { kind: "confirm" as const, decision: parsed.data.decision, targets };
    }
    const results = targets.map((t) => {
      const d = decisionSchema.safeParse({ ...t, decision: parsed.data.decision });
      if (!d.success) return { code: t.code, ok: false, message: "Dữ liệu không hợp lệ." };
      try {
        decide(handle, user, d.data);
        return { code: t.code, ok: true, message: DECISION_DONE_VI[parsed.data.decision] };
      } catch (e) {
        return { code: t.code, ok: false, message: userMessage(e) };
      }
    });
    return { kind: "bulk" as const, results };
  }
  return data({ kind: "error" as const, message: "Thao tác không hợp lệ." }, { status: 400 });
}

export default function Review() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack">
      <h1>Hàng chờ duyệt</h1>
      {a?.kind === "done" && (
        <p className="notice" role="status">
          {a.message}
        </p>
      )}
      {a?.kind === "error" && (
        <p className="error" role="alert">
          {a.message}
        </p>
      )}
      {a?.kind === "bulk" && (
        <div className={a.results.every((r) => r.ok) ? "notice" : "warn"} role="status">
          <ul>
            {a.results.map((r) => (
              <li key={r.code}>
                {r.code}: {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {a?.kind === "confirm" && (
        <Form method="post" className="confirm" aria-labelledby="confirm-h">
          <h2 id="confirm-h">
            Xác nhận {DECISION_LABELS_VI[a.decision].toLowerCase()} {a.targets.length} ấn phẩm
          </h2>
          <ul>
            {a.targets.map((t) => (
              <li key={t.assetId}>{t.code}</li>
            ))}
          </ul>
          <input type="hidden" name="intent" value="bulk" />
          <input type="hidden" name="decision" value={a.decision} />
          <input type="hidden" name="confirmed" value="1" />
          {a.targets.map((t) => (
            <input
              key={t.assetId}
              type="hidden"
              name="target"
              value={`${t.assetId}|${t.versionHash}|${t.rowVersion}|${t.code}`}
            />
          ))}
          <div className="row">
            <button type="submit" className="btn ok" disabled={busy}>
              Xác nhận {DECISION_LABELS_VI[a.decision].toLowerCase()}
            </button>
            <Link to="/review" className="btn">
              Hủy
            </Link>
          </div>
        </Form>
      )}
      {d.queues.map((q) => (
        <section key={q.state} aria-labelledby={`q-${q.state}`}>
          <h2 id={`q-${q.state}`}>
            {q.title} ({q.items.length})
          </h2>
          {q.items.length === 0 ? (
            <p className="muted">Không có ấn phẩm nào đang chờ.</p>
          ) : (
            <>
              <Form method="post" id={`bulk-${q.state}`}>
                <input type="hidden" name="intent" value="bulk" />
                <input type="hidden" name="decision" value={q.bulk} />
              </Form>
              <ul className="queue">
                {q.items.map((it) => (
                  <li key={it.id} className="queue-item">
                    <div className="select">
                      <input
                        type="checkbox"
                        name="target"
                        form={`bulk-${q.state}`}
                        value={`${it.id}|${it.versionHash}|${it.rowVersion}|${it.code}`}
                        aria-label={`Chọn ${it.code}`}
                      />
                    </div>
                    {it.versionId ? (
                      <img
                        src={`/img/${it.versionId}/png`}
                        alt={`Ảnh thu nhỏ ${it.code}: ${it.title}`}
                        loading="lazy"
                      />
                    ) : (
                      <span />
                    )}
                    <div className="body">
                      <Link to={`/asset/${it.id}`}>
                        <strong>{it.code}</strong>
                      </Link>{" "}
                      <StateBadge state={it.state} />
                      <div>“{it.title}”</div>
                      <div className="muted">
                        {it.itemCode ? `Mục ${it.itemCode} · ` : ""}
                        {it.format} · phiên bản {it.versionN} · {formatDateTimeVi(it.updatedAt)}
                      </div>
                      <PreflightSummary report={it.preflight} />
                      <div className="queue-actions">
                        <DecisionForm
                          decision={q.bulk}
                          assetId={it.id}
                          versionHash={it.versionHash}
                          rowVersion={it.rowVersion}
                          reasons={d.reasons}
                        />
                        <DecisionForm
                          decision="RETURN"
                          assetId={it.id}
                          versionHash={it.versionHash}
                          rowVersion={it.rowVersion}
                          reasons={d.reasons}
                          compact
                        />
                        {q.role === "approver" && (
                          <DecisionForm
                            decision="REJECT"
                            assetId={it.id}
                            versionHash={it.versionHash}
                            rowVersion={it.rowVersion}
                            reasons={d.reasons}
                            compact
                          />
                        )}
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
              <div className="bulkbar">
                <button type="submit" form={`bulk-${q.state}`} className="btn ok" disabled={busy}>
                  {DECISION_LABELS_VI[q.bulk]} các ấn phẩm đã chọn
                </button>
                <span className="muted">Hệ thống sẽ hỏi xác nhận một lần cho cả nhóm.</span>
              </div>
            </>
          )}
        </section>
      ))}
    </div>
  );
}
