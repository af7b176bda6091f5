import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { FormOutcome } from "../components/FormOutcome";
import {
  adminBrandView,
  type LogoChoice,
  type PaletteRow,
  readBrandForm,
  saveBrandForm,
} from "../lib/admin-brand.server";
import { CMYK_CHANNELS } from "../lib/brand-form";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import brandCss from "../styles/brand.css?url";
import settingsCss from "../styles/settings.css?url";

// /admin/brand: the commune's brand kit (decision 039). Admin only; the sample under the form is
// drawn by /api/preview with the kit as stored, so it shows what the next render will be.

export const meta: MetaFunction = () => [{ title: "Bộ nhận diện — Cổ động" }];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: settingsCss },
  { rel: "stylesheet", href: brandCss },
];

export function loader({ request }: LoaderFunctionArgs) {
  requireUser(request, ["admin"]);
  return adminBrandView(db());
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const handle = db();
  const form = await readBrandForm(request, handle, admin);
  if (!("fields" in form)) return data(form, { status: form.status });
  const r = saveBrandForm(handle, admin, form.fields, form.logoMediaId);
  return "status" in r ? data(r, { status: r.status }) : r;
}

const CHANNEL_LABELS = { c: "C", m: "M", y: "Y", k: "K" } as const;

/** The message of the problem on `name`, wired to the input by id. */
function useProblems(problems: { field: string; messageVi: string }[] | undefined) {
  const byField = new Map<string, string>();
  for (const p of problems ?? []) if (!byField.has(p.field)) byField.set(p.field, p.messageVi);
  return (name: string) => {
    const message = byField.get(name);
    const id = `err-${name.replace(/\W/g, "-")}`;
    return {
      input: message ? { "aria-invalid": true as const, "aria-describedby": id } : {},
      message: message ? (
        <span className="field-error" id={id} key={id}>
          {message}
        </span>
      ) : null,
    };
  };
}

type ProblemOf = ReturnType<typeof useProblems>;

function TextField(props: {
  name: string;
  label: string;
  hint?: string;
  value: string;
  max?: number;
  problem: ProblemOf;
  type?: "text" | "url";
  required?: boolean;
}) {
  const p = props.problem(props.name);
  return (
    <label>
      <span>{props.label}</span>
      {props.hint && <span className="hint">{props.hint}</span>}
      <input
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.value}
        maxLength={props.max ? props.max + 20 : undefined}
        required={props.required}
        spellCheck={props.type !== "url"}
        inputMode={props.type === "url" ? "url" : undefined}
        {...p.input}
      />
      {p.message}
    </label>
  );
}

/** One palette slot: its name, the colour (picker and hex kept in step) and its inks in percent. */
function ColorSlot({ row, problem }: { row: PaletteRow; problem: ProblemOf }) {
  const [hex, setHex] = useState(row.rgb);
  const valid = /^#[0-9a-fA-F]{6}$/.test(hex.trim());
  const name = problem(`${row.key}.name`);
  const rgb = problem(`${row.key}.rgb`);
  return (
    <fieldset className="brand-color" data-slot={row.key}>
      <legend>
        <span className="brand-chip" style={{ background: valid ? hex.trim() : "transparent" }} aria-hidden />
        {row.name}
      </legend>
      <label>
        <span>Tên màu</span>
        <input name={`${row.key}.name`} defaultValue={row.name} {...name.input} />
        {name.message}
      </label>
      <div className="brand-rgb">
        <label>
          <span>Mã màu</span>
          <input
            name={`${row.key}.rgb`}
            value={hex}
            onChange={(e) => setHex(e.target.value)}
            spellCheck={false}
            autoCapitalize="none"
            pattern="#[0-9a-fA-F]{6}"
            {...rgb.input}
          />
        </label>
        <label>
          <span className="sr-only">Chọn màu {row.name}</span>
          <input
            type="color"
            value={valid ? hex.trim().toLowerCase() : row.rgb}
            onChange={(e) => setHex(e.target.value)}
          />
        </label>
      </div>
      {rgb.message}
      <fieldset className="brand-cmyk">
        <legend className="sr-only">Giá trị CMYK của màu {row.name} (%)</legend>
        {CMYK_CHANNELS.map((c, i) => {
          const f = problem(`${row.key}.${c}`);
          return (
            <label key={c}>
              <span>{CHANNEL_LABELS[c]} %</span>
              <input
                name={`${row.key}.${c}`}
                defaultValue={String(row.cmykPercent[i]).replace(".", ",")}
                inputMode="decimal"
                {...f.input}
              />
            </label>
          );
        })}
      </fieldset>
      {CMYK_CHANNELS.map((c) => problem(`${row.key}.${c}`).message)}
    </fieldset>
  );
}

function LogoPicker({
  logos,
  current,
  problem,
}: {
  logos: LogoChoice[];
  current: string;
  problem: ProblemOf;
}) {
  const p = problem("logo");
  return (
    <fieldset className="brand-logos">
      <legend>Logo</legend>
      <p className="hint">
        Chọn logo trong thư viện ảnh hoặc tải logo mới (SVG, hoặc PNG rộng ít nhất 500 điểm ảnh). Logo in trên
        các mẫu có chỗ cho logo, như phông sân khấu.
      </p>
      <div className="brand-logo-list">
        <label className="inline brand-logo">
          <input type="radio" name="logo" value="" defaultChecked={current === ""} />
          <span className="brand-logo-none">Không dùng logo</span>
        </label>
        {logos.map((l) => (
          <label key={l.id} className="inline brand-logo">
            <input type="radio" name="logo" value={l.id} defaultChecked={current === l.id} />
            <img src={`/media/${l.id}/thumb`} alt="" width={56} height={56} loading="lazy" />
            <span>
              {l.caption || "Logo chưa đặt tên"}
              <span className="hint">
                {" "}
                {l.type} · {l.width} × {l.height}
                {l.retired ? " · đã ẩn khỏi thư viện" : ""}
              </span>
            </span>
          </label>
        ))}
      </div>
      <label>
        <span>Hoặc tải logo mới</span>
        <input type="file" name="logoFile" accept=".svg,.png,image/svg+xml,image/png" {...p.input} />
      </label>
      {p.message}
    </fieldset>
  );
}

export default function AdminBrand() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const nav = useNavigation();
  const problem = useProblems(a?.problems);
  const v = d.values;
  const warnings = a?.ok ? a.warnings : d.warnings;
  return (
    <div className="stack narrow settings brand-admin">
      <h1>Bộ nhận diện</h1>
      <p className="muted">
        Tên cơ quan, các dòng thông tin, bảng màu và logo mà mọi mẫu thiết kế dùng. Thay đổi chỉ áp dụng cho
        ấn phẩm và phiên bản tạo từ nay; phiên bản đã tạo giữ nguyên file đã duyệt.
      </p>
      <FormOutcome ok={a?.ok} error={a?.error} />
      {a?.problems && a.problems.length > 1 && (
        <ul className="error" aria-label="Các mục cần sửa">
          {a.problems.map((p) => (
            <li key={`${p.field}|${p.messageVi}`}>{p.messageVi}</li>
          ))}
        </ul>
      )}
      {warnings.length > 0 && (
        <div className="warn" role="status" data-testid="brand-warnings">
          <p>Lưu ý:</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.messageVi}>{w.messageVi}</li>
            ))}
          </ul>
        </div>
      )}
      <Form method="post" encType="multipart/form-data" className="card form" key={d.samples[0]?.src}>
        <fieldset>
          <legend>Cơ quan ban hành</legend>
          <div className="form">
            <TextField
              name="issuerAbove"
              label="Cơ quan cấp trên (không bắt buộc)"
              hint="Dòng nhỏ phía trên, ví dụ “Ủy ban nhân dân thành phố Hải Phòng”."
              value={v.issuerAbove}
              max={d.limits.issuerLine}
              problem={problem}
            />
            <TextField
              name="issuer"
              label="Tên cơ quan ban hành"
              value={v.issuer}
              max={d.limits.issuerLine}
              problem={problem}
              required
            />
            <TextField
              name="shortName"
              label="Tên ngắn"
              hint="Dùng trong tên file và thông tin của file in."
              value={v.shortName}
              max={d.limits.shortName}
              problem={problem}
              required
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>Thông tin in trên ấn phẩm</legend>
          <div className="form">
            <TextField
              name="hotline"
              label="Dòng đường dây nóng"
              value={v.hotline}
              max={d.limits.hotline}
              problem={problem}
              required
            />
            <TextField
              name="portalUrl"
              label="Cổng thông tin điện tử"
              value={v.portalUrl}
              type="url"
              problem={problem}
              required
            />
            <TextField
              name="publicServiceUrl"
              label="Dịch vụ công trực tuyến"
              hint="Mã QR trên ấn phẩm dẫn tới địa chỉ này."
              value={v.publicServiceUrl}
              type="url"
              problem={problem}
              required
            />
            <TextField
              name="theme"
              label="Chủ đề năm"
              value={v.theme}
              max={d.limits.theme}
              problem={problem}
              required
            />
            <label className="brand-year">
              <span>Năm</span>
              <input
                name="year"
                defaultValue={v.year}
                inputMode="numeric"
                required
                {...problem("year").input}
              />
              {problem("year").message}
            </label>
          </div>
        </fieldset>
        <fieldset className="brand-palette">
          <legend>Bảng màu</legend>
          <p className="hint">
            Các ô màu cố định mà mẫu thiết kế dùng. Mã màu là màu trên màn hình; CMYK là lượng mực trong file
            in (0–100 %).
          </p>
          {v.palette.map((row) => (
            <ColorSlot key={row.key} row={row} problem={problem} />
          ))}
        </fieldset>
        <LogoPicker logos={d.logos} current={v.logo} problem={problem} />
        <button type="submit" className="btn primary" disabled={nav.state === "submitting"}>
          Lưu bộ nhận diện
        </button>
      </Form>
      <section className="card brand-sample" aria-labelledby="sample-h">
        <h2 id="sample-h">Mẫu thử với bộ nhận diện đã lưu</h2>
        {d.samples.map((s) => (
          <img key={s.src} src={s.src} alt={s.alt} width={1200} height={630} />
        ))}
      </section>
    </div>
  );
}
