import type { SqlConnection } from "../db/sql-connection";

// The preflight report of the render a version was made from: JSON
// {"ok":bool,"errors":[{"code","messageVi"}],"warnings":[…]}. Reviewers see the warnings before
// deciding, and SUBMIT (also FORWARD, APPROVE) is refused while it lists errors. NULL for versions
// made before this migration: nothing is shown and nothing is blocked for them.
// Portable: PostgreSQL runs the same statements (test/storage/schema-lockstep.test.ts).
const SQL = `
ALTER TABLE asset_versions ADD COLUMN preflight_json TEXT;
`;

export const migration003 = {
  id: "003_version_preflight",
  up(conn: SqlConnection): void {
    conn.exec(SQL);
  },
};
