import type { Role } from "../../domain/roles";
import { describe, expect, it } from "vitest";
import { action } from "../../app/routes/admin.users";
import { COMMON_PASSWORDS } from "../../storage/passwords/common";
import {
  createSession,
  createUser,
  getUser,
  getUserByUsername,
  passwordProblem,
  setPassword,
  setUserRoles,
  verifyCredentials,
} from "../../storage/users";
import { isWorkflowError } from "../../domain/workflow-error";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";
import { rejection, refusal } from "../support/errors";

// Issue 11 A12: `roles=system` on the admin form stripped every role and answered 200; passwords
// "1234567890", ten spaces, or the username itself were accepted.

const t = seededAppDbPerTest();

async function post(fields: [string, string][]) {
  const { token } = createSession(t.handle, USERS.admin);
  const request = new Request("http://localhost/admin/users", {
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
  const body = (wrapped ? r.data : r) as { ok: string | null; error: string | null };
  return { status: wrapped ? (r.init?.status ?? 200) : 200, body };
}

const rolesOf = (id: string) => getUser(t.handle, id)?.roles;

function createForm(username: string, password: string, roles: string[] = ["drafter"]): [string, string][] {
  return [
    ["intent", "create"],
    ["username", username],
    ["displayName", "Nguyễn Văn Thử"],
    ["password", password],
    ...roles.map((r): [string, string] => ["roles", r]),
  ];
}

describe("admin form: roles are checked against the five real roles", () => {
  it("roles=system alone is refused with 400 naming it; the user keeps every role", async () => {
    const before = rolesOf(USERS.drafter);
    expect(before).toEqual(["drafter"]);
    const res = await post([
      ["intent", "roles"],
      ["userId", USERS.drafter],
      ["roles", "system"],
    ]);
    expect(res.status).toBe(400);
    expect(res.body.ok).toBeNull();
    expect(res.body.error).toContain("Vai trò không hợp lệ: “system”");
    expect(res.body.error).toContain("Chưa lưu thay đổi nào");
    expect(rolesOf(USERS.drafter)).toEqual(before);
  });

  it("one unknown role beside valid ones refuses the lot: nothing is dropped quietly", async () => {
    const res = await post([
      ["intent", "roles"],
      ["userId", USERS.drafter],
      ["roles", "drafter"],
      ["roles", "approver"],
      ["roles", "superuser"],
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain("“superuser”");
    expect(rolesOf(USERS.drafter)).toEqual(["drafter"]);
  });

  it("valid roles are saved (and an admin may still clear another user's roles)", async () => {
    const ok = await post([
      ["intent", "roles"],
      ["userId", USERS.drafter],
      ["roles", "drafter"],
      ["roles", "office"],
    ]);
    expect(ok.status).toBe(200);
    expect(rolesOf(USERS.drafter)).toEqual(["drafter", "office"]);
    const none = await post([
      ["intent", "roles"],
      ["userId", USERS.printer],
    ]);
    expect(none.status).toBe(200);
    expect(rolesOf(USERS.printer)).toEqual([]);
  });

  it("a new account with roles=system is refused and not created", async () => {
    const res = await post(createForm("canbomoi", "Lúa-chín-vàng-2026", ["drafter", "system"]));
    expect(res.status).toBe(400);
    expect(res.body.error).toContain("“system”");
    expect(getUserByUsername(t.handle, "canbomoi")).toBeNull();
  });

  it("storage refuses an unknown role too, whoever calls it", () => {
    const e = refusal(() => setUserRoles(t.handle, USERS.drafter, ["system" as Role]), isWorkflowError);
    expect(e.code).toBe("INVALID_INPUT");
    expect(rolesOf(USERS.drafter)).toEqual(["drafter"]);
  });
});

describe("admin form: password policy", () => {
  const refused: [string, string, string][] = [
    ["1234567890", "canbomoi", "phổ biến"],
    ["          ", "canbomoi", "khoảng trắng"],
    ["   abc123   ", "canbomoi", "ít nhất 10 ký tự"],
    ["canbomoi11", "canbomoi", "tên đăng nhập"],
    ["CANBOMOI-mới-2026", "canbomoi", "tên đăng nhập"],
    ["matkhau123", "canbomoi", "phổ biến"],
    ["Admin@12345", "canbomoi", "phổ biến"],
    ["CoDong@2026", "canbomoi", "phổ biến"],
    ["aaaaaaaaaaaa", "canbomoi", "lặp lại"],
  ];

  for (const [password, username, says] of refused) {
    it(`refuses ${JSON.stringify(password)} for ${username} with 400 (“…${says}…”), creates nothing`, async () => {
      const res = await post(createForm(username, password));
      expect(res.status).toBe(400);
      expect(res.body.error).toContain(says);
      expect(getUserByUsername(t.handle, username)).toBeNull();
    });
  }

  it("ten characters counted after trimming; a good one is accepted and signs in as typed", async () => {
    expect(passwordProblem(" Lúa-chín-9 ", "canbomoi")).toBeNull();
    expect(passwordProblem(" Lúa-chín ", "canbomoi")).toContain("ít nhất 10 ký tự");
    const res = await post(createForm("canbomoi", "Lúa-chín-vàng-2026"));
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe("Đã tạo tài khoản canbomoi.");
    expect(await verifyCredentials(t.handle, "canbomoi", "Lúa-chín-vàng-2026")).not.toBeNull();
  });

  it("the list carries the brief's and the Vietnamese favourites", () => {
    for (const p of ["matkhau", "123456789", "admin@123", "1234567890", "anhyeuem123"]) {
      expect(COMMON_PASSWORDS.has(p)).toBe(true);
    }
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(200);
  });

  it("storage keeps the length, whitespace and username rules for every caller (createUser, setPassword)", async () => {
    const base = { displayName: "Nguyễn Văn Thử", roles: ["drafter" as const] };
    for (const password of ["          ", "short", "canbomoi-2026"]) {
      const e = await rejection(
        () => createUser(t.handle, { ...base, username: "canbomoi", password }),
        isWorkflowError,
      );
      expect(e.code).toBe("INVALID_INPUT");
    }
    expect(getUserByUsername(t.handle, "canbomoi")).toBeNull();
    const e = await rejection(() => setPassword(t.handle, USERS.drafter, "soanthao!!2026"), isWorkflowError);
    expect(e.messageVi).toContain("tên đăng nhập");
  });
});
