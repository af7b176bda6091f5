import type BetterSqlite3 from "better-sqlite3";

// The preflight report of the render a version was made from: JSON
// {"ok":bool,"errors":[{"code","messageVi"}],"warnings":[…]}. Reviewers see the warnings before
// deciding, and SUBMIT (also FORWARD, APPROVE) is refused while it lists errors. NULL for versions
// made before this migration: nothing is shown and nothing is blocked for them.
const SQL = `
ALTER TABLE asset_versions ADD COLUMN preflight_json TEXT;
`;

export const migration003 = {
  id: "003_version_preflight",
  up(sqlite: BetterSqlite3.Database): void {
    sqlite.exec(SQL);
  },
};
