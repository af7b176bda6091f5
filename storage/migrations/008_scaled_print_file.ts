import { dialectOf, type SqlConnection } from "../db/sql-connection";

// Issue 13 §2: pages over 5.08 m carry /UserUnit, which poppler-based tools and many RIPs ignore, so
// such formats get a second print file at 1:10 beside the true-size one. Its kind, 'pdf_scaled',
// must pass the CHECKs of the three tables that name file kinds. SQLite cannot alter a CHECK, so each
// table is rebuilt under the same name (nothing references these tables, so the drop is safe with
// foreign keys on); indexes are recreated as they were.
const KINDS = "('pdf','pdf_scaled','png','svg')";

const SQL = `
CREATE TABLE version_files_new (
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
  bytes BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (version_id, kind)
);
INSERT INTO version_files_new SELECT version_id, kind, bytes, sha256, size FROM version_files;
DROP TABLE version_files;
ALTER TABLE version_files_new RENAME TO version_files;

CREATE TABLE published_objects_new (
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
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
INSERT INTO published_objects_new SELECT version_id, kind, asset_id, object_key, sha256, size, etag,
  retained_until, uploaded_at, withdrawn_at, withdrawn_reason FROM published_objects;
DROP TABLE published_objects;
ALTER TABLE published_objects_new RENAME TO published_objects;
CREATE INDEX published_objects_asset ON published_objects(asset_id);

CREATE TABLE downloads_new (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  file_kind TEXT NOT NULL CHECK (file_kind IN ${KINDS}),
  at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
INSERT INTO downloads_new SELECT id, asset_id, version_id, user_id, file_kind, at, ip, user_agent FROM downloads;
DROP TABLE downloads;
ALTER TABLE downloads_new RENAME TO downloads;
CREATE INDEX downloads_asset ON downloads(asset_id, at);
`;

// PostgreSQL alters a CHECK in place: the same end schema, without the rebuilds. The constraint
// names are the ones PostgreSQL gave the column CHECKs in migration 001 and 002.
const POSTGRES_SQL = `
ALTER TABLE version_files DROP CONSTRAINT version_files_kind_check,
  ADD CONSTRAINT version_files_kind_check CHECK (kind IN ${KINDS});
ALTER TABLE published_objects DROP CONSTRAINT published_objects_kind_check,
  ADD CONSTRAINT published_objects_kind_check CHECK (kind IN ${KINDS});
ALTER TABLE downloads DROP CONSTRAINT downloads_file_kind_check,
  ADD CONSTRAINT downloads_file_kind_check CHECK (file_kind IN ${KINDS});
`;

export const migration008 = {
  id: "008_scaled_print_file",
  up(conn: SqlConnection): void {
    conn.exec(dialectOf(conn) === "postgres" ? POSTGRES_SQL : SQL);
  },
};
