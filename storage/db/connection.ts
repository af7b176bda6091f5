import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteDialect,
} from "kysely";
import { migrate } from "./migrate";
import { PgConnection } from "./postgres/connection";
import type { Database } from "./schema";
import type { Dialect, SqlConnection } from "./sql-connection";

export interface DbHandle {
  /** The synchronous connection transactions run on (storage/db/sql-connection.ts). */
  conn: SqlConnection;
  /** Typed query builder in the connection's dialect; queries run through storage/db/sync.ts. */
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite file, or the PostgreSQL URL (password removed). */
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

/** True for a `postgres://` or `postgresql://` URL (DATABASE_URL), false for a SQLite file path. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export interface OpenOptions {
  /** Run pending migrations right after opening (default true). */
  migrate?: boolean;
  /** How long a SQLite writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

/**
 * Opens `target` — a PostgreSQL URL, or a SQLite file (created with its folder; ":memory:" for a
 * throwaway one) — and, unless `options.migrate` is false, migrates it. Throws SqliteError
 * (SQLITE_CANTOPEN, SQLITE_READONLY…) or PgError (08001 cannot connect…), and what a migration
 * throws (AuditChainError AUDIT_KEY_* while the audit chain starts).
 */
export function openDatabase(target: string, options: OpenOptions = {}): DbHandle {
  const handle = isPostgresUrl(target) ? openPostgres(target) : openSqlite(target, options);
  if (options.migrate !== false) {
    try {
      migrate(handle);
    } catch (err) {
      handle.close();
      throw err;
    }
  }
  return handle;
}

function openSqlite(file: string, options: OpenOptions): DbHandle {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const conn = new BetterSqlite3(file);
  conn.pragma("journal_mode = WAL");
  conn.pragma("foreign_keys = ON");
  conn.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
  conn.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: conn }) });
  return {
    conn,
    db,
    dialect: "sqlite",
    path: file,
    close() {
      // Kysely's destroy() closes the same better-sqlite3 connection asynchronously; close
      // synchronously instead so callers (tests, scripts) can delete the file right after.
      if (conn.open) conn.close();
    },
  };
}

function openPostgres(url: string): DbHandle {
  const conn = new PgConnection(url);
  // Kysely only compiles here (to `$n` SQL in PostgreSQL's dialect); storage/db/sync.ts runs it on
  // the synchronous connection, so the dummy driver never executes anything.
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  return {
    conn,
    db,
    dialect: "postgres",
    path: conn.name,
    close() {
      conn.close();
    },
  };
}

let singleton: DbHandle | undefined;
let singletonTarget: string | undefined;

/**
 * The process-wide connection for the web app to `target` (a PostgreSQL URL, or an absolute
 * SQLite path as resolveDatabasePath gives), opened and migrated on first use; another target
 * closes it and opens that one. Throws what openDatabase throws.
 */
export function getDb(target: string): DbHandle {
  if (singleton?.conn.open && singletonTarget !== target) singleton.close();
  if (!singleton?.conn.open) {
    singleton = openDatabase(target);
    singletonTarget = target;
  }
  return singleton;
}

export function closeDb(): void {
  singleton?.close();
  singleton = undefined;
  singletonTarget = undefined;
}
