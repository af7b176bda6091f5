import { DECISION_LABELS_VI } from "../../domain/decisions";
import { REASON_CODES, REASON_LABELS_VI } from "../../domain/reasons";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { bulkConfirmation, reviewQueueItems, reviewQueuesFor, waitingCalendar } from "../../workflows/queues";
import { BulkConfirm } from "../components/BulkConfirm";
import { DecisionForm } from "../components/DecisionForms";
import { DueDate } from "../components/DueDate";
import { PreflightSummary } from "../components/PreflightSummary";
import { StateBadge } from "../components/StateBadge";
import { Thumbnail } from "../components/Thumbnail";
import { WaitingBadge } from "../components/WaitingBadge";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DECISION_DONE_VI, decide, decideBulk, decisionSchema } from "../lib/decide.server";
import { userMessage } from "../lib/errors.server";
import { formatDateTimeVi } from "../lib/format";
import queuesHref from "../styles/queues.css?url";

export const meta: MetaFunction = () => [{ title: "Hàng chờ duyệt — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: queuesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, ["office", "approver"]);
  const handle = db();
  const now = new Date();
  const calendar = waitingCalendar(handle);
  const queues = reviewQueuesFor(user.roles).map((q) => {
    const { items, total } = reviewQueueItems(handle, q, now, calendar);
    return { role: q.role, state: q.states[0], bulk: q.bulk, title: q.labelVi, items, total };
  });
  return { queues, reasons: REASON_CODES.map((c) => ({ code: c, label: REASON_LABELS_VI[c] })) };
}

/** Each checkbox carries "assetId|versionHash|rowVersion": the version and row the person saw. */
const targetSchema = z
  .string()
  .max(300)
  .transform((v) => v.split("|"))
  .pipe(
    z.tuple([z.string().min(1).max(100), z.string().regex(/^[0-9a-f]{64}$/), z.coerce.number().int().min(0)]),
  )
  .transform(([assetId, versionHash, rowVersion]) => ({ assetId, versionHash, rowVersion }));

const bulkSchema = z.object({
  decision: z.enum(["FORWARD", "APPROVE"]),
  confirmed: z.literal("1").optional(),
  target: z.array(targetSchema).max(100),
});

const invalid = (message = "Dữ liệu gửi lên không hợp lệ.", status = 400) =>
  data({ kind: "error" as const, message }, { status });

export async function action({ request }: ActionFunctionArgs) {
  const user = requireUser(request, ["office", "approver"]);
  const handle = db();
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "decide") {
    const parsed = decisionSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return invalid();
    try {
      const r = decide(handle, user, parsed.data);
      return { kind: "done" as const, message: `${r.code}: ${DECISION_DONE_VI[parsed.data.decision]}` };
    } catch (e) {
      return invalid(userMessage(e), 409);
    }
  }
  if (intent !== "bulk") return invalid("Thao tác không hợp lệ.");
  const parsed = bulkSchema.safeParse({
    decision: form.get("decision"),
    confirmed: form.get("confirmed") ?? undefined,
    target: form.getAll("target"),
  });
  if (!parsed.success) return invalid();
  const { decision, confirmed } = parsed.data;
  // The queue whose bulk decision this is, among the user's own: the session decides, not the form.
  const queue = reviewQueuesFor(user.roles).find((q) => q.bulk === decision);
  if (!queue) return invalid("Bạn không có quyền thực hiện thao tác này.", 403);
  const targets = [...new Map(parsed.data.target.map((t) => [t.assetId, t])).values()];
  if (targets.length === 0) return invalid("Chưa chọn ấn phẩm nào.");
  if (!confirmed) {
    // One confirmation for the whole batch, read from the database: nothing is applied yet.
    return { kind: "confirm" as const, decision, items: bulkConfirmation(handle, queue, targets) };
  }
  return { kind: "bulk" as const, decision, results: decideBulk(handle, user, decision, targets) };
}

type Queue = ReturnType<typeof useLoaderData<typeof loader>>["queues"][number];
type Reasons = ReturnType<typeof useLoaderData<typeof loader>>["reasons"];

function QueueItem({ q, it, reasons }: { q: Queue; it: Queue["items"][number]; reasons: Reasons }) {
  const w = it.waiting;
  const cls = ["queue-item", w.overdue ? "is-overdue" : "", w.overWaiting ? "is-waiting-long" : ""];
  const pin = { assetId: it.id, versionHash: it.versionHash, rowVersion: it.rowVersion, reasons };
  return (
    <li className={cls.filter(Boolean).join(" ")} data-asset={it.code}>
      <div className="select">
        <input
          type="checkbox"
          name="target"
          form={`bulk-${q.state}`}
          value={`${it.id}|${it.versionHash}|${it.rowVersion}`}
          aria-label={`Chọn ${it.code}`}
        />
      </div>
      <Thumbnail
        versionId={it.versionId}
        alt={`${it.code}: ${it.text ?? it.title}`}
        formatLabel={it.formatLabel}
      />
      <div className="body">
        <div className="queue-head">
          <Link to={`/asset/${it.id}`}>
            <strong>{it.code}</strong>
          </Link>
          <StateBadge state={it.state} />
        </div>
        <div className="queue-slogan">“{it.text ?? it.title}”</div>
        <div className="muted">
          {it.contentItemCode ? `Mục ${it.contentItemCode} · ` : ""}
          <span className="format-label">{it.formatLabel}</span> · phiên bản {it.versionN} · từ{" "}
          {formatDateTimeVi(it.stateSince)}
        </div>
        <div className="queue-time">
          <WaitingBadge
            waitedDays={w.waitedDays}
            thresholdDays={w.thresholdDays}
            overWaiting={w.overWaiting}
          />
          <DueDate dueOn={it.dueOn} overdue={w.overdue} />
        </div>
        <PreflightSummary report={it.preflight} />
        <div className="queue-actions">
          <DecisionForm decision={q.bulk} {...pin} />
          <DecisionForm decision="RETURN" {...pin} compact />
          {q.role === "approver" && <DecisionForm decision="REJECT" {...pin} compact />}
        </div>
      </div>
    </li>
  );
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
        <div
          className={a.results.every((r) => r.ok) ? "notice" : "warn"}
          role="status"
          data-testid="bulk-results"
        >
          <p>Kết quả {DECISION_LABELS_VI[a.decision].toLowerCase()} từng ấn phẩm:</p>
          <ul>
            {a.results.map((r) => (
              <li key={r.assetId} className={r.ok ? "ok" : "fail"}>
                <strong>{r.code}</strong>: {r.ok ? "✔" : "✖"} {r.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {a?.kind === "confirm" && <BulkConfirm decision={a.decision} items={a.items} busy={busy} />}
      {d.queues.map((q) => (
        <section key={q.state} aria-labelledby={`q-${q.state}`}>
          <h2 id={`q-${q.state}`}>
            {q.title} ({q.total})
          </h2>
          {q.items.length === 0 ? (
            <p className="muted">Không có ấn phẩm nào đang chờ.</p>
          ) : (
            <>
              <p className="muted small">Xếp theo thời gian chờ: ấn phẩm chờ lâu nhất ở trên cùng.</p>
              <Form method="post" id={`bulk-${q.state}`}>
                <input type="hidden" name="intent" value="bulk" />
                <input type="hidden" name="decision" value={q.bulk} />
              </Form>
              <ul className="queue">
                {q.items.map((it) => (
                  <QueueItem key={it.id} q={q} it={it} reasons={d.reasons} />
                ))}
              </ul>
              {q.total > q.items.length && (
                <p className="muted">
                  Đang hiện {q.items.length} trên {q.total} ấn phẩm chờ lâu nhất.
                </p>
              )}
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
