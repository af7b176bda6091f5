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

export function resolveDatabasePath(env: Record<string, string | undefined> = process.env): string {
  if (env.DATABASE_PATH) return path.resolve(env.DATABASE_PATH);
  return path.resolve(env.DATA_DIR ?? "./data", "co-dong.sqlite");
}

export interface OpenOptions {
  /** Run pending migrations right after opening (default true). */
  migrate?: boolean;
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string = resolveDatabasePath(), options: OpenOptions = {}): DbHandle {
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

/** The process-wide connection for the web app, opened and migrated on first use. */
export function getDb(): DbHandle {
  if (!singleton?.sqlite.open) singleton = openDatabase();
  return singleton;
}

export function closeDb(): void {
  singleton?.close();
  singleton = undefined;
}
