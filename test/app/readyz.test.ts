import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetAuditCheckForTests } from "../../app/lib/audit-check.server";
import { appDb as appDatabase } from "../../app/lib/stores.server";
import { loader as readyLoader } from "../../app/routes/readyz";
import { closeDb } from "../../storage/db";
import { MIGRATIONS } from "../../storage/db/migrate";
import { resetObjectStoreForTests } from "../../storage/objects/config.server";
import { seededAppDbPerTest } from "../support/app-db";
import { makeTempDir, ON_POSTGRES, sqliteOf } from "../support/db";
import { setEnv } from "../support/env";

// Issue 15: GET /readyz tells the load balancer whether this node may take requests — the checks
// /healthz used to make (issue 11 A12: database reachable and writable, object store, publisher,
// audit chain) plus "migrations ready": every migration of this code is recorded in the database.
// 503 with a `problems` list otherwise; states and codes only, never a path, host, user or key.

process.env.RENDER_WORKERS = "0";

seededAppDbPerTest();
let dataDir: string;
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  MINIO_ENDPOINT: process.env.MINIO_ENDPOINT,
  PUBLISHER: process.env.PUBLISHER,
};

beforeEach(() => {
  dataDir = makeTempDir("co-dong-readyz-");
  setEnv({ DATA_DIR: dataDir, MINIO_ENDPOINT: undefined });
  resetObjectStoreForTests();
  resetAuditCheckForTests();
});
afterEach(() => {
  vi.restoreAllMocks();
  resetObjectStoreForTests();
  resetAuditCheckForTests();
  setEnv({ ...saved, PUBLISHER: "0" });
  rmSync(dataDir, { recursive: true, force: true });
});

async function ready() {
  const res = await readyLoader();
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

const parts = (problems: { part: string }[]) => problems.map((p) => p.part);

describe("GET /readyz", () => {
  it("answers 200 with each part's state, no sign-in, nothing that locates or unlocks anything", async () => {
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body).toEqual({
      ok: true,
      db: { ok: true, state: "ok" },
      migrations: { ok: true, state: "ok" },
      objects: { ok: true, state: "ok", kind: "folder" },
      publisher: { ok: true, state: "off" },
      auditChain: { ok: true, state: "intact" },
    });
    expect(r.text).not.toContain(dataDir);
    expect(r.text).not.toContain(appDatabase().path);
  });

  it("a migration of this code not recorded in the database: 503 naming migrations", async () => {
    // The node is up on its database; then the database loses a migration's row, as after a
    // restore from an older backup, or while another node is still migrating.
    const { conn } = appDatabase();
    const last = MIGRATIONS.at(-1)!.id;
    conn.prepare("DELETE FROM schema_migrations WHERE id = ?").run(last);
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.ok).toBe(false);
    expect(r.body.migrations).toEqual({
      ok: false,
      state: "pending",
      code: "MIGRATIONS_PENDING",
      pending: 1,
    });
    expect(r.body.problems).toEqual([{ part: "migrations", state: "pending", code: "MIGRATIONS_PENDING" }]);
    expect(r.text).not.toContain(last);
  });

  it.skipIf(ON_POSTGRES)("a read-only SQLite database: 503 naming db SQLITE_READONLY", async () => {
    sqliteOf(appDatabase()).pragma("query_only = ON");
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.db).toEqual({ ok: false, state: "readonly", code: "SQLITE_READONLY" });
    expect(r.body.problems).toEqual([{ part: "db", state: "readonly", code: "SQLITE_READONLY" }]);
  });

  it.skipIf(!ON_POSTGRES)(
    "a PostgreSQL that refuses writes (standby, read-only): 503 naming db 25006",
    async () => {
      appDatabase().conn.exec("SET default_transaction_read_only = on");
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body.db).toEqual({ ok: false, state: "readonly", code: "25006" });
      expect(parts(r.body.problems)).toContain("db");
    },
  );

  it.skipIf(ON_POSTGRES)("a full SQLite database: 503 naming db SQLITE_FULL", async () => {
    const conn = sqliteOf(appDatabase());
    conn.pragma(`max_page_count = ${conn.pragma("page_count", { simple: true }) as number}`);
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.problems).toEqual([{ part: "db", state: "full", code: "SQLITE_FULL" }]);
  });

  it("an unreachable PostgreSQL: 503 naming db 08001, and no host, user or password in the answer", async () => {
    // The audit check logs that it could not run: expected here, kept out of the test output.
    vi.spyOn(console, "error").mockImplementation(() => {});
    closeDb();
    const { AUDIT_KEY: auditKey, DATABASE_URL: databaseUrl } = process.env;
    setEnv({
      DATABASE_URL: "postgres://codong_app:mat-khau-bi-mat@127.0.0.1:1/co_dong_ready",
      AUDIT_KEY: auditKey ?? "k".repeat(32),
    });
    try {
      const r = await ready();
      expect(r.status).toBe(503);
      expect(r.body.db).toEqual({ ok: false, state: "unavailable", code: "08001" });
      expect(parts(r.body.problems)).toEqual(expect.arrayContaining(["db", "migrations"]));
      for (const secret of ["mat-khau-bi-mat", "codong_app", "127.0.0.1", "co_dong_ready"])
        expect(r.text).not.toContain(secret);
    } finally {
      closeDb();
      setEnv({ AUDIT_KEY: auditKey, DATABASE_URL: databaseUrl });
    }
  });

  it("an object folder that cannot be written: 503 naming objects", async () => {
    writeFileSync(path.join(dataDir, "objects"), "a file where the folder should be");
    const r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.objects).toMatchObject({ ok: false, kind: "folder", state: "no_access" });
    expect(parts(r.body.problems)).toEqual(["objects"]);
    expect(r.text).not.toContain(dataDir);
  });

  it("a publisher that should run but does not: still ready (every node would fail alike), named in warnings", async () => {
    setEnv({ PUBLISHER: "1" });
    const r = await ready();
    expect(r.status).toBe(200);
    expect(r.body.publisher).toEqual({ ok: false, state: "not_running" });
    expect(parts(r.body.warnings)).toEqual(["publisher"]);
    expect(r.body.problems).toBeUndefined();
  });
});
