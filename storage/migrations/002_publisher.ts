import type { SqlConnection } from "../db/sql-connection";

// One row per uploaded file of an approved version. The object itself is never deleted on revoke
// (it is the audit copy, and usually under retention); `withdrawn_at` is what stops new links.
// Portable: PostgreSQL runs the same statements (test/storage/schema-lockstep.test.ts).
const SQL = `
CREATE TABLE published_objects (
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  kind TEXT NOT NULL CHECK (kind IN ('pdf','png','svg')),
  asset_id TEXT NOT NULL REFERENCES assets(id),
  object_key TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL,
  etag TEXT NOT NULL,
  retained_until TEXT,
  uploaded_at TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_reason TEXT,
  PRIMARY KEY (version_id, kind)
);
CREATE INDEX published_objects_asset ON published_objects(asset_id);
`;

export const migration002 = {
  id: "002_publisher",
  up(conn: SqlConnection): void {
    conn.exec(SQL);
  },
};
