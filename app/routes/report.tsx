import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { periodVi } from "../../templates/documents/report-data";
import { FormOutcome } from "../components/FormOutcome";
import { ReportItemTable, ReportLists, ReportTaskTable } from "../components/report-tables";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTimeVi } from "../lib/format";
import { REPORT_ROLES, reportPageData } from "../lib/report.server";
import queuesCss from "../styles/queues.css?url";
import reportCss from "../styles/report.css?url";

// Báo cáo kết quả thực hiện (issue 13 §5): the plan's results against its targets, by content
// item and by task, over a period; the same as XLSX and DOCX for the city.

export const meta: MetaFunction = () => [{ title: "Báo cáo kết quả — Cổ động" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: queuesCss },
  { rel: "stylesheet", href: reportCss },
];

export function loader({ request }: LoaderFunctionArgs) {
  const user = requireUser(request, REPORT_ROLES);
  return { ...reportPageData(db(), new URL(request.url)), isAdmin: user.roles.includes("admin") };
}

export default function ReportPage() {
  const d = useLoaderData<typeof loader>();
  const r = d.report;
  const t = r?.itemTotals;
  return (
    <div className="stack">
      <section>
        <h1>Báo cáo kết quả thực hiện</h1>
        {r && (
          <p className="muted">
            {r.meta.planTitle} · Kỳ báo cáo: {periodVi(r.meta.period)} · số liệu lúc{" "}
            {formatDateTimeVi(r.meta.generatedAt)}
          </p>
        )}
      </section>

      <section className="card stack" aria-labelledby="rp-period-h">
        <h2 id="rp-period-h">Kỳ báo cáo</h2>
        <Form method="get" className="rp-filter">
          <label>
            Từ ngày
            <input name="from" defaultValue={d.fromText} placeholder="dd/mm/yyyy" inputMode="numeric" />
          </label>
          <label>
            Đến ngày
            <input name="to" defaultValue={d.toText} placeholder="dd/mm/yyyy" inputMode="numeric" />
          </label>
          <button type="submit" className="btn">
            Xem
          </button>
          {(d.fromText || d.toText) && (
            <Link to="/report" className="btn-link">
              Cả kế hoạch
            </Link>
          )}
        </Form>
        <FormOutcome error={d.error} />
        {r && (
          <div className="rp-downloads">
            <a className="btn primary" href={`/report.xlsx${d.query}`} download>
              Tải XLSX
            </a>
            <a className="btn primary" href={`/report.docx${d.query}`} download>
              Tải DOCX
            </a>
            {d.isAdmin && (
              <Link className="btn" to="/admin/targets">
                Đặt chỉ tiêu
              </Link>
            )}
          </div>
        )}
      </section>

      {r && t && (
        <>
          <section aria-labelledby="rp-sum-h">
            <h2 id="rp-sum-h">Tổng hợp</h2>
            <ul className="rp-totals" data-testid="report-totals">
              <li>
                <strong>{t.made}</strong> ấn phẩm đã tạo
              </li>
              <li>
                <strong>{t.approved}</strong> đã phê duyệt
              </li>
              <li>
                <strong>{t.published}</strong> đã phát hành
              </li>
              <li>
                <strong>{t.printedQty}</strong> bản đã in
              </li>
              <li>
                <strong>{t.deliveredQty}</strong> bản đã giao
              </li>
              <li>
                <strong>{t.installed}</strong> vị trí đã treo/đặt ({t.photos} ảnh)
              </li>
              <li>
                <strong>{t.posted}</strong> bài đã đăng
              </li>
              <li className={t.overdue ? "hot" : undefined}>
                <strong>{t.overdue}</strong> quá hạn
              </li>
            </ul>
          </section>
          <section aria-labelledby="rp-items-h">
            <h2 id="rp-items-h">Theo nội dung tuyên truyền</h2>
            <ReportItemTable report={r} />
          </section>
          <section aria-labelledby="rp-tasks-h">
            <h2 id="rp-tasks-h">Theo nhiệm vụ cụ thể</h2>
            <ReportTaskTable report={r} />
          </section>
          <ReportLists report={r} />
        </>
      )}
    </div>
  );
}
