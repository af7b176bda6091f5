import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import type { DbHandle } from "./db/connection";
import type { Role } from "./db/schema";
import { all, exec, first, immediate } from "./db/sync";
import { cleanField } from "./text";

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
  };
}

function userRow(handle: DbHandle, by: "id" | "username", value: string): UserRow | undefined {
  return first(
    handle.sqlite,
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
      ])
      .where(by === "id" ? "u.id" : "u.username", "=", value),
  );
}

export function getUserRoles(handle: DbHandle, userId: string): Role[] {
  return all(
    handle.sqlite,
    handle.db.selectFrom("user_roles").select("role").where("user_id", "=", userId).orderBy("role"),
  ).map((r) => r.role);
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
  const ids = all(handle.sqlite, handle.db.selectFrom("users").select("id").orderBy("username"));
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
}

export async function createUser(handle: DbHandle, input: CreateUserInput): Promise<User> {
  if (input.password.length < 8) throw new Error("password must be at least 8 characters");
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
  const passwordHash = await hashPassword(input.password);
  const id = input.id ?? randomUUID();
  const now = new Date().toISOString();
  immediate(handle.sqlite, () => {
    exec(
      handle.sqlite,
      handle.db.insertInto("users").values({
        id,
        username: input.username.trim().toLowerCase(),
        display_name: displayName,
        job_title: jobTitle,
        unit_id: input.unitId ?? null,
        password_hash: passwordHash,
        active: 1,
        created_at: now,
        updated_at: now,
      }),
    );
    setRolesInTx(handle, id, input.roles);
  });
  return getUser(handle, id)!;
}

function setRolesInTx(handle: DbHandle, userId: string, roles: Role[]): void {
  exec(handle.sqlite, handle.db.deleteFrom("user_roles").where("user_id", "=", userId));
  for (const role of new Set(roles)) {
    exec(handle.sqlite, handle.db.insertInto("user_roles").values({ user_id: userId, role }));
  }
}

export function setUserRoles(handle: DbHandle, userId: string, roles: Role[]): void {
  immediate(handle.sqlite, () => setRolesInTx(handle, userId, roles));
}

export async function setPassword(handle: DbHandle, userId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  exec(
    handle.sqlite,
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
  const row = userRow(handle, "username", username.trim().toLowerCase());
  if (row?.active !== 1) {
    // Spend the same scrypt work so response time does not reveal which usernames exist.
    dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
    await verifyPassword(password, await dummyHash);
    return null;
  }
  return (await verifyPassword(password, row.password_hash))
    ? toUser(row, getUserRoles(handle, row.id))
    : null;
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
    handle.sqlite,
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
    handle.sqlite,
    handle.db.selectFrom("sessions").select(["user_id", "expires_at"]).where("id", "=", sessionId(token)),
  );
  if (!row || row.expires_at <= now.toISOString()) return null;
  const user = getUser(handle, row.user_id);
  return user?.active ? user : null;
}

export function deleteSession(handle: DbHandle, token: string): void {
  exec(handle.sqlite, handle.db.deleteFrom("sessions").where("id", "=", sessionId(token)));
}

export function deleteExpiredSessions(handle: DbHandle, now = new Date()): number {
  return exec(handle.sqlite, handle.db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()))
    .changes;
}
