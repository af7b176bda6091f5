import { ASSET_STATES, STATE_LABELS_VI } from "../../domain/states";
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listAssets } from "../../storage/assets";
import { getPlanSummary } from "../../storage/plan";
import { planReport } from "../../storage/report";
import { ItemTargetsProgress, RoadFacts } from "../components/report-progress";
import { StateBadge } from "../components/StateBadge";
import { homeFor, requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateVi, formatPlainDateVi } from "../lib/format";
import { notFound } from "../lib/http.server";
import { REPORT_ROLES } from "../lib/report.server";
import { pendingFor } from "../lib/work.server";
import { IN_PROGRESS_STATES, progressOf } from "../../workflows/progress";
import queuesHref from "../styles/queues.css?url";
import reportHref from "../styles/report.css?url";

export const meta: MetaFunction = () => [{ title: "Tổng quan — Cổ động" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: queuesHref },
  { rel: "stylesheet", href: reportHref },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request);
  if (homeFor(user) !== "/") throw redirect(homeFor(user));
  const handle = db();
  const summary = getPlanSummary(handle);
  if (!summary) notFound("Chưa có dữ liệu kế hoạch. Hãy chạy lệnh seed.");
  // The whole plan so far, against the admin's targets (overdue: the report day's rule).
  const report = planReport(handle, { planId: summary.plan.id });
  const byItem = new Map(report.perItem.map((r) => [r.contentItemId, r]));
  const byTask = new Map(report.perTask.map((r) => [r.number, r]));
  const tasks = summary.tasks.map((t) => ({ ...t, results: byTask.get(t.number)! }));
  const myAssets = user.roles.includes("drafter")
    ? listAssets(handle, { createdBy: user.id, limit: 20 }).map((a) => ({
        id: a.id,
        code: a.code,
        title: a.title,
        state: a.state,
        updatedAt: a.updatedAt,
      }))
    : [];
  return {
    plan: summary.plan,
    assetCounts: summary.assetCounts,
    items: summary.contentItems.map((c) => {
      const r = byItem.get(c.id)!;
      return {
        id: c.id,
        code: c.code,
        title: c.title,
        slogans: c.slogans.slice(0, 2).map((s) => s.text),
        sloganCount: c.slogans.length,
        inProgress: progressOf(c.assetCounts).inProgress,
        inProgressTitle: IN_PROGRESS_STATES.map((s) => `${STATE_LABELS_VI[s]}: ${c.assetCounts[s]}`).join(
          "\n",
        ),
        byState: ASSET_STATES.filter((s) => c.assetCounts[s] > 0).map((s) => ({
          state: s,
          n: c.assetCounts[s],
        })),
        targets: r.targets,
        done: { banners: r.byKind.banner.published, posters: r.byKind.poster.published, posts: r.posted },
        results: r,
        overdue: r.overdue,
      };
    }),
    themeSlogans: summary.themeSlogans.map((s) => s.text),
    tasks,
    pending: pendingFor(handle, user),
    myAssets,
    canDraft: user.roles.includes("drafter"),
    canReport: REPORT_ROLES.some((r) => user.roles.includes(r)),
    canSetTargets: user.roles.includes("admin"),
    states: ASSET_STATES.filter((s) => summary.assetCounts[s] > 0),
  };
}

export default function Dashboard() {
  const d = useLoaderData<typeof loader>();
  const total = Object.values(d.assetCounts).reduce((a, b) => a + b, 0);
  return (
    <div className="stack">
      <section>
        <h1>{d.plan.title}</h1>
        <p className="theme-line">
          Chủ đề năm 2026: <strong>“{d.plan.theme}”</strong>
        </p>
        <p className="muted">
          {d.plan.issuingUnit.name} · Kế hoạch {d.plan.numberLabel}
          {d.plan.issuedOn ? ` ngày ${formatPlainDateVi(d.plan.issuedOn)}` : ""}
        </p>
      </section>

      <section aria-labelledby="pending-h" className="card">
        <h2 id="pending-h">Việc chờ tôi</h2>
        {d.pending.length === 0 ? (
          <p className="muted">Không có việc nào đang chờ.</p>
        ) : (
          <ul className="pending">
            {d.pending.map((p) => (
              <li key={p.label}>
                <Link to={p.href}>
                  <strong className={p.count ? "count hot" : "count"}>{p.count}</strong> {p.label}
                </Link>
              </li>
            ))}
          </ul>
        )}
        <ul className="state-totals" aria-label="Số ấn phẩm theo trạng thái">
          {d.states.map((s) => (
            <li key={s}>
              <StateBadge state={s} /> {d.assetCounts[s]}
            </li>
          ))}
          <li className="muted">Tổng số ấn phẩm: {total}</li>
        </ul>
      </section>

      <section aria-labelledby="items-h">
        <h2 id="items-h">Nội dung tuyên truyền (mục II.1 của Kế hoạch)</h2>
        <p className="muted">
          Tiến độ đo theo chỉ tiêu: băng rôn, áp phích đã phát hành và bài đã đăng so với số cần có.{" "}
          {d.canReport && (
            <>
              <Link to="/report" data-testid="report-link">
                Xem báo cáo kết quả thực hiện
              </Link>
              {" · tải "}
              <a href="/report.xlsx" download data-testid="report-xlsx">
                XLSX
              </a>
              {" / "}
              <a href="/report.docx" download data-testid="report-docx">
                DOCX
              </a>
            </>
          )}
          {d.canSetTargets && (
            <>
              {" · "}
              <Link to="/admin/targets">Đặt chỉ tiêu</Link>
            </>
          )}
        </p>
        <div className="table-wrap">
          <table className="items">
            <thead>
              <tr>
                <th scope="col">Mục</th>
                <th scope="col">Nội dung và khẩu hiệu</th>
                <th scope="col">Đang xử lý</th>
                <th scope="col">Chỉ tiêu và tiến độ</th>
                <th scope="col">In, treo, đăng</th>
                <th scope="col">Quá hạn</th>
                <th scope="col">
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((c) => {
                return (
                  <tr key={c.id}>
                    <th scope="row" className="code">
                      {c.code}
                    </th>
                    <td>
                      <Link to={`/items/${c.id}`} className="item-title">
                        {c.title}
                      </Link>
                      <ul className="slogans-mini">
                        {c.slogans.map((s) => (
                          <li key={s}>“{s}”</li>
                        ))}
                        {c.sloganCount > c.slogans.length && (
                          <li className="muted">và {c.sloganCount - c.slogans.length} khẩu hiệu khác</li>
                        )}
                      </ul>
                      {c.byState.length > 0 && (
                        <ul className="state-mini" aria-label={`Số ấn phẩm mục ${c.code} theo trạng thái`}>
                          {c.byState.map((x) => (
                            <li key={x.state}>
                              {STATE_LABELS_VI[x.state]}: {x.n}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td className="num" title={c.inProgressTitle}>
                      {c.inProgress}
                    </td>
                    <td data-testid={`targets-${c.code}`}>
                      <ItemTargetsProgress targets={c.targets} done={c.done} />
                    </td>
                    <td>
                      <RoadFacts c={c.results} />
                    </td>
                    <td className="num" data-testid={`overdue-${c.code}`}>
                      <Link
                        to={`/assets?contentItemId=${encodeURIComponent(c.id)}&overdue=1`}
                        className={c.overdue > 0 ? "overdue-count hot" : "overdue-count muted"}
                        aria-label={`Mục ${c.code}: ${c.overdue} ấn phẩm quá hạn`}
                      >
                        {c.overdue}
                      </Link>
                    </td>
                    <td>
                      {d.canDraft && (
                        <Link className="btn small" to={`/editor?item=${encodeURIComponent(c.id)}`}>
                          Tạo ấn phẩm
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">Nhiệm vụ cụ thể</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">TT</th>
                <th scope="col">Nhiệm vụ</th>
                <th scope="col">Cơ quan chủ trì</th>
                <th scope="col">Cơ quan phối hợp</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Sản phẩm</th>
                <th scope="col">Kết quả</th>
              </tr>
            </thead>
            <tbody>
              {d.tasks.map((t) => (
                <tr key={t.number}>
                  <th scope="row">{t.number}</th>
                  <td>{t.title}</td>
                  <td>{t.lead.name}</td>
                  <td>{t.cooperatingText}</td>
                  <td>{t.dueDate ? formatPlainDateVi(t.dueDate) : t.timeText}</td>
                  <td>{t.product}</td>
                  <td data-testid={`task-${t.number}`}>
                    {t.results.made + t.results.approved + t.results.published === 0 ? (
                      <span className="muted">Chưa có ấn phẩm gắn nhiệm vụ</span>
                    ) : (
                      <ul className="rp-facts">
                        <li>Đã tạo {t.results.made}</li>
                        <li>Đã phê duyệt {t.results.approved}</li>
                        <li>Đã phát hành {t.results.published}</li>
                        {t.results.printedQty + t.results.installed + t.results.posted > 0 && (
                          <li>
                            In {t.results.printedQty} bản · treo {t.results.installed} · đăng{" "}
                            {t.results.posted}
                          </li>
                        )}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {d.myAssets.length > 0 && (
        <section aria-labelledby="my-h" id="my-assets">
          <h2 id="my-h">Ấn phẩm của tôi</h2>
          <ul className="asset-list">
            {d.myAssets.map((a) => (
              <li key={a.id}>
                <Link to={`/asset/${a.id}`}>{a.code}</Link> <StateBadge state={a.state} /> {a.title}{" "}
                <span className="muted">· cập nhật {formatDateVi(a.updatedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
