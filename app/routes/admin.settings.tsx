import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormOutcome } from "../components/FormOutcome";
import { adminSettingsView, saveAdminSettings } from "../lib/admin-settings.server";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import settingsCss from "../styles/settings.css?url";

export const meta: MetaFunction = () => [{ title: "Cài đặt — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: settingsCss }];

export function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return adminSettingsView(db());
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const r = saveAdminSettings(db(), admin, await request.formData());
  return "status" in r ? data(r, { status: r.status }) : r;
}

export default function AdminSettings() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  // Each form is keyed by what was saved, so after a save its fields show the stored (normalised)
  // values rather than what was typed.
  return (
    <div className="stack narrow settings">
      <h1>Cài đặt</h1>
      <FormOutcome ok={a?.ok} error={a?.error} />
      <Form
        method="post"
        className="card form"
        aria-labelledby="rem-h"
        key={d.steps.map((s) => s.days).join()}
      >
        <h2 id="rem-h">Nhắc việc quá hạn</h2>
        <p className="muted">
          Số ngày làm việc một ấn phẩm được chờ ở mỗi bước trước khi hệ thống nhắc người phải xử lý (từ{" "}
          {d.min} đến {d.max} ngày; không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ).
        </p>
        <input type="hidden" name="intent" value="reminders" />
        <div className="settings-days">
          {d.steps.map((s) => (
            <label key={s.step}>
              <span>{s.label}</span>
              <input
                type="number"
                name={s.step}
                min={d.min}
                max={d.max}
                step={1}
                required
                defaultValue={s.days}
                inputMode="numeric"
              />
            </label>
          ))}
        </div>
        <button type="submit" className="btn primary">
          Lưu số ngày nhắc việc
        </button>
      </Form>
      <Form method="post" className="card form" aria-labelledby="hol-h" key={d.holidays.join()}>
        <h2 id="hol-h">Ngày nghỉ lễ</h2>
        <input type="hidden" name="intent" value="holidays" />
        <label>
          Mỗi dòng một ngày, ghi theo dạng ngày/tháng/năm (ví dụ 02/09/2026)
          <textarea
            name="holidays"
            rows={8}
            defaultValue={d.holidays.join("\n")}
            spellCheck={false}
            inputMode="numeric"
          />
        </label>
        <button type="submit" className="btn primary">
          Lưu ngày nghỉ lễ
        </button>
      </Form>
      <Form
        method="post"
        className="card form"
        aria-labelledby="plan-h"
        key={`${d.plan.number}|${d.plan.issuedOn}`}
      >
        <h2 id="plan-h">Số và ngày ban hành Kế hoạch</h2>
        <p className="muted">{d.plan.title}</p>
        <input type="hidden" name="intent" value="plan" />
        <label>
          Số kế hoạch (ví dụ 125/KH-UBND; để trống nếu chưa có số)
          <input name="number" defaultValue={d.plan.number} autoCapitalize="characters" spellCheck={false} />
        </label>
        <label>
          Ngày ban hành (ngày/tháng/năm)
          <input
            name="issuedOn"
            defaultValue={d.plan.issuedOn}
            placeholder="dd/mm/yyyy"
            inputMode="numeric"
          />
        </label>
        <button type="submit" className="btn primary">
          Lưu số kế hoạch
        </button>
      </Form>
    </div>
  );
}
