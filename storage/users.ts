import { type EmailNotifyMode, normalizeEmail } from "../domain/email";
import { type Role, isRole } from "../domain/roles";
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { DbHandle } from "./db/connection";
import { all, exec, first, immediate } from "./db/sync";
import { COMMON_PASSWORDS } from "./passwords/common";
import { cleanField } from "./text";
import { WorkflowError } from "../domain/workflow-error";

const scryptAsync = promisify(scrypt) as (
  password: string | Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// N=2^15, r=8 needs 32 MiB per hash: slow enough for offline guessing, fine for a few sign-ins.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, keylen: 32 };

/** Format: scrypt$N$r$p$salt(base64)$key(base64), so parameters can be raised later per hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize("NFC"), salt, SCRYPT.keylen, {
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    maxmem: 128 * SCRYPT.N * SCRYPT.r * 2,
  });
  return ["scrypt", SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString("base64"), key.toString("base64")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64");
  const expected = Buffer.from(parts[5], "base64");
  if (!Number.isInteger(N) || N < 2 || N > 1 << 20 || !r || !p) return false;
  const key = await scryptAsync(password.normalize("NFC"), salt, expected.length, {
    N,
    r,
    p,
    maxmem: 256 * N * r,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  jobTitle: string | null;
  unitId: string | null;
  unitName: string | null;
  active: boolean;
  roles: Role[];
  /** Lower-case address, or null: this person gets in-app notices only. */
  email: string | null;
  /** How this person hears by e-mail (decision 080). */
  emailNotify: EmailNotifyMode;
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  job_title: string | null;
  unit_id: string | null;
  unit_name: string | null;
  active: number;
  password_hash: string;
  email: string | null;
  email_notify: EmailNotifyMode;
}

function toUser(row: UserRow, roles: Role[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    jobTitle: row.job_title,
    unitId: row.unit_id,
    unitName: row.unit_name,
    active: row.active === 1,
    roles,
    email: row.email,
    emailNotify: row.email_notify,
  };
}

function userRow(handle: DbHandle, by: "id" | "username", value: string): UserRow | undefined {
  return first(
    handle.conn,
    handle.db
      .selectFrom("users as u")
      .leftJoin("units as n", "n.id", "u.unit_id")
      .select([
        "u.id",
        "u.username",
        "u.display_name",
        "u.job_title",
        "u.unit_id",
        "n.name as unit_name",
        "u.active",
        "u.password_hash",
        "u.email",
        "u.email_notify",
      ])
      .where(by === "id" ? "u.id" : "u.username", "=", value),
  );
}

export function getUserRoles(handle: DbHandle, userId: string): Role[] {
  return all(
    handle.conn,
    handle.db.selectFrom("user_roles").select("role").where("user_id", "=", userId).orderBy("role"),
  ).map((r) => r.role);
}

/**
 * The roles an active user holds, narrowed to those the session claims when `claimed` is given;
 * [] for an inactive or unknown user. Every permission check below the app starts here: the
 * database decides, the session can only narrow.
 */
export function effectiveRoles(handle: DbHandle, userId: string, claimed?: readonly Role[]): Role[] {
  const user = handle.conn.prepare("SELECT active FROM users WHERE id = ?").get(userId) as
    | { active: number }
    | undefined;
  if (user?.active !== 1) return [];
  const held = getUserRoles(handle, userId);
  return claimed ? held.filter((r) => claimed.includes(r)) : held;
}

export function getUser(handle: DbHandle, userId: string): User | null {
  const row = userRow(handle, "id", userId);
  return row ? toUser(row, getUserRoles(handle, row.id)) : null;
}

export function getUserByUsername(handle: DbHandle, username: string): User | null {
  const row = userRow(handle, "username", username);
  return row ? toUser(row, getUserRoles(handle, row.id)) : null;
}

export function listUsers(handle: DbHandle): User[] {
  const ids = all(handle.conn, handle.db.selectFrom("users").select("id").orderBy("username"));
  return ids.map((r) => getUser(handle, r.id)).filter((u): u is User => u !== null);
}

export interface CreateUserInput {
  id?: string;
  username: string;
  displayName: string;
  jobTitle?: string | null;
  unitId?: string | null;
  password: string;
  roles: Role[];
  /** Checked and lower-cased by `normalizeEmail`; "" or absent = none. Unique among users. */
  email?: string | null;
}

/** Characters (code points) a password needs, not counting spaces at either end. */
export const MIN_PASSWORD_CHARS = 10;

/**
 * What is wrong with a password someone chooses, in Vietnamese, or null when it is acceptable:
 * at least MIN_PASSWORD_CHARS characters once trimmed (so ten spaces are empty), more than three
 * different characters, not the username nor containing it, and (with `common`, the default) not
 * one of the passwords people pick first (storage/passwords/common.ts; compared trimmed, NFC,
 * lower-case). `createUser` and `setPassword` apply it without the list, because the seed gives
 * the demo accounts their published password; a form where a person picks one (the admin's user
 * form) applies all of it.
 */
export function passwordProblem(
  password: string,
  username: string,
  opts: { common?: boolean } = {},
): string | null {
  const trimmed = password.normalize("NFC").trim();
  if (trimmed === "") return "Mật khẩu không được để trống hoặc chỉ gồm khoảng trắng.";
  const chars = [...trimmed];
  if (chars.length < MIN_PASSWORD_CHARS) {
    return `Mật khẩu cần ít nhất ${MIN_PASSWORD_CHARS} ký tự (không tính khoảng trắng ở đầu và cuối).`;
  }
  const lower = trimmed.toLowerCase();
  if (new Set(lower).size <= 3) return "Mật khẩu chỉ lặp lại vài ký tự, rất dễ đoán; hãy chọn mật khẩu khác.";
  const name = username.normalize("NFC").trim().toLowerCase();
  if (name !== "" && lower.includes(name)) {
    return "Mật khẩu không được trùng hoặc chứa tên đăng nhập.";
  }
  if (opts.common !== false && COMMON_PASSWORDS.has(lower)) {
    return "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, rất dễ bị đoán; hãy chọn mật khẩu khác.";
  }
  return null;
}

function assertPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username, { common: false });
  if (problem)
    throw new WorkflowError("INVALID_INPUT", "password refused by policy", { field: "password" }, problem);
}

/** Only the five roles a person can hold ("system" is the publisher's, never a user's). */
function assertRoles(roles: readonly string[]): asserts roles is Role[] {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new WorkflowError(
      "INVALID_INPUT",
      `unknown roles: ${unknown.join(", ")}`,
      { field: "roles", unknown },
      `Vai trò không hợp lệ: ${unknown.join(", ")}.`,
    );
  }
}

export async function createUser(handle: DbHandle, input: CreateUserInput): Promise<User> {
  assertPassword(input.password, input.username);
  assertRoles(input.roles);
  // Names are printed on approval records and shown beside every decision: one clean line.
  const displayName = cleanField(input.displayName, {
    field: "Họ tên",
    maxChars: 100,
    multiline: false,
    checkMarks: false,
  }).text;
  const jobTitle = input.jobTitle
    ? cleanField(input.jobTitle, {
        field: "Chức vụ",
        maxChars: 150,
        multiline: false,
        checkMarks: false,
        allowEmpty: true,
      }).text || null
    : null;
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const id = input.id ?? randomUUID();
  const now = new Date().toISOString();
  immediate(handle.conn, () => {
    if (email) assertEmailFree(handle, email, id);
    exec(
      handle.conn,
      handle.db.insertInto("users").values({
        id,
        username: input.username.trim().toLowerCase(),
        display_name: displayName,
        job_title: jobTitle,
        unit_id: input.unitId ?? null,
        password_hash: passwordHash,
        active: 1,
        email,
        created_at: now,
        updated_at: now,
      }),
    );
    setRolesInTx(handle, id, input.roles);
  });
  return getUser(handle, id)!;
}

/** One address, one person: the inbox and every e-mail are per person. */
export function assertEmailFree(handle: DbHandle, email: string, userId: string): void {
  const other = first(
    handle.conn,
    handle.db.selectFrom("users").select("id").where("email", "=", email).where("id", "!=", userId),
  );
  if (other) {
    throw new WorkflowError(
      "INVALID_INPUT",
      "e-mail address already used by another user",
      { field: "email" },
      "Địa chỉ thư điện tử này đã được gán cho một người dùng khác.",
    );
  }
}

function setRolesInTx(handle: DbHandle, userId: string, roles: Role[]): void {
  exec(handle.conn, handle.db.deleteFrom("user_roles").where("user_id", "=", userId));
  for (const role of new Set(roles)) {
    exec(handle.conn, handle.db.insertInto("user_roles").values({ user_id: userId, role }));
  }
}

export function setUserRoles(handle: DbHandle, userId: string, roles: Role[]): void {
  assertRoles(roles);
  immediate(handle.conn, () => setRolesInTx(handle, userId, roles));
}

export async function setPassword(handle: DbHandle, userId: string, password: string): Promise<void> {
  const user = getUser(handle, userId);
  if (!user) throw new WorkflowError("NOT_FOUND", "user not found");
  assertPassword(password, user.username);
  const hash = await hashPassword(password);
  exec(
    handle.conn,
    handle.db
      .updateTable("users")
      .set({ password_hash: hash, updated_at: new Date().toISOString() })
      .where("id", "=", userId),
  );
}

let dummyHash: Promise<string> | undefined;

/** Returns the user when the password matches an active account; null otherwise, in similar time. */
export async function verifyCredentials(
  handle: DbHandle,
  username: string,
  password: string,
): Promise<User | null> {
  const r = await checkCredentials(handle, username, password);
  return r && "user" in r ? r.user : null;
}

// Sessions: the cookie carries a random token; the table stores only its SHA-256, so a copy of the
// database does not hand out live sessions.
const sessionId = (token: string) => createHash("sha256").update(token).digest("hex");

export function createSession(
  handle: DbHandle,
  userId: string,
  ttlMs = 12 * 3600_000,
  now = new Date(),
): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  exec(
    handle.conn,
    handle.db.insertInto("sessions").values({
      id: sessionId(token),
      user_id: userId,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    }),
  );
  return { token, expiresAt };
}

export function getSessionUser(handle: DbHandle, token: string, now = new Date()): User | null {
  const row = first(
    handle.conn,
    handle.db.selectFrom("sessions").select(["user_id", "expires_at"]).where("id", "=", sessionId(token)),
  );
  if (!row || row.expires_at <= now.toISOString()) return null;
  const user = getUser(handle, row.user_id);
  return user?.active ? user : null;
}

export function deleteSession(handle: DbHandle, token: string): void {
  exec(handle.conn, handle.db.deleteFrom("sessions").where("id", "=", sessionId(token)));
}

export function deleteExpiredSessions(handle: DbHandle, now = new Date()): number {
  return exec(handle.conn, handle.db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()))
    .changes;
}

/** Why an admin's change to someone's account is refused; the caller's roles are read here, not claimed. */
function requireAdmin(handle: DbHandle, actorId: string): void {
  if (!getUserRoles(handle, actorId).includes("admin")) {
    throw new WorkflowError(
      "FORBIDDEN",
      "only an admin changes other people's accounts",
      {},
      "Chỉ quản trị viên được thay đổi tài khoản của người khác.",
    );
  }
}

function userOrNotFound(handle: DbHandle, userId: string): User {
  const user = getUser(handle, userId);
  if (!user)
    throw new WorkflowError("NOT_FOUND", `user ${userId} not found`, {}, "Không tìm thấy người dùng.");
  return user;
}

/** Every session of the user, ended; the caller owns the transaction. Returns how many there were. */
function endSessionsInTx(handle: DbHandle, userId: string, exceptToken?: string | null): number {
  let q = handle.db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptToken) q = q.where("id", "!=", sessionId(exceptToken));
  return exec(handle.conn, q).changes;
}

/** A password the policy refuses: INVALID_INPUT (details.field = "password") with the Vietnamese reason. */
function assertChosenPassword(password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem)
    throw new WorkflowError("INVALID_INPUT", "password refused by policy", { field: "password" }, problem);
}

/**
 * Locks (active = false) or unlocks an account; only an admin may, and never their own account
 * (that could leave the commune with no admin). Locking ends every session of the person in the
 * same transaction, so a browser already signed in is sent to the sign-in page on its next request.
 * Returns the number of sessions ended (0 on unlock).
 * Throws WorkflowError FORBIDDEN (actor not admin, or the actor's own account), NOT_FOUND.
 */
export function setUserActive(
  handle: DbHandle,
  input: { actorId: string; userId: string; active: boolean; now?: Date },
): number {
  requireAdmin(handle, input.actorId);
  if (input.actorId === input.userId && !input.active) {
    throw new WorkflowError(
      "FORBIDDEN",
      "an admin cannot lock their own account",
      {},
      "Không thể tự khóa tài khoản của chính mình.",
    );
  }
  return immediate(handle.conn, () => {
    userOrNotFound(handle, input.userId);
    exec(
      handle.conn,
      handle.db
        .updateTable("users")
        .set({ active: input.active ? 1 : 0, updated_at: (input.now ?? new Date()).toISOString() })
        .where("id", "=", input.userId),
    );
    return input.active ? 0 : endSessionsInTx(handle, input.userId);
  });
}

/**
 * An admin gives a person a new password (they forgot theirs, or it leaked). The whole policy
 * applies, common-password list included. Every session of the person ends in the same
 * transaction: whoever held the old password is signed out too.
 * Throws WorkflowError FORBIDDEN (actor not admin), NOT_FOUND, INVALID_INPUT (policy, Vietnamese).
 */
export async function resetUserPassword(
  handle: DbHandle,
  input: { actorId: string; userId: string; password: string; now?: Date },
): Promise<void> {
  requireAdmin(handle, input.actorId);
  const user = userOrNotFound(handle, input.userId);
  assertChosenPassword(input.password, user.username);
  const hash = await hashPassword(input.password);
  immediate(handle.conn, () => {
    exec(
      handle.conn,
      handle.db
        .updateTable("users")
        .set({ password_hash: hash, updated_at: (input.now ?? new Date()).toISOString() })
        .where("id", "=", input.userId),
    );
    endSessionsInTx(handle, input.userId);
  });
}

/**
 * A person changes their own password: the current one must match, the new one pass the whole
 * policy and differ from the current. Other sessions of the person end (a thief's browser too);
 * the one holding `keepToken` (the request's own) stays signed in.
 * Throws WorkflowError NOT_FOUND, INVALID_INPUT (details.field "currentPassword" or "password",
 * Vietnamese message).
 */
export async function changeOwnPassword(
  handle: DbHandle,
  input: { userId: string; currentPassword: string; newPassword: string; keepToken?: string | null },
): Promise<void> {
  const row = userRow(handle, "id", input.userId);
  if (!row?.active) throw new WorkflowError("NOT_FOUND", "user not found", {}, "Không tìm thấy người dùng.");
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new WorkflowError(
      "INVALID_INPUT",
      "current password does not match",
      { field: "currentPassword" },
      "Mật khẩu hiện tại không đúng.",
    );
  }
  assertChosenPassword(input.newPassword, row.username);
  if (input.newPassword.normalize("NFC") === input.currentPassword.normalize("NFC")) {
    throw new WorkflowError(
      "INVALID_INPUT",
      "new password equals the current one",
      { field: "password" },
      "Mật khẩu mới phải khác mật khẩu hiện tại.",
    );
  }
  const hash = await hashPassword(input.newPassword);
  immediate(handle.conn, () => {
    exec(
      handle.conn,
      handle.db
        .updateTable("users")
        .set({ password_hash: hash, updated_at: new Date().toISOString() })
        .where("id", "=", input.userId),
    );
    endSessionsInTx(handle, input.userId, input.keepToken);
  });
}

/** What the sign-in page says to a person whose account an admin locked (only after the right password). */
export const ACCOUNT_LOCKED_VI =
  "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị hệ thống (Phòng Văn hóa - Xã hội) để mở lại.";

/**
 * Like `verifyCredentials`, but tells a locked account apart, and only when the password is
 * right (so the answer reveals nothing to someone guessing usernames): `{ user }` for an active
 * account, `{ locked: true }` for a locked one, null otherwise, in similar time.
 */
export async function checkCredentials(
  handle: DbHandle,
  username: string,
  password: string,
): Promise<{ user: User } | { locked: true } | null> {
  const row = userRow(handle, "username", username.trim().toLowerCase());
  if (!row) {
    dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
    await verifyPassword(password, await dummyHash);
    return null;
  }
  if (!(await verifyPassword(password, row.password_hash))) return null;
  return row.active === 1 ? { user: toUser(row, getUserRoles(handle, row.id)) } : { locked: true };
}
