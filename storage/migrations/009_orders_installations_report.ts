import { dialectOf, type SqlConnection } from "../db/sql-connection";

// Issue 13: from an approved file to a banner on the road, and the report to the city.
// - placements: the plan's register of physical places (kind, name, address or road segment,
//   optional coordinates, the formats whose frame fits there); demo rows are marked is_demo.
// - print_orders / print_order_lines / print_order_line_placements: the office orders published
//   versions from a print-shop unit; a line is bound to the version that was published when it was
//   ordered. printed_on / delivered_on mirror the print shop's confirmations (print_confirmations
//   gains order_line_id) so the report reads one row per line.
// - installations / installation_photos: proof that a line's copy hangs at a place (nghiệm thu),
//   and when it was taken down; photos live in the object store, the row keeps key and hash.
// - plan_targets: how many banners, posters and social posts the admin expects per content item.
// - social_posts: "đã đăng" records of a published social asset on one of the commune's channels.
const DATE = (col: string) =>
  `${col} TEXT CHECK (${col} IS NULL OR (length(${col}) = 10 AND ${col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'))`;

const SQL = `
CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kind TEXT NOT NULL CHECK (kind IN ('road','office','village_hall','crowded_place','led_screen')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 300),
  lat REAL CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lng REAL CHECK (lng IS NULL OR (lng BETWEEN -180 AND 180)),
  frame_text TEXT NOT NULL DEFAULT '' CHECK (length(frame_text) <= 200),
  format_ids_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(format_ids_json) AND json_type(format_ids_json) = 'array'),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0,1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL)),
  UNIQUE (plan_id, name)
);
CREATE INDEX placements_plan ON placements(plan_id, kind);

CREATE TABLE print_orders (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  printer_unit_id TEXT NOT NULL REFERENCES units(id),
  ${DATE("deliver_by")},
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','cancelled')),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX print_orders_printer ON print_orders(printer_unit_id, created_at);

CREATE TABLE print_order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES print_orders(id),
  sort_order INTEGER NOT NULL,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  material TEXT NOT NULL DEFAULT '' CHECK (length(material) <= 200),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  ${DATE("printed_on")},
  ${DATE("delivered_on")},
  CHECK (delivered_on IS NULL OR printed_on IS NOT NULL),
  UNIQUE (order_id, asset_id)
);
CREATE INDEX print_order_lines_asset ON print_order_lines(asset_id);

CREATE TABLE print_order_line_placements (
  line_id TEXT NOT NULL REFERENCES print_order_lines(id),
  placement_id TEXT NOT NULL REFERENCES placements(id),
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 10000),
  PRIMARY KEY (line_id, placement_id)
);

ALTER TABLE print_confirmations ADD COLUMN order_line_id TEXT REFERENCES print_order_lines(id);

CREATE TABLE installations (
  id TEXT PRIMARY KEY,
  line_id TEXT NOT NULL REFERENCES print_order_lines(id),
  placement_id TEXT NOT NULL REFERENCES placements(id),
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  ${DATE("installed_on")} NOT NULL,
  ${DATE("removed_on")},
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  installed_by TEXT NOT NULL REFERENCES users(id),
  removed_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (removed_on IS NULL OR removed_on >= installed_on),
  UNIQUE (line_id, placement_id)
);
CREATE INDEX installations_asset ON installations(asset_id);
CREATE INDEX installations_placement ON installations(placement_id);

CREATE TABLE installation_photos (
  id TEXT PRIMARY KEY,
  installation_id TEXT NOT NULL REFERENCES installations(id),
  asset_id TEXT NOT NULL REFERENCES assets(id),
  object_key TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  content_type TEXT NOT NULL CHECK (content_type = 'image/jpeg'),
  captured_at TEXT,
  lat REAL CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lng REAL CHECK (lng IS NULL OR (lng BETWEEN -180 AND 180)),
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX installation_photos_installation ON installation_photos(installation_id, created_at);

CREATE TABLE plan_targets (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  content_item_id TEXT NOT NULL REFERENCES content_items(id),
  banners INTEGER NOT NULL DEFAULT 0 CHECK (banners BETWEEN 0 AND 100000),
  posters INTEGER NOT NULL DEFAULT 0 CHECK (posters BETWEEN 0 AND 100000),
  social_posts INTEGER NOT NULL DEFAULT 0 CHECK (social_posts BETWEEN 0 AND 100000),
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, content_item_id)
);

CREATE TABLE social_posts (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  channel TEXT NOT NULL CHECK (channel IN ('fanpage','youtube','zalo_oa','portal')),
  url TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000 AND (url LIKE 'https://%' OR url LIKE 'http://%')),
  ${DATE("posted_on")} NOT NULL,
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  recorded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (asset_id, channel, url)
);
CREATE INDEX social_posts_asset ON social_posts(asset_id);
`;

// PostgreSQL: REAL is DOUBLE PRECISION, GLOB is SIMILAR TO with the same pattern, and json_type()
// is defined with SQLite's answers (json_valid() comes from migration 007). A malformed text gets
// NULL from it rather than an error, so the CHECK fails as a CHECK.
const PG_DATE = (col: string) =>
  `${col} TEXT CHECK (${col} IS NULL OR (length(${col}) = 10 AND ${col} SIMILAR TO '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'))`;

const POSTGRES_SQL = `
CREATE FUNCTION json_type(value TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  doc json;
BEGIN
  doc := value::json;
  RETURN CASE json_typeof(doc)
    WHEN 'string' THEN 'text'
    WHEN 'number' THEN CASE WHEN doc::text ~ '[.eE]' THEN 'real' ELSE 'integer' END
    WHEN 'boolean' THEN btrim(doc::text)
    ELSE json_typeof(doc)
  END;
EXCEPTION WHEN invalid_text_representation THEN
  RETURN NULL;
END $$;

CREATE TABLE placements (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  kind TEXT NOT NULL CHECK (kind IN ('road','office','village_hall','crowded_place','led_screen')),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 300),
  lat DOUBLE PRECISION CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lng DOUBLE PRECISION CHECK (lng IS NULL OR (lng BETWEEN -180 AND 180)),
  frame_text TEXT NOT NULL DEFAULT '' CHECK (length(frame_text) <= 200),
  format_ids_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(format_ids_json) AND json_type(format_ids_json) = 'array'),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0,1)),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL)),
  UNIQUE (plan_id, name)
);
CREATE INDEX placements_plan ON placements(plan_id, kind);

CREATE TABLE print_orders (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  printer_unit_id TEXT NOT NULL REFERENCES units(id),
  ${PG_DATE("deliver_by")},
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','cancelled')),
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX print_orders_printer ON print_orders(printer_unit_id, created_at);

CREATE TABLE print_order_lines (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES print_orders(id),
  sort_order INTEGER NOT NULL,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
  material TEXT NOT NULL DEFAULT '' CHECK (length(material) <= 200),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  ${PG_DATE("printed_on")},
  ${PG_DATE("delivered_on")},
  CHECK (delivered_on IS NULL OR printed_on IS NOT NULL),
  UNIQUE (order_id, asset_id)
);
CREATE INDEX print_order_lines_asset ON print_order_lines(asset_id);

CREATE TABLE print_order_line_placements (
  line_id TEXT NOT NULL REFERENCES print_order_lines(id),
  placement_id TEXT NOT NULL REFERENCES placements(id),
  quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 10000),
  PRIMARY KEY (line_id, placement_id)
);

ALTER TABLE print_confirmations ADD COLUMN order_line_id TEXT REFERENCES print_order_lines(id);

CREATE TABLE installations (
  id TEXT PRIMARY KEY,
  line_id TEXT NOT NULL REFERENCES print_order_lines(id),
  placement_id TEXT NOT NULL REFERENCES placements(id),
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  ${PG_DATE("installed_on")} NOT NULL,
  ${PG_DATE("removed_on")},
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  installed_by TEXT NOT NULL REFERENCES users(id),
  removed_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (removed_on IS NULL OR removed_on >= installed_on),
  UNIQUE (line_id, placement_id)
);
CREATE INDEX installations_asset ON installations(asset_id);
CREATE INDEX installations_placement ON installations(placement_id);

CREATE TABLE installation_photos (
  id TEXT PRIMARY KEY,
  installation_id TEXT NOT NULL REFERENCES installations(id),
  asset_id TEXT NOT NULL REFERENCES assets(id),
  object_key TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  content_type TEXT NOT NULL CHECK (content_type = 'image/jpeg'),
  captured_at TEXT,
  lat DOUBLE PRECISION CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90)),
  lng DOUBLE PRECISION CHECK (lng IS NULL OR (lng BETWEEN -180 AND 180)),
  uploaded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX installation_photos_installation ON installation_photos(installation_id, created_at);

CREATE TABLE plan_targets (
  plan_id TEXT NOT NULL REFERENCES plans(id),
  content_item_id TEXT NOT NULL REFERENCES content_items(id),
  banners INTEGER NOT NULL DEFAULT 0 CHECK (banners BETWEEN 0 AND 100000),
  posters INTEGER NOT NULL DEFAULT 0 CHECK (posters BETWEEN 0 AND 100000),
  social_posts INTEGER NOT NULL DEFAULT 0 CHECK (social_posts BETWEEN 0 AND 100000),
  updated_by TEXT REFERENCES users(id),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, content_item_id)
);

CREATE TABLE social_posts (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  channel TEXT NOT NULL CHECK (channel IN ('fanpage','youtube','zalo_oa','portal')),
  url TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000 AND (url LIKE 'https://%' OR url LIKE 'http://%')),
  ${PG_DATE("posted_on")} NOT NULL,
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  recorded_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (asset_id, channel, url)
);
CREATE INDEX social_posts_asset ON social_posts(asset_id);
`;

export const migration009 = {
  id: "009_orders_installations_report",
  up(conn: SqlConnection): void {
    conn.exec(dialectOf(conn) === "postgres" ? POSTGRES_SQL : SQL);
  },
};
