import { dialectOf, type SqlConnection } from "../db/sql-connection";

// Text ids for rows that have a natural human key (plan, units, seeded content) so seeding can be
// idempotent; random UUIDs for rows people create. Times are ISO-8601 UTC strings.
const SQL = `
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  short_name TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('government','department','office','center','front','group','external','print_shop')),
  aliases_json TEXT NOT NULL DEFAULT '[]',
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  number TEXT,
  issued_on TEXT,
  issuing_unit_id TEXT NOT NULL REFERENCES units(id),
  title TEXT NOT NULL,
  theme TEXT NOT NULL,
  signer_name TEXT,
  signer_title TEXT,
  source_file TEXT
);

CREATE TABLE plan_references (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  sort_order INTEGER NOT NULL,
  number TEXT NOT NULL,
  issued_on TEXT,
  issuer TEXT NOT NULL,
  title TEXT NOT NULL
);

CREATE TABLE content_items (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  code TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (plan_id, code)
);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  lead_unit_id TEXT NOT NULL REFERENCES units(id),
  lead_text TEXT NOT NULL,
  cooperating_text TEXT NOT NULL,
  time_text TEXT NOT NULL,
  due_date TEXT,
  product TEXT NOT NULL,
  UNIQUE (plan_id, number)
);

CREATE TABLE task_units (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, unit_id)
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  job_title TEXT,
  unit_id TEXT REFERENCES units(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('drafter','office','approver','printer','admin')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE slogans (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  content_item_id TEXT REFERENCES content_items(id),
  text TEXT NOT NULL,
  is_theme INTEGER NOT NULL DEFAULT 0 CHECK (is_theme IN (0,1)),
  origin TEXT NOT NULL CHECK (origin IN ('seed','user')),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX slogans_item ON slogans(content_item_id);

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  content_item_id TEXT REFERENCES content_items(id),
  slogan_id TEXT REFERENCES slogans(id),
  template_id TEXT NOT NULL,
  format_id TEXT NOT NULL,
  title TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 0,
  current_version_id TEXT REFERENCES asset_versions(id) DEFERRABLE INITIALLY DEFERRED,
  placement TEXT CHECK (placement IN ('road','office','village_hall','crowded_place','online')),
  quantity INTEGER CHECK (quantity IS NULL OR quantity > 0),
  material_hint TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assets_item_state ON assets(content_item_id, state);
CREATE INDEX assets_state ON assets(state);

CREATE TABLE asset_versions (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  n INTEGER NOT NULL,
  text TEXT NOT NULL,
  subtitle TEXT,
  options_json TEXT NOT NULL DEFAULT '{}',
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  verify_code TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (asset_id, n)
);
CREATE INDEX asset_versions_hash ON asset_versions(content_hash);

CREATE TABLE version_files (
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  kind TEXT NOT NULL CHECK (kind IN ('pdf','png','svg')),
  bytes BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (version_id, kind)
);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT REFERENCES asset_versions(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  pin_x REAL CHECK (pin_x IS NULL OR (pin_x >= 0 AND pin_x <= 1)),
  pin_y REAL CHECK (pin_y IS NULL OR (pin_y >= 0 AND pin_y <= 1)),
  created_at TEXT NOT NULL,
  CHECK ((pin_x IS NULL) = (pin_y IS NULL))
);
CREATE INDEX comments_asset ON comments(asset_id, created_at);

-- AUTOINCREMENT so a deleted row's id is never reused: a gap is evidence.
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  asset_id TEXT,
  version_id TEXT,
  actor_user_id TEXT,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  reason_code TEXT,
  reason_text TEXT,
  comment TEXT,
  version_hash TEXT,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_events_asset ON audit_events(asset_id, id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processing','done','dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 10,
  available_at TEXT NOT NULL,
  locked_by TEXT,
  locked_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX outbox_ready ON outbox(status, available_at);

CREATE TABLE downloads (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  file_kind TEXT NOT NULL CHECK (file_kind IN ('pdf','png','svg')),
  at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX downloads_asset ON downloads(asset_id, at);

CREATE TABLE print_confirmations (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('printed','delivered')),
  quantity INTEGER CHECK (quantity IS NULL OR quantity > 0),
  note TEXT,
  at TEXT NOT NULL
);
CREATE INDEX print_confirmations_asset ON print_confirmations(asset_id, at);
`;

// The same schema on PostgreSQL (test/storage/schema-lockstep.test.ts compares the two). What
// differs, and why:
// - REAL is a 4-byte float there, so DOUBLE PRECISION; BLOB is BYTEA; AUTOINCREMENT ids are
//   identity columns BY DEFAULT, which also accept the ids the audit chain computes itself.
// - COLLATE NOCASE is an ICU collation of that name that ignores case (all of Unicode, where
//   SQLite's folds A–Z only; usernames are stored lower-case anyway).
// - PostgreSQL resolves REFERENCES when the table is created, so assets' deferred reference to
//   asset_versions is added once that table exists.
// - RAISE(ABORT, …) triggers call refuse_change() with the same message; TRUNCATE, which SQLite
//   does not have and which skips row triggers, is refused too.
// - audit_sequence is what sqlite_sequence is to AUTOINCREMENT: the highest audit id ever written
//   (storage/audit/head.ts reads it to see a deleted tail). It is kept by a trigger inside the
//   inserting transaction, because a PostgreSQL sequence is not rolled back with it and would
//   report rows that never committed.
const POSTGRES_SQL = `
CREATE COLLATION IF NOT EXISTS nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
END $$;

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  short_name TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('government','department','office','center','front','group','external','print_shop')),
  aliases_json TEXT NOT NULL DEFAULT '[]',
  sort_order INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  number TEXT,
  issued_on TEXT,
  issuing_unit_id TEXT NOT NULL REFERENCES units(id),
  title TEXT NOT NULL,
  theme TEXT NOT NULL,
  signer_name TEXT,
  signer_title TEXT,
  source_file TEXT
);

CREATE TABLE plan_references (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  sort_order INTEGER NOT NULL,
  number TEXT NOT NULL,
  issued_on TEXT,
  issuer TEXT NOT NULL,
  title TEXT NOT NULL
);

CREATE TABLE content_items (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  code TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (plan_id, code)
);

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  lead_unit_id TEXT NOT NULL REFERENCES units(id),
  lead_text TEXT NOT NULL,
  cooperating_text TEXT NOT NULL,
  time_text TEXT NOT NULL,
  due_date TEXT,
  product TEXT NOT NULL,
  UNIQUE (plan_id, number)
);

CREATE TABLE task_units (
  task_id TEXT NOT NULL REFERENCES tasks(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  sort_order INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (task_id, unit_id)
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT COLLATE nocase NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  job_title TEXT,
  unit_id TEXT REFERENCES units(id),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('drafter','office','approver','printer','admin')),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE slogans (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  content_item_id TEXT REFERENCES content_items(id),
  text TEXT NOT NULL,
  is_theme INTEGER NOT NULL DEFAULT 0 CHECK (is_theme IN (0,1)),
  origin TEXT NOT NULL CHECK (origin IN ('seed','user')),
  created_by TEXT REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX slogans_item ON slogans(content_item_id);

CREATE TABLE assets (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  plan_id TEXT NOT NULL REFERENCES plans(id),
  content_item_id TEXT REFERENCES content_items(id),
  slogan_id TEXT REFERENCES slogans(id),
  template_id TEXT NOT NULL,
  format_id TEXT NOT NULL,
  title TEXT NOT NULL,
  created_by TEXT NOT NULL REFERENCES users(id),
  state TEXT NOT NULL,
  snapshot_json TEXT NOT NULL,
  row_version INTEGER NOT NULL DEFAULT 0,
  current_version_id TEXT,
  placement TEXT CHECK (placement IN ('road','office','village_hall','crowded_place','online')),
  quantity INTEGER CHECK (quantity IS NULL OR quantity > 0),
  material_hint TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX assets_item_state ON assets(content_item_id, state);
CREATE INDEX assets_state ON assets(state);

CREATE TABLE asset_versions (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  n INTEGER NOT NULL,
  text TEXT NOT NULL,
  subtitle TEXT,
  options_json TEXT NOT NULL DEFAULT '{}',
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  verify_code TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  UNIQUE (asset_id, n)
);
CREATE INDEX asset_versions_hash ON asset_versions(content_hash);
ALTER TABLE assets ADD FOREIGN KEY (current_version_id) REFERENCES asset_versions(id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE version_files (
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  kind TEXT NOT NULL CHECK (kind IN ('pdf','png','svg')),
  bytes BYTEA NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  PRIMARY KEY (version_id, kind)
);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT REFERENCES asset_versions(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  pin_x DOUBLE PRECISION CHECK (pin_x IS NULL OR (pin_x >= 0 AND pin_x <= 1)),
  pin_y DOUBLE PRECISION CHECK (pin_y IS NULL OR (pin_y >= 0 AND pin_y <= 1)),
  created_at TEXT NOT NULL,
  CHECK ((pin_x IS NULL) = (pin_y IS NULL))
);
CREATE INDEX comments_asset ON comments(asset_id, created_at);

CREATE TABLE audit_events (
  id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  asset_id TEXT,
  version_id TEXT,
  actor_user_id TEXT,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  reason_code TEXT,
  reason_text TEXT,
  comment TEXT,
  version_hash TEXT,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_events_asset ON audit_events(asset_id, id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_events is append-only');
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change('audit_events is append-only');
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change('audit_events is append-only');

CREATE TABLE audit_sequence (
  name TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);
CREATE FUNCTION audit_sequence_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_sequence (name, seq) VALUES (TG_TABLE_NAME, NEW.id)
    ON CONFLICT (name) DO UPDATE SET seq = GREATEST(audit_sequence.seq, EXCLUDED.seq);
  RETURN NULL;
END $$;
CREATE TRIGGER audit_events_sequence AFTER INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_sequence_bump();

CREATE TABLE outbox (
  id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processing','done','dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 10,
  available_at TEXT NOT NULL,
  locked_by TEXT,
  locked_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX outbox_ready ON outbox(status, available_at);

CREATE TABLE downloads (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  file_kind TEXT NOT NULL CHECK (file_kind IN ('pdf','png','svg')),
  at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX downloads_asset ON downloads(asset_id, at);

CREATE TABLE print_confirmations (
  id TEXT PRIMARY KEY,
  asset_id TEXT NOT NULL REFERENCES assets(id),
  version_id TEXT NOT NULL REFERENCES asset_versions(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('printed','delivered')),
  quantity INTEGER CHECK (quantity IS NULL OR quantity > 0),
  note TEXT,
  at TEXT NOT NULL
);
CREATE INDEX print_confirmations_asset ON print_confirmations(asset_id, at);
`;

export const migration001 = {
  id: "001_initial",
  up(conn: SqlConnection): void {
    conn.exec(dialectOf(conn) === "postgres" ? POSTGRES_SQL : SQL);
  },
};
