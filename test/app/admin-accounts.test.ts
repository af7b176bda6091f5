import { describe, expect, it } from "vitest";
import { action as accountAction } from "../../app/routes/account";
import { action as adminAction } from "../../app/routes/admin.users";
import { action as loginAction } from "../../app/routes/login";
import { loader as inboxLoader } from "../../app/routes/inbox";
import {
  ACCOUNT_LOCKED_VI,
  checkCredentials,
  createSession,
  getUser,
  verifyCredentials,
} from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// The admin's account actions (issue 12 §6): locking ends the person's sessions at once, a reset
// password works and follows the policy, a bad address is refused in Vietnamese; and a person's
// own password change.

const t = seededAppDbPerTest();
const DEMO_PASSWORD = "CoDong@2026";

type Outcome = { status: number; body: { ok: string | null; error: string | null } };

async function post(
  action: typeof adminAction | typeof accountAction,
  path: string,
  token: string,
  fields: Record<string, string>,
): Promise<Outcome> {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: `cd_session=${token}` },
  });
  const r = (await action({ request, params: {}, context: {} })) as {
    type?: string;
    data?: unknown;
    init?: { status?: number };
  };
  const wrapped = r.type === "DataWithResponseInit";
  return { status: wrapped ? (r.init?.status ?? 200) : 200, body: (wrapped ? r.data : r) as Outcome["body"] };
}

const asAdmin = (fields: Record<string, string>) =>
  post(adminAction, "/admin/users", createSession(t.handle, USERS.admin).token, fields);

/** The sign-in form's answer for a username and password: its status and message. */
async function signInAs(username: string, password: string): Promise<{ status: number; error: string }> {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ username, password }),
    headers: { origin: "http://localhost", "x-forwarded-for": "198.51.100.9" },
  });
  const r = (await loginAction({ request, params: {}, context: {} })) as {
    data: { error: string };
    init: { status: number };
  };
  return { status: r.init.status, error: r.data.error };
}

/** What a page request with `token` gets: "ok", or where it is redirected. */
async function visit(token: string): Promise<string> {
  const request = new Request("http://localhost/inbox", { headers: { cookie: `cd_session=${token}` } });
  try {
    inboxLoader({ request, params: {}, context: {} });
    return "ok";
  } catch (e) {
    if (e instanceof Response) return e.headers.get("location") ?? String(e.status);
    throw e;
  }
}

describe("admin: lock and unlock", () => {
  it("locking ends the person's sessions at once; the old cookie is sent to the sign-in page", async () => {
    const { token } = createSession(t.handle, USERS.drafter);
    expect(await visit(token)).toBe("ok");
    const res = await asAdmin({ intent: "active", userId: USERS.drafter, active: "0" });
    expect(res.status).toBe(200);
    expect(res.body.ok).toContain("Đã khóa tài khoản soanthao");
    expect(await visit(token)).toBe("/login?next=%2Finbox");
    const left = t.handle.conn
      .prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?")
      .get(USERS.drafter) as { n: number };
    expect(left.n).toBe(0);
    // The right password now says the account is locked; a wrong one says nothing more.
    expect(await checkCredentials(t.handle, "soanthao", DEMO_PASSWORD)).toEqual({ locked: true });
    expect(await checkCredentials(t.handle, "soanthao", "sai-mat-khau-roi")).toBeNull();
    expect(ACCOUNT_LOCKED_VI).toContain("đã bị khóa");
    expect(await verifyCredentials(t.handle, "soanthao", DEMO_PASSWORD)).toBeNull();

    // At the sign-in form: the right password hears "locked" (403), a wrong one the usual 401.
    expect(await signInAs("soanthao", DEMO_PASSWORD)).toEqual({ status: 403, error: ACCOUNT_LOCKED_VI });
    expect(await signInAs("soanthao", "sai-mat-khau-roi")).toEqual({
      status: 401,
      error: "Tên đăng nhập hoặc mật khẩu không đúng.",
    });

    const back = await asAdmin({ intent: "active", userId: USERS.drafter, active: "1" });
    expect(back.body.ok).toContain("Đã mở khóa");
    expect(await verifyCredentials(t.handle, "soanthao", DEMO_PASSWORD)).not.toBeNull();
  });

  it("an admin cannot lock their own account", async () => {
    const res = await asAdmin({ intent: "active", userId: USERS.admin, active: "0" });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe("Không thể tự khóa tài khoản của chính mình.");
    expect(getUser(t.handle, USERS.admin)?.active).toBe(true);
  });

  it("a non-admin posting the form is refused", async () => {
    const request = new Request("http://localhost/admin/users", {
      method: "POST",
      body: new URLSearchParams({ intent: "active", userId: USERS.office, active: "0" }),
      headers: { cookie: `cd_session=${createSession(t.handle, USERS.drafter).token}` },
    });
    await expect(adminAction({ request, params: {}, context: {} })).rejects.toMatchObject({
      init: { status: 403 },
    });
    expect(getUser(t.handle, USERS.office)?.active).toBe(true);
  });
});

describe("admin: reset password", () => {
  it("the new password signs in, the old one no longer does, and old sessions end", async () => {
    const { token } = createSession(t.handle, USERS.office);
    const res = await asAdmin({
      intent: "password",
      userId: USERS.office,
      password: "Trống đồng Đông Sơn 9",
    });
    expect(res.status).toBe(200);
    expect(res.body.ok).toContain("Đã đặt mật khẩu mới cho vanhoa");
    expect(await verifyCredentials(t.handle, "vanhoa", "Trống đồng Đông Sơn 9")).not.toBeNull();
    expect(await verifyCredentials(t.handle, "vanhoa", DEMO_PASSWORD)).toBeNull();
    expect(await visit(token)).toMatch(/^\/login/);
  });

  it("a weak or common password is refused with the policy's Vietnamese reason", async () => {
    const short = await asAdmin({ intent: "password", userId: USERS.office, password: "ngan" });
    expect(short.status).toBe(400);
    expect(short.body.error).toContain("ít nhất 10 ký tự");
    const common = await asAdmin({ intent: "password", userId: USERS.office, password: "1234567890" });
    expect(common.status).toBe(400);
    expect(common.body.error).toMatch(/phổ biến|lặp lại/);
    expect(await verifyCredentials(t.handle, "vanhoa", DEMO_PASSWORD)).not.toBeNull();
  });
});

describe("admin: e-mail address", () => {
  it("a good address is stored lower-case; a bad one is refused in Vietnamese and nothing changes", async () => {
    const ok = await asAdmin({
      intent: "email",
      userId: USERS.drafter,
      email: " Soan.Thao@LacPhuong.gov.vn ",
    });
    expect(ok.body.ok).toContain("soan.thao@lacphuong.gov.vn");
    expect(getUser(t.handle, USERS.drafter)?.email).toBe("soan.thao@lacphuong.gov.vn");
    const bad = await asAdmin({ intent: "email", userId: USERS.drafter, email: "soạn thảo@xã" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe("Địa chỉ thư điện tử không hợp lệ (ví dụ đúng: ten.canbo@lacphuong.gov.vn).");
    const taken = await asAdmin({
      intent: "email",
      userId: USERS.drafter,
      email: "vanhoa@lacphuong.example",
    });
    expect(taken.body.error).toContain("đã được gán cho một người dùng khác");
    expect(getUser(t.handle, USERS.drafter)?.email).toBe("soan.thao@lacphuong.gov.vn");
  });
});

describe("own account", () => {
  it("changing one's password needs the current one; this session stays, the others end", async () => {
    const here = createSession(t.handle, USERS.approver).token;
    const elsewhere = createSession(t.handle, USERS.approver).token;
    const wrong = await post(accountAction, "/account", here, {
      intent: "password",
      currentPassword: "khong-dung-dau",
      newPassword: "Phê duyệt mới 2026",
      confirmPassword: "Phê duyệt mới 2026",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe("Mật khẩu hiện tại không đúng.");
    const ok = await post(accountAction, "/account", here, {
      intent: "password",
      currentPassword: DEMO_PASSWORD,
      newPassword: "Phê duyệt mới 2026",
      confirmPassword: "Phê duyệt mới 2026",
    });
    expect(ok.body.ok).toContain("Đã đổi mật khẩu");
    expect(await visit(here)).toBe("ok");
    expect(await visit(elsewhere)).toMatch(/^\/login/);
    expect(await verifyCredentials(t.handle, "phochutich", "Phê duyệt mới 2026")).not.toBeNull();
  });

  it("the e-mail mode is one's own and one of the three", async () => {
    const token = createSession(t.handle, USERS.office).token;
    const ok = await post(accountAction, "/account", token, { intent: "mode", mode: "digest" });
    expect(ok.body.ok).toBe("Đã lưu: Gộp thành một thư mỗi ngày.");
    expect(getUser(t.handle, USERS.office)?.emailNotify).toBe("digest");
    const bad = await post(accountAction, "/account", token, { intent: "mode", mode: "hourly" });
    expect(bad.status).toBe(400);
    expect(getUser(t.handle, USERS.office)?.emailNotify).toBe("digest");
  });
});
