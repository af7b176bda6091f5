import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AuditChainError, appendAudit, resolveAuditKey, verifyAuditChain } from "../../storage/audit";
import { auditSeq } from "../../storage/audit/head";
import { type DbHandle, openDatabase } from "../../storage/db/connection";
import { MIGRATION_LOCK_KEY, MIGRATIONS, migrate } from "../../storage/db/migrate";
import { PgConnection } from "../../storage/db/postgres/connection";
import { describeSchema, type SchemaShape, tableExists } from "../../storage/db/schema-introspect";
import { dialectOf } from "../../storage/db/sql-connection";
import { makeTempDir, REPO_ROOT } from "../support/db";
import { type PgCluster, startPostgres } from "../support/postgres";

// Issue 15 §1: one set of migrations, two engines. Every migration carries its SQLite SQL (what
// existing installs ran) and its PostgreSQL equivalent; this file holds the two to one schema,
// and proves what PostgreSQL adds: migrations that take turns across nodes, the append-only
// triggers, the audit high-water mark and the required AUDIT_KEY. It runs in the SQLite run too,
// with a PostgreSQL of its own, so a migration that drifts is caught by `npm run test`.

const KEY = "lockstep-audit-key-0123456789abcdef0123456789";
const ALL_IDS = MIGRATIONS.map((m) => m.id);
const savedKey = process.env.AUDIT_KEY;

let cluster: PgCluster | null = null;
let baseUrl = "";
let admin: PgConnection;
const databases: string[] = [];
const opened: DbHandle[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  // The PostgreSQL run shares its cluster; the SQLite run starts one for this file.
  if (process.env.TEST_PG_BASE_URL) baseUrl = process.env.TEST_PG_BASE_URL;
  else {
    cluster = await startPostgres();
    baseUrl = cluster.baseUrl;
  }
  admin = new PgConnection(`${baseUrl}postgres`);
  process.env.AUDIT_KEY = KEY;
});

afterEach(() => {
  for (const h of opened.splice(0)) h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  process.env.AUDIT_KEY = KEY;
});

afterAll(() => {
  for (const name of databases) admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  admin.close();
  cluster?.stop();
  if (savedKey === undefined) delete process.env.AUDIT_KEY;
  else process.env.AUDIT_KEY = savedKey;
});

/** The URL of a new, empty PostgreSQL database. */
function emptyPgDatabase(): string {
  const name = `lockstep_${randomBytes(6).toString("hex")}`;
  admin.exec(`CREATE DATABASE ${name}`);
  databases.push(name);
  return `${baseUrl}${name}`;
}

/** A fresh database on each engine, migrated by openDatabase as the app does. */
function migratedPair(): { sqlite: DbHandle; pg: DbHandle } {
  const dir = makeTempDir();
  dirs.push(dir);
  const sqlite = openDatabase(path.join(dir, "co-dong.sqlite"));
  opened.push(sqlite);
  const pg = openDatabase(emptyPgDatabase());
  opened.push(pg);
  return { sqlite, pg };
}

const appliedIds = (h: DbHandle) =>
  h.conn.prepare("SELECT id FROM schema_migrations ORDER BY id").pluck().all() as string[];

const plainEvent = {
  assetId: null,
  versionId: null,
  actorUserId: null,
  actorRole: "admin" as const,
  action: "PLAN_RESEEDED",
  fromState: null,
  toState: null,
  versionHash: null,
};

describe("one schema on SQLite and PostgreSQL", () => {
  it("the PostgreSQL migrations make the schema the SQLite migrations make", () => {
    const { sqlite, pg } = migratedPair();
    const expected = describeSchema(sqlite.conn);
    // Guard against comparing two empty descriptions: every migration's tables are there.
    expect(Object.keys(expected.tables)).toEqual(
      expect.arrayContaining([
        "units",
        "assets",
        "audit_events",
        "audit_chain",
        "notifications",
        "settings",
        "media",
      ]),
    );
    expect(Object.keys(expected.tables).length).toBeGreaterThanOrEqual(34);
    expect(describeSchema(pg.conn)).toEqual(expected);
  });

  it("the comparison sees each kind of drift a hand-written PostgreSQL migration could have", () => {
    const { sqlite, pg } = migratedPair();
    const expected = describeSchema(sqlite.conn);
    const drifts: [table: string, sql: string][] = [
      // 008's widened CHECK forgotten
      [
        "version_files",
        "ALTER TABLE version_files DROP CONSTRAINT version_files_kind_check, ADD CHECK (kind IN ('pdf','png','svg'))",
      ],
      [
        "placements",
        "ALTER TABLE placements DROP CONSTRAINT placements_lat_check, ADD CHECK (lat BETWEEN -80 AND 90)",
      ],
      ["media", "ALTER TABLE media ALTER COLUMN focus_x TYPE REAL"],
      ["users", 'ALTER TABLE users ALTER COLUMN username TYPE TEXT COLLATE "C"'],
      ["outbox", "ALTER TABLE outbox ALTER COLUMN id DROP IDENTITY"],
      ["placements", "ALTER TABLE placements ALTER COLUMN address SET DEFAULT 'x'"],
      ["comments", "ALTER TABLE comments ALTER COLUMN pin_x SET NOT NULL"],
      [
        "notifications",
        "DROP INDEX notifications_user_unread; CREATE INDEX notifications_user_unread ON notifications(user_id)",
      ],
      [
        "notifications",
        "DROP INDEX notifications_user_newest; CREATE INDEX notifications_user_newest ON notifications(user_id, id)",
      ],
      [
        "assets",
        "ALTER TABLE assets DROP CONSTRAINT assets_current_version_id_fkey, ADD FOREIGN KEY (current_version_id) REFERENCES asset_versions(id)",
      ],
      [
        "user_roles",
        "ALTER TABLE user_roles DROP CONSTRAINT user_roles_user_id_fkey, ADD FOREIGN KEY (user_id) REFERENCES users(id)",
      ],
      ["media", "ALTER TABLE media DROP CONSTRAINT media_object_key_key"],
      ["audit_chain", "DROP TRIGGER audit_chain_no_delete ON audit_chain"],
      ["settings", "ALTER TABLE settings ADD COLUMN extra TEXT"],
    ];
    const rollback = new Error("rolled back");
    for (const [table, sql] of drifts) {
      // DDL is transactional on PostgreSQL: each drift is described, then undone.
      let drifted: SchemaShape | undefined;
      expect(() =>
        pg.conn
          .transaction(() => {
            pg.conn.exec(sql);
            drifted = describeSchema(pg.conn);
            throw rollback;
          })
          .immediate(),
      ).toThrow(rollback);
      expect(drifted?.tables[table], sql).not.toEqual(expected.tables[table]);
      expect({ ...drifted?.tables, [table]: null }, sql).toEqual({ ...expected.tables, [table]: null });
    }
    expect(describeSchema(pg.conn)).toEqual(expected);
  });

  it("migrating again changes nothing on either engine", () => {
    const pair = migratedPair();
    for (const h of [pair.sqlite, pair.pg]) {
      const before = describeSchema(h.conn);
      expect(appliedIds(h)).toEqual(ALL_IDS);
      expect(migrate(h)).toEqual([]);
      expect(appliedIds(h)).toEqual(ALL_IDS);
      expect(h.conn.prepare("SELECT count(*) AS n FROM audit_chain").get()).toEqual({ n: 1 });
      expect(describeSchema(h.conn)).toEqual(before);
    }
  });
});

describe("PostgreSQL: what a shared server adds", () => {
  const run = promisify(execFile);
  const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");

  /** Resolves once `n` sessions wait for an advisory lock in database `name`; rejects after a minute. */
  async function advisoryWaiters(name: string, n: number): Promise<void> {
    const waiting = admin.prepare(
      `SELECT count(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
       WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = ?`,
    );
    for (let tries = 0; tries < 1200; tries++) {
      if ((waiting.get(name) as { n: number }).n >= n) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${n} sessions never waited for the migration lock`);
  }

  it("two nodes starting at once apply each migration exactly once", async () => {
    const url = emptyPgDatabase();
    // Hold the lock so both nodes are surely inside migrate() before either may go on.
    const holder = new PgConnection(url);
    holder.prepare("SELECT pg_advisory_lock(?)").get(MIGRATION_LOCK_KEY);
    const node = () =>
      run(tsx, ["test/support/pg-migrate-child.ts", url], { cwd: REPO_ROOT, env: process.env });
    const nodes = [node(), node()];
    try {
      await advisoryWaiters(new URL(url).pathname.slice(1), 2);
    } finally {
      holder.prepare("SELECT pg_advisory_unlock(?)").get(MIGRATION_LOCK_KEY);
      holder.close();
    }
    const applied = (await Promise.all(nodes)).map((r) => JSON.parse(r.stdout) as string[]);
    expect(applied.flat().sort()).toEqual(ALL_IDS);
    expect(applied.map((a) => a.length).sort()).toEqual([0, ALL_IDS.length]);

    const h = openDatabase(url, { migrate: false });
    opened.push(h);
    expect(
      h.conn.prepare("SELECT id, count(*) AS n FROM schema_migrations GROUP BY id ORDER BY id").all(),
    ).toEqual(ALL_IDS.map((id) => ({ id, n: 1 })));
    expect(h.conn.prepare("SELECT count(*) AS n FROM audit_chain").get()).toEqual({ n: 1 });
    const { sqlite } = migratedPair();
    expect(describeSchema(h.conn)).toEqual(describeSchema(sqlite.conn));
  });

  it("the append-only triggers refuse UPDATE and DELETE with SQLite's messages, and TRUNCATE too", () => {
    const { sqlite, pg } = migratedPair();
    const attempts = [
      "UPDATE audit_events SET comment = 'sửa'",
      "DELETE FROM audit_events",
      "UPDATE audit_chain SET created_at = '2020-01-01T00:00:00.000Z'",
      "DELETE FROM audit_chain",
    ];
    const refusals = (h: DbHandle, statements: string[]) =>
      statements.map((sql) => {
        try {
          h.conn.exec(sql);
          return `${sql}: accepted`;
        } catch (err) {
          return (err as Error).message;
        }
      });
    for (const h of [sqlite, pg]) appendAudit(h, plainEvent);
    const onSqlite = refusals(sqlite, attempts);
    expect(onSqlite).toEqual([
      "audit_events is append-only",
      "audit_events is append-only",
      "audit_chain is append-only",
      "audit_chain is append-only",
    ]);
    expect(refusals(pg, attempts)).toEqual(onSqlite);
    // TRUNCATE skips row triggers; SQLite has none, PostgreSQL refuses it on its own (CASCADE
    // because notifications refer to audit_events).
    expect(refusals(pg, ["TRUNCATE audit_events CASCADE", "TRUNCATE audit_chain"])).toEqual([
      "audit_events is append-only",
      "audit_chain is append-only",
    ]);
    for (const h of [sqlite, pg]) {
      expect(h.conn.prepare("SELECT count(*) AS n FROM audit_events").get()).toEqual({ n: 1 });
      expect(verifyAuditChain(h)).toEqual({ ok: true, count: 1 });
    }
  });

  it("the audit high-water mark moves with commits only, so a deleted tail is seen on both engines", () => {
    const pair = migratedPair();
    for (const h of [pair.sqlite, pair.pg]) {
      const engine = dialectOf(h.conn);
      appendAudit(h, plainEvent);
      // An append rolled back (a retried or failed decision) leaves no mark of a row that never was.
      const rollback = new Error("rolled back");
      expect(() =>
        h.conn
          .transaction(() => {
            appendAudit(h, plainEvent);
            throw rollback;
          })
          .immediate(),
      ).toThrow(rollback);
      expect(auditSeq(h.conn), engine).toBe(1);
      expect(verifyAuditChain(h), engine).toEqual({ ok: true, count: 1 });
      expect(appendAudit(h, plainEvent).id, engine).toBe(2);
      expect(auditSeq(h.conn), engine).toBe(2);
      // The last row deleted by someone who got past the trigger.
      h.conn.exec(
        engine === "postgres"
          ? "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_delete"
          : "DROP TRIGGER audit_events_no_delete",
      );
      h.conn.exec("DELETE FROM audit_events WHERE id = 2");
      expect(verifyAuditChain(h), engine).toMatchObject({ ok: false, code: "tail", firstBadId: 2 });
    }
  });

  it("the audit key must come from AUDIT_KEY: without it a new database stops before the chain starts", () => {
    delete process.env.AUDIT_KEY;
    const url = emptyPgDatabase();
    let failure: unknown;
    try {
      openDatabase(url).close();
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(AuditChainError);
    expect(failure).toMatchObject({
      code: "AUDIT_KEY_MISSING",
      message: expect.stringMatching(/AUDIT_KEY is not set.*same value on every app node/),
      messageVi: expect.stringMatching(/AUDIT_KEY.*cùng một giá trị trên mọi máy chủ ứng dụng/),
    });
    // Migration 005 was rolled back whole; the ones before it stay.
    const h = openDatabase(url, { migrate: false });
    opened.push(h);
    expect(appliedIds(h)).toEqual(ALL_IDS.slice(0, ALL_IDS.indexOf("005_keyed_audit_chain")));
    expect(tableExists(h.conn, "audit_chain")).toBe(false);
    // Never a key of this process's own, as an in-memory SQLite database gets.
    expect(() => resolveAuditKey(h.conn)).toThrow(expect.objectContaining({ code: "AUDIT_KEY_MISSING" }));
    expect(() => resolveAuditKey(h.conn, { create: true })).toThrow(
      expect.objectContaining({ code: "AUDIT_KEY_MISSING" }),
    );

    process.env.AUDIT_KEY = KEY;
    expect(migrate(h)).toEqual(ALL_IDS.slice(ALL_IDS.indexOf("005_keyed_audit_chain")));
    expect(resolveAuditKey(h.conn)).toMatchObject({ source: "AUDIT_KEY" });
    expect(verifyAuditChain(h)).toEqual({ ok: true, count: 0 });
  });
});
