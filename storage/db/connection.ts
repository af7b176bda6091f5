import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { migrate } from "./migrate";
import type { Database } from "./schema";

export interface DbHandle {
  /** Raw connection: synchronous transactions (BEGIN IMMEDIATE) are run on it. */
  sqlite: BetterSqlite3.Database;
  /** Typed query builder over the same connection. */
  db: Kysely<Database>;
  path: string;
  close(): void;
}

/**
 * The SQLite file, as an absolute path: DATABASE_PATH when set, else `co-dong.sqlite` in DATA_DIR
 * (default `./data`), relative paths taken from the working directory. `env` holds the two
 * variables as config/env.server.ts parsed them.
 */
export function resolveDatabasePath(env: { DATABASE_PATH?: string; DATA_DIR?: string }): string {
  if (env.DATABASE_PATH) return path.resolve(env.DATABASE_PATH);
  return path.resolve(env.DATA_DIR ?? "./data", "co-dong.sqlite");
}

export interface OpenOptions {
  /** Run pending migrations right after opening (default true). */
  migrate?: boolean;
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating its folder) and, unless `options.migrate` is false, migrates the SQLite file at
 * `file` (":memory:" for a throwaway one). Throws SqliteError (SQLITE_CANTOPEN, SQLITE_READONLY…)
 * and what a migration throws (AuditChainError AUDIT_KEY_* while the audit chain starts).
 */
export function openDatabase(file: string, options: OpenOptions = {}): DbHandle {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const handle: DbHandle = {
    sqlite,
    db,
    path: file,
    close() {
      // Kysely's destroy() closes the same better-sqlite3 connection asynchronously; close
      // synchronously instead so callers (tests, scripts) can delete the file right after.
      if (sqlite.open) sqlite.close();
    },
  };
  if (options.migrate !== false) migrate(handle);
  return handle;
}

let singleton: DbHandle | undefined;

/**
 * The process-wide connection for the web app to `file` (an absolute path, as resolveDatabasePath
 * gives), opened and migrated on first use; another file closes it and opens that one. Throws
 * what openDatabase throws.
 */
export function getDb(file: string): DbHandle {
  if (singleton?.sqlite.open && singleton.path !== file) singleton.close();
  if (!singleton?.sqlite.open) singleton = openDatabase(file);
  return singleton;
}

export function closeDb(): void {
  singleton?.close();
  singleton = undefined;
}
