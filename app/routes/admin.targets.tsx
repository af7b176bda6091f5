import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { saveTargetsForm, targetsPageData } from "../lib/report.server";
import reportCss from "../styles/report.css?url";

// Chỉ tiêu (issue 13 §5): how many banners, posters and social posts the admin expects per content
// item, in one form; the dashboard and the report measure against them.

export const meta: MetaFunction = () => [{ title: "Chỉ tiêu — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportCss }];

export function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return targetsPageData(db());
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const r = saveTargetsForm(db(), admin, await request.formData());
  return "status" in r ? data(r, { status: r.status }) : r;
}

export default function AdminTargets() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="stack narrow">
      <h1>Chỉ tiêu theo nội dung tuyên truyền</h1>
      <p className="muted">
        Số băng rôn (cả cờ phướn, pano), áp phích và bài đăng trên mạng xã hội, Cổng TTĐT cần có cho mỗi nội
        dung của Kế hoạch. Để trống hoặc 0 nếu nội dung đó không đặt chỉ tiêu. Tổng quan và{" "}
        <Link to="/report">báo cáo kết quả</Link> đo tiến độ theo các chỉ tiêu này.
      </p>
      <FormOutcome ok={a?.ok} error={a?.error} />
      <Form
        method="post"
        className="card form"
        key={d.items.map((i) => `${i.banners}.${i.posters}.${i.socialPosts}`).join()}
      >
        <div className="table-wrap rp-wrap">
          <table className="rp-table rp-targets">
            <thead>
              <tr>
                <th scope="col">Mục</th>
                <th scope="col">Nội dung</th>
                <th scope="col">Băng rôn</th>
                <th scope="col">Áp phích</th>
                <th scope="col">Bài đăng</th>
              </tr>
            </thead>
            <tbody>
              {d.items.map((it) => (
                <tr key={it.id}>
                  <th scope="row" className="code">
                    {it.code}
                    <input type="hidden" name="item" value={it.id} />
                  </th>
                  <td className="rp-wide">{it.title}</td>
                  {(
                    [
                      ["banners", "Băng rôn", it.banners],
                      ["posters", "Áp phích", it.posters],
                      ["socialPosts", "Bài đăng", it.socialPosts],
                    ] as const
                  ).map(([name, label, value]) => (
                    <td key={name} data-label={label}>
                      <input
                        type="number"
                        name={name}
                        min={0}
                        max={d.max}
                        step={1}
                        defaultValue={value || ""}
                        placeholder="0"
                        inputMode="numeric"
                        aria-label={`${label}, mục ${it.code}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="submit" className="btn primary" disabled={busy}>
          Lưu chỉ tiêu
        </button>
      </Form>
    </div>
  );
}
