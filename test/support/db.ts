import type BetterSqlite3 from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DbHandle, isPostgresUrl, openDatabase } from "../../storage/db/connection";
import { seedAll } from "../../storage/seed/seed";
import { createPgDatabase, dropPgDatabase, pgBaseUrl } from "./pg-templates";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const PLAN_FILE = "ke-hoach-tuyen-truyen-cchc-lac-phuong-2026.md";
/** The plan as the repository carries it, so a clone anywhere can check the seed against it. */
export const PLAN_MARKDOWN = path.resolve(REPO_ROOT, "storage/seed/source", PLAN_FILE);
/** Where the commune's shared folder publishes it, when the clone sits beside that folder. */
export const SHARED_PLAN_MARKDOWN = path.resolve(REPO_ROOT, "../shared/seed", PLAN_FILE);

export interface TempDb {
  dir: string;
  file: string;
  handle: DbHandle;
  /** Closes and re-opens the same file, as a restarted process would. */
  reopen(): DbHandle;
  /** A second, independent connection to the same file. */
  connect(): DbHandle;
  cleanup(): void;
}

export function makeTempDir(prefix = "co-dong-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** True when this run is on PostgreSQL (`npm run test:pg`): SQLite-only checks skip themselves. */
export const ON_POSTGRES = pgBaseUrl() !== null;

/**
 * A fresh migrated database with a temp folder: a SQLite file in the folder, or on PostgreSQL a
 * database copied from the migrated template (`file` is then its URL).
 */
export function tempDb(template: "migrated" | "seeded" = "migrated"): TempDb {
  const dir = makeTempDir();
  const file = ON_POSTGRES ? createPgDatabase(template) : path.join(dir, "co-dong.sqlite");
  const extra: DbHandle[] = [];
  const t: TempDb = {
    dir,
    file,
    handle: openDatabase(file),
    reopen() {
      t.handle.close();
      t.handle = openDatabase(file);
      return t.handle;
    },
    connect() {
      const h = openDatabase(file);
      extra.push(h);
      return h;
    },
    cleanup() {
      for (const h of extra) h.close();
      t.handle.close();
      if (ON_POSTGRES) dropPgDatabase(file);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** A temp database with the plan and the five demo users. */
export async function seededDb(): Promise<TempDb> {
  // PostgreSQL copies a database seeded once per run; SQLite seeds each file (it is fast there).
  if (ON_POSTGRES) return tempDb("seeded");
  const t = tempDb();
  await seedAll(t.handle);
  return t;
}

export const USERS = {
  drafter: "user-soanthao",
  office: "user-vanhoa",
  approver: "user-phochutich",
  printer: "user-inan",
  admin: "user-quantri",
} as const;

/** Bytes that pass the service's "%PDF-" check; the label makes each version's hash distinct. */
export function fakePdf(label: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n% ${label}\n1 0 obj <<>> endobj\n%%EOF\n`);
}

export function fakeFiles(label: string) {
  return {
    pdf: fakePdf(label),
    png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...new TextEncoder().encode(label)]),
    svg: `<svg xmlns="http://www.w3.org/2000/svg"><title>${label}</title></svg>`,
  };
}

/** Every row of every user table, in a stable order, for before/after comparisons. */
export function dumpTables(handle: DbHandle, except: string[] = []): Record<string, unknown[]> {
  const tables = handle.conn
    .prepare(
      handle.dialect === "postgres"
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    out[name] = handle.conn.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all();
  }
  return out;
}

/** The better-sqlite3 database under a SQLite handle (pragmas, file checks); throws on PostgreSQL. */
export function sqliteOf(handle: DbHandle): BetterSqlite3.Database {
  if (handle.dialect !== "sqlite") throw new Error("this check reads SQLite internals");
  return handle.conn as unknown as BetterSqlite3.Database;
}

/**
 * The environment that points the app or the CLI at `target` (a TempDb's `file`): DATABASE_URL on
 * a PostgreSQL run, DATABASE_PATH on SQLite; the other variable is removed.
 */
export function dbEnv(target: string): {
  DATABASE_PATH: string | undefined;
  DATABASE_URL: string | undefined;
} {
  return isPostgresUrl(target)
    ? { DATABASE_URL: target, DATABASE_PATH: undefined }
    : { DATABASE_PATH: target, DATABASE_URL: undefined };
}
