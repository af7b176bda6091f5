import type BetterSqlite3 from "better-sqlite3";
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

export interface Migration {
  id: string;
  up(sqlite: BetterSqlite3.Database): void;
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
];

/**
 * Applies every migration not yet recorded in schema_migrations, each in its own IMMEDIATE
 * transaction so two processes starting at once cannot both apply the same one.
 */
export function migrate(handle: { sqlite: BetterSqlite3.Database } | BetterSqlite3.Database): string[] {
  const sqlite = "sqlite" in handle ? handle.sqlite : handle;
  sqlite.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied: string[] = [];
  for (const m of MIGRATIONS) {
    const run = sqlite.transaction(() => {
      const done = sqlite.prepare("SELECT 1 FROM schema_migrations WHERE id = ?").get(m.id);
      if (done) return false;
      m.up(sqlite);
      sqlite
        .prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)")
        .run(m.id, new Date().toISOString());
      return true;
    });
    if (run.immediate()) applied.push(m.id);
  }
  return applied;
}
