import { isRole, ROLE_LABELS_VI, ROLES } from "../../domain/roles";
import {
  type ActionFunctionArgs,
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listUnits } from "../../storage/plan";
import { createUser, getUserByUsername, listUsers, passwordProblem, setUserRoles } from "../../storage/users";
import { ACCOUNT_INTENTS, userAccountAction } from "../lib/admin-users.server";
import { type AuditCheckStatus, auditCheckStatus } from "../lib/audit-check.server";
import { requireUser } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { userMessage } from "../lib/errors.server";
import { formatDateTimeVi } from "../lib/format";
import settingsCss from "../styles/settings.css?url";

export const meta: MetaFunction = () => [{ title: "Người dùng — Cổ động" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: settingsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const handle = db();
  return {
    users: listUsers(handle).map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      jobTitle: u.jobTitle,
      unitName: u.unitName,
      active: u.active,
      roles: u.roles,
      email: u.email,
    })),
    selfId: admin.id,
    units: listUnits(handle).map((u) => ({ id: u.id, name: u.name })),
    roles: ROLES.map((r) => ({ code: r, label: ROLE_LABELS_VI[r] })),
    audit: auditCheckStatus(handle),
  };
}

const rolesSchema = z.array(z.enum(ROLES)).max(ROLES.length * 2);

/**
 * The roles ticked on the form, each one of the five a person can hold. Anything else ("system",
 * a typo, a file) refuses the whole form with a 400 naming it: dropping it quietly would save a
 * user with fewer roles than the administrator sent, and answer as if all was well.
 */
function roleList(form: FormData) {
  const sent = form.getAll("roles");
  const parsed = rolesSchema.safeParse(sent);
  if (parsed.success) return { roles: [...new Set(parsed.data)], error: null };
  const unknown = sent
    .map((r) => (typeof r === "string" ? r.slice(0, 40) : "(tệp)"))
    .filter((r) => !isRole(r));
  const valid = ROLES.map((r) => `${r} (${ROLE_LABELS_VI[r]})`).join(", ");
  return {
    roles: null,
    error: unknown.length
      ? `Vai trò không hợp lệ: ${unknown.map((r) => `“${r}”`).join(", ")}. Chỉ chọn trong: ${valid}. Chưa lưu thay đổi nào.`
      : "Danh sách vai trò gửi lên không hợp lệ. Chưa lưu thay đổi nào.",
  };
}

const createSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,32}$/),
  displayName: z.string().trim().min(2).max(100),
  jobTitle: z.string().trim().max(150).optional(),
  unitId: z.string().max(100).optional(),
  password: z.string().max(200),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = requireUser(request, ["admin"]);
  const handle = db();
  const form = await request.formData();
  const intent = form.get("intent");
  if ((ACCOUNT_INTENTS as readonly unknown[]).includes(intent)) {
    const r = await userAccountAction(admin, form);
    return "status" in r ? data({ ok: null, error: r.error }, { status: r.status }) : r;
  }
  if (intent === "create") {
    const parsed = createSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) {
      return data(
        {
          error:
            "Thông tin chưa hợp lệ: tên đăng nhập 3–32 ký tự (chữ thường không dấu, số, . _ -), họ tên từ 2 ký tự, mật khẩu từ 10 đến 200 ký tự.",
          ok: null,
        },
        { status: 400 },
      );
    }
    const weak = passwordProblem(parsed.data.password, parsed.data.username);
    if (weak) return data({ error: weak, ok: null }, { status: 400 });
    if (getUserByUsername(handle, parsed.data.username)) {
      return data({ error: "Tên đăng nhập đã tồn tại.", ok: null }, { status: 409 });
    }
    const { roles, error } = roleList(form);
    if (!roles) return data({ error, ok: null }, { status: 400 });
    if (roles.length === 0)
      return data({ error: "Hãy chọn ít nhất một vai trò.", ok: null }, { status: 400 });
    try {
      await createUser(handle, {
        username: parsed.data.username,
        displayName: parsed.data.displayName,
        jobTitle: parsed.data.jobTitle || null,
        unitId: parsed.data.unitId || null,
        password: parsed.data.password,
        roles,
      });
    } catch (e) {
      // A name with a control, bidi or zero-width character: the message names it and its position.
      return data({ error: userMessage(e), ok: null }, { status: 400 });
    }
    return { ok: `Đã tạo tài khoản ${parsed.data.username}.`, error: null };
  }
  if (intent === "roles") {
    const userId = String(form.get("userId") ?? "");
    const { roles, error } = roleList(form);
    if (!roles) return data({ error, ok: null }, { status: 400 });
    // An administrator cannot remove their own admin role: that would lock everyone out.
    if (userId === admin.id && !roles.includes("admin")) {
      return data({ error: "Không thể tự bỏ vai trò Quản trị của chính mình.", ok: null }, { status: 400 });
    }
    const target = listUsers(handle).find((u) => u.id === userId);
    if (!target) return data({ error: "Không tìm thấy người dùng.", ok: null }, { status: 404 });
    setUserRoles(handle, userId, roles);
    return { ok: `Đã cập nhật vai trò của ${target.username}.`, error: null };
  }
  return data({ error: "Thao tác không hợp lệ.", ok: null }, { status: 400 });
}

/** The last audit-chain check (decision 061): intact with its row count, or where it breaks. */
function AuditStatus({ s }: { s: AuditCheckStatus }) {
  const at = `kiểm lúc ${formatDateTimeVi(s.checkedAt)}`;
  if (s.ok) {
    return (
      <p className="notice" role="status" data-audit="ok">
        Nhật ký kiểm toán: nguyên vẹn ({s.count} bản ghi, {at})
      </p>
    );
  }
  const unchecked = s.code === "key_missing" || s.code === "error";
  const row =
    s.firstBadId == null
      ? ""
      : ` từ bản ghi #${s.firstBadId}${s.actionLabel ? ` (${s.actionLabel}${s.assetCode ? `, ${s.assetCode}` : ""})` : ""}`;
  return (
    <div className="error" role="alert" data-audit="broken">
      <p>
        <strong>Nhật ký kiểm toán: {unchecked ? "KHÔNG KIỂM TRA ĐƯỢC" : `BỊ SỬA ĐỔI${row}`}</strong>
      </p>
      <p>
        Lý do: {s.reasonVi} ({at}). Chi tiết: <code>npm run cli -- audit verify</code>
      </p>
    </div>
  );
}

type UserRow = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

/** E-mail, new password and lock/unlock of one person, folded away under their name. */
function UserAccount({ u, self }: { u: UserRow; self: boolean }) {
  return (
    <details className="user-admin">
      <summary>Tài khoản{u.email ? ` · ${u.email}` : " · chưa có thư điện tử"}</summary>
      <Form method="post" aria-label={`Thư điện tử của ${u.username}`}>
        <input type="hidden" name="intent" value="email" />
        <input type="hidden" name="userId" value={u.id} />
        <label>
          Thư điện tử
          <input
            name="email"
            type="text"
            inputMode="email"
            autoCapitalize="none"
            spellCheck={false}
            defaultValue={u.email ?? ""}
          />
        </label>
        <button type="submit" className="btn small">
          Lưu địa chỉ
        </button>
      </Form>
      <Form method="post" aria-label={`Đặt mật khẩu mới cho ${u.username}`}>
        <input type="hidden" name="intent" value="password" />
        <input type="hidden" name="userId" value={u.id} />
        <label>
          Mật khẩu mới
          <input
            name="password"
            type="password"
            required
            minLength={10}
            maxLength={200}
            autoComplete="new-password"
          />
        </label>
        <button type="submit" className="btn small">
          Đặt mật khẩu mới
        </button>
      </Form>
      {!self && (
        <Form method="post" aria-label={`Khóa hoặc mở khóa ${u.username}`}>
          <input type="hidden" name="intent" value="active" />
          <input type="hidden" name="userId" value={u.id} />
          <input type="hidden" name="active" value={u.active ? "0" : "1"} />
          <button type="submit" className="btn small">
            {u.active ? "Khóa tài khoản" : "Mở khóa tài khoản"}
          </button>
        </Form>
      )}
    </details>
  );
}

export default function AdminUsers() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return (
    <div className="stack">
      <h1>Người dùng và vai trò</h1>
      <AuditStatus s={d.audit} />
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
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Tài khoản</th>
              <th scope="col">Họ tên, chức vụ</th>
              <th scope="col">Đơn vị</th>
              <th scope="col">Vai trò</th>
            </tr>
          </thead>
          <tbody>
            {d.users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  {u.username}
                  {!u.active && <span className="badge">đã khóa</span>}
                </th>
                <td>
                  {u.displayName}
                  <br />
                  <span className="muted">{u.jobTitle}</span>
                  <UserAccount u={u} self={u.id === d.selfId} />
                </td>
                <td>{u.unitName}</td>
                <td>
                  <Form method="post" className="row" aria-label={`Vai trò của ${u.username}`}>
                    <input type="hidden" name="intent" value="roles" />
                    <input type="hidden" name="userId" value={u.id} />
                    {d.roles.map((r) => (
                      <label key={r.code} className="inline">
                        <input
                          type="checkbox"
                          name="roles"
                          value={r.code}
                          defaultChecked={u.roles.includes(r.code)}
                        />
                        {r.label}
                      </label>
                    ))}
                    <button type="submit" className="btn small">
                      Lưu vai trò
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card form narrow" aria-labelledby="new-h">
        <h2 id="new-h">Tạo tài khoản mới</h2>
        <input type="hidden" name="intent" value="create" />
        <label>
          Tên đăng nhập
          <input
            name="username"
            required
            pattern="[a-z0-9._\-]{3,32}"
            autoCapitalize="none"
            spellCheck={false}
          />
        </label>
        <label>
          Họ và tên
          <input name="displayName" required />
        </label>
        <label>
          Chức vụ
          <input name="jobTitle" />
        </label>
        <label>
          Đơn vị
          <select name="unitId" defaultValue="">
            <option value="">— Không —</option>
            {d.units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mật khẩu ban đầu (từ 10 ký tự, không chứa tên đăng nhập, không phải mật khẩu phổ biến)
          <input
            name="password"
            type="password"
            required
            minLength={10}
            maxLength={200}
            autoComplete="new-password"
          />
        </label>
        <fieldset>
          <legend>Vai trò</legend>
          {d.roles.map((r) => (
            <label key={r.code} className="inline">
              <input type="checkbox" name="roles" value={r.code} />
              {r.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn primary">
          Tạo tài khoản
        </button>
      </Form>
    </div>
  );
}
