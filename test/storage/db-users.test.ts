import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, resolveDatabasePath } from "../../storage/db/connection";
import { MIGRATIONS, migrate } from "../../storage/db/migrate";
import {
  createSession,
  createUser,
  deleteSession,
  getSessionUser,
  hashPassword,
  verifyCredentials,
  verifyPassword,
} from "../../storage/users";
import { ON_POSTGRES, sqliteOf, type TempDb, tempDb } from "../support/db";

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

describe("database", () => {
  it.skipIf(ON_POSTGRES)("opens SQLite with WAL, foreign keys and a busy timeout", () => {
    expect(sqliteOf(t.handle).pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqliteOf(t.handle).pragma("foreign_keys", { simple: true })).toBe(1);
    expect(sqliteOf(t.handle).pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("runs migrations once and enforces foreign keys", () => {
    expect(migrate(t.handle)).toEqual([]);
    t.reopen();
    const applied = t.handle.conn.prepare("SELECT id FROM schema_migrations ORDER BY id").all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ id: m.id })));
    expect(applied[0]).toEqual({ id: "001_initial" });
    expect(() =>
      t.handle.conn.prepare("INSERT INTO user_roles (user_id, role) VALUES ('nobody', 'drafter')").run(),
    ).toThrow(/FOREIGN KEY|foreign key/);
  });

  it("resolves the file from DATABASE_PATH, else DATA_DIR, else ./data", () => {
    expect(resolveDatabasePath({ DATABASE_PATH: "/x/y.sqlite" })).toBe("/x/y.sqlite");
    expect(resolveDatabasePath({ DATA_DIR: "/srv/co-dong" })).toBe("/srv/co-dong/co-dong.sqlite");
    expect(resolveDatabasePath({})).toBe(path.resolve("data/co-dong.sqlite"));
  });

  it.skipIf(ON_POSTGRES)("can open a SQLite file without migrating", () => {
    const h = openDatabase(path.join(t.dir, "bare.sqlite"), { migrate: false });
    expect(h.conn.prepare("SELECT name FROM sqlite_master WHERE name = 'assets'").get()).toBeUndefined();
    h.close();
  });
});

describe("users", () => {
  it("hashes with scrypt and verifies only the right password (NFC-insensitive)", async () => {
    const hash = await hashPassword("Mật khẩu 2026");
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("Mật khẩu 2026", hash)).toBe(true);
    expect(await verifyPassword("Mật khẩu 2026".normalize("NFD"), hash)).toBe(true);
    expect(await verifyPassword("Mat khau 2026", hash)).toBe(false);
    expect(await verifyPassword("x", "garbage")).toBe(false);
  });

  it("creates users with roles and sessions that expire", async () => {
    const u = await createUser(t.handle, {
      username: "CanBo",
      displayName: "Đặng Thu Trang",
      password: "MatKhau@123",
      roles: ["drafter", "office"],
    });
    expect(u).toMatchObject({ username: "canbo", roles: ["drafter", "office"], active: true });
    expect((await verifyCredentials(t.handle, "canbo", "MatKhau@123"))?.id).toBe(u.id);
    expect(await verifyCredentials(t.handle, "khongco", "MatKhau@123")).toBeNull();

    const now = new Date("2026-02-01T00:00:00Z");
    const s = createSession(t.handle, u.id, 3600_000, now);
    expect(getSessionUser(t.handle, s.token, now)?.id).toBe(u.id);
    expect(getSessionUser(t.handle, s.token, new Date(now.getTime() + 3600_000))).toBeNull();
    // Only a hash of the token is stored.
    expect(t.handle.conn.prepare("SELECT id FROM sessions").get()).not.toEqual({ id: s.token });
    deleteSession(t.handle, s.token);
    expect(getSessionUser(t.handle, s.token, now)).toBeNull();
  });
});
