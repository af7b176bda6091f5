import type BetterSqlite3 from "better-sqlite3";
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

/** Fills assets.search_key from each asset's code, title and current version (rows written before 007). */
export function backfillSearchKeys(sqlite: BetterSqlite3.Database): void {
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.code, a.title, v.text, v.subtitle FROM assets a
         LEFT JOIN asset_versions v ON v.id = a.current_version_id`,
    )
    .all() as { id: string; code: string; title: string; text: string | null; subtitle: string | null }[];
  const set = sqlite.prepare("UPDATE assets SET search_key = ? WHERE id = ?");
  for (const r of rows) set.run(assetSearchKey([r.code, r.title, r.text, r.subtitle]), r.id);
}

export const migration007 = {
  id: "007_deadlines_and_search",
  up(sqlite: BetterSqlite3.Database): void {
    sqlite.exec(SQL);
    backfillSearchKeys(sqlite);
  },
};
