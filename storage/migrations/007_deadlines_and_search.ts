import { dialectOf, type SqlConnection } from "../db/sql-connection";
import { assetSearchKey } from "../../domain/search-fold";

// Issue 12: an asset may belong to one of the plan's tasks and carry a date it must be finished by
// ("cần hoàn thành trước"); the asset list searches a folded key (no marks, lower case) of code,
// title and current text, so "thu tuc" finds "thủ tục" with a plain index-free LIKE that works the
// same on PostgreSQL later. `settings` holds what the admin tunes without a release: reminder
// thresholds per step and the year's public holidays.
const SQL = `
ALTER TABLE assets ADD COLUMN task_id TEXT REFERENCES tasks(id);
ALTER TABLE assets ADD COLUMN due_on TEXT
  CHECK (due_on IS NULL OR (length(due_on) = 10 AND due_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'));
ALTER TABLE assets ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX assets_due ON assets(due_on) WHERE due_on IS NOT NULL;
CREATE INDEX audit_events_asset_to_state ON audit_events(asset_id, to_state, id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL
);
`;

// PostgreSQL: GLOB is SIMILAR TO with the same pattern (both match the whole value), and
// json_valid() is defined as SQLite has it, so the CHECK reads the same on both.
const POSTGRES_SQL = `
CREATE FUNCTION json_valid(value TEXT) RETURNS BOOLEAN LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
  PERFORM value::json;
  RETURN true;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN false;
END $$;

ALTER TABLE assets ADD COLUMN task_id TEXT REFERENCES tasks(id);
ALTER TABLE assets ADD COLUMN due_on TEXT
  CHECK (due_on IS NULL OR (length(due_on) = 10 AND due_on SIMILAR TO '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'));
ALTER TABLE assets ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX assets_due ON assets(due_on) WHERE due_on IS NOT NULL;
CREATE INDEX audit_events_asset_to_state ON audit_events(asset_id, to_state, id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL
);
`;

/** Fills assets.search_key from each asset's code, title and current version (rows written before 007). */
export function backfillSearchKeys(conn: SqlConnection): void {
  const rows = conn
    .prepare(
      `SELECT a.id, a.code, a.title, v.text, v.subtitle FROM assets a
         LEFT JOIN asset_versions v ON v.id = a.current_version_id`,
    )
    .all() as { id: string; code: string; title: string; text: string | null; subtitle: string | null }[];
  const set = conn.prepare("UPDATE assets SET search_key = ? WHERE id = ?");
  for (const r of rows) set.run(assetSearchKey([r.code, r.title, r.text, r.subtitle]), r.id);
}

export const migration007 = {
  id: "007_deadlines_and_search",
  up(conn: SqlConnection): void {
    conn.exec(dialectOf(conn) === "postgres" ? POSTGRES_SQL : SQL);
    backfillSearchKeys(conn);
  },
};
