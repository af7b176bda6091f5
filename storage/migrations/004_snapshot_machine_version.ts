import type { SqlConnection } from "../db/sql-connection";

// Which machine definition wrote an asset's snapshot_json: its id ("asset") and version (see
// ASSET_MACHINE_VERSION in workflows/asset-machine.ts). The service refuses to restore a snapshot
// whose machine it does not know (SNAPSHOT_UNKNOWN) and upgrades known older versions. Rows
// written before this migration keep NULL in both columns: they were all written by version 1,
// are read as such, and get stamped on their next write (decision 011).
// Portable: PostgreSQL runs the same statements (test/storage/schema-lockstep.test.ts).
const SQL = `
ALTER TABLE assets ADD COLUMN machine_id TEXT;
ALTER TABLE assets ADD COLUMN machine_version INTEGER;
`;

export const migration004 = {
  id: "004_snapshot_machine_version",
  up(conn: SqlConnection): void {
    conn.exec(SQL);
  },
};
