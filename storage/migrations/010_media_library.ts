import { dialectOf, type SqlConnection } from "../db/sql-connection";

// Issue 14: the media library (thư viện ảnh). One row per stored image, content-addressed: the
// object key is derived from the SHA-256 of the re-encoded bytes, so a photo uploaded twice is one
// row, and a version that names a photo by its hash always finds the same pixels. Rows are never
// deleted (versions refer to them); `retired_at` hides one from pickers. The focal point is kept
// as fractions of the width and height; 'auto' until someone taps on the photo.
// The brand kit is a settings row ('brand_kit'); its logo is a media row of kind 'logo'.
const SQL = `
CREATE TABLE media (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  kind TEXT NOT NULL CHECK (kind IN ('photo','logo')),
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg','image/png','image/svg+xml')),
  source_type TEXT NOT NULL CHECK (source_type IN ('jpeg','png','webp','svg')),
  object_key TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  caption TEXT NOT NULL DEFAULT '' CHECK (length(caption) <= 500),
  credit TEXT NOT NULL DEFAULT '' CHECK (length(credit) <= 200),
  focus_x REAL NOT NULL DEFAULT 0.5 CHECK (focus_x BETWEEN 0 AND 1),
  focus_y REAL NOT NULL DEFAULT 0.5 CHECK (focus_y BETWEEN 0 AND 1),
  focus_source TEXT NOT NULL DEFAULT 'auto' CHECK (focus_source IN ('auto','manual')),
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX media_kind ON media(kind, retired_at, uploaded_at);

CREATE TABLE media_tags (
  media_id TEXT NOT NULL REFERENCES media(id),
  content_item_id TEXT NOT NULL REFERENCES content_items(id),
  PRIMARY KEY (media_id, content_item_id)
);
CREATE INDEX media_tags_item ON media_tags(content_item_id);
`;

// PostgreSQL: the same, with DOUBLE PRECISION for REAL (a 4-byte float there).
const POSTGRES_SQL = `
CREATE TABLE media (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  kind TEXT NOT NULL CHECK (kind IN ('photo','logo')),
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg','image/png','image/svg+xml')),
  source_type TEXT NOT NULL CHECK (source_type IN ('jpeg','png','webp','svg')),
  object_key TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  caption TEXT NOT NULL DEFAULT '' CHECK (length(caption) <= 500),
  credit TEXT NOT NULL DEFAULT '' CHECK (length(credit) <= 200),
  focus_x DOUBLE PRECISION NOT NULL DEFAULT 0.5 CHECK (focus_x BETWEEN 0 AND 1),
  focus_y DOUBLE PRECISION NOT NULL DEFAULT 0.5 CHECK (focus_y BETWEEN 0 AND 1),
  focus_source TEXT NOT NULL DEFAULT 'auto' CHECK (focus_source IN ('auto','manual')),
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  retired_at TEXT
);
CREATE INDEX media_kind ON media(kind, retired_at, uploaded_at);

CREATE TABLE media_tags (
  media_id TEXT NOT NULL REFERENCES media(id),
  content_item_id TEXT NOT NULL REFERENCES content_items(id),
  PRIMARY KEY (media_id, content_item_id)
);
CREATE INDEX media_tags_item ON media_tags(content_item_id);
`;

export const migration010 = {
  id: "010_media_library",
  up(conn: SqlConnection): void {
    conn.exec(dialectOf(conn) === "postgres" ? POSTGRES_SQL : SQL);
  },
};
