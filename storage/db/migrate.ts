import { dialectOf, type SqlConnection } from "./sql-connection";
import { migration001 } from "../migrations/001_initial";
import { migration002 } from "../migrations/002_publisher";
import { migration003 } from "../migrations/003_version_preflight";
import { migration004 } from "../migrations/004_snapshot_machine_version";
import { migration005 } from "../migrations/005_keyed_audit_chain";
import { migration006 } from "../migrations/006_notifications";
import { migration007 } from "../migrations/007_deadlines_and_search";
import { migration008 } from "../migrations/008_scaled_print_file";
import { migration009 } from "../migrations/009_orders_installations_report";
import { migration010 } from "../migrations/010_media_library";
import { migration011 } from "../migrations/011_login_limits";

export interface Migration {
  id: string;
  up(conn: SqlConnection): void;
}

// Listed explicitly rather than read from the folder so the Vite server bundle contains them.
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
];

/** The advisory-lock key nodes take while migrating (any fixed number; "codong" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x636f646f6e67;

/**
 * Applies every migration not yet recorded in schema_migrations, each in its own transaction
 * (IMMEDIATE on SQLite). On PostgreSQL the whole run holds an advisory lock, so app nodes starting
 * at once take turns: the first migrates, the others then find nothing left to do. Returns the
 * ids applied. Throws what a migration throws (the failed one is rolled back).
 */
export function migrate(handle: { conn: SqlConnection } | SqlConnection): string[] {
  const conn = "conn" in handle ? handle.conn : handle;
  const postgres = dialectOf(conn) === "postgres";
  if (postgres) conn.prepare("SELECT pg_advisory_lock(?)").get(MIGRATION_LOCK_KEY);
  try {
    conn.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      const run = conn.transaction(() => {
        const done = conn.prepare("SELECT 1 FROM schema_migrations WHERE id = ?").get(m.id);
        if (done) return false;
        m.up(conn);
        conn
          .prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)")
          .run(m.id, new Date().toISOString());
        return true;
      });
      if (run.immediate()) applied.push(m.id);
    }
    return applied;
  } finally {
    if (postgres && conn.open) conn.prepare("SELECT pg_advisory_unlock(?)").get(MIGRATION_LOCK_KEY);
  }
}
