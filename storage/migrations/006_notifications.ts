import type BetterSqlite3 from "better-sqlite3";

// Notifications (decision 080). Users get an e-mail address and how they want to hear by e-mail.
// `notifications` is the in-app inbox: one row per person per event, unique on (user, source,
// kind) so a notify job that is retried never writes a second entry. The source is an audit row
// (a decision) or a comment; exactly one of the two is set. `notification_deliveries` is one row
// per inbox entry and channel (e-mail today, Zalo OA later): unique, and a row once `sent` is never
// sent again, so a job retried after a partial failure sends only what is still pending.
const SQL = `
ALTER TABLE users ADD COLUMN email TEXT
  CHECK (email IS NULL OR (length(email) BETWEEN 6 AND 254 AND email = lower(trim(email)) AND email LIKE '%_@_%._%'));
ALTER TABLE users ADD COLUMN email_notify TEXT NOT NULL DEFAULT 'instant'
  CHECK (email_notify IN ('instant','digest','off'));
CREATE UNIQUE INDEX users_email ON users(email) WHERE email IS NOT NULL;

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  asset_id TEXT REFERENCES assets(id),
  audit_id INTEGER REFERENCES audit_events(id),
  comment_id TEXT REFERENCES comments(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  link_path TEXT NOT NULL CHECK (substr(link_path, 1, 1) = '/'),
  created_at TEXT NOT NULL,
  read_at TEXT,
  CHECK ((audit_id IS NULL) <> (comment_id IS NULL)),
  UNIQUE (user_id, audit_id, kind),
  UNIQUE (user_id, comment_id, kind)
);
CREATE INDEX notifications_user_newest ON notifications(user_id, id DESC);
CREATE INDEX notifications_user_unread ON notifications(user_id) WHERE read_at IS NULL;

CREATE TABLE notification_deliveries (
  id INTEGER PRIMARY KEY,
  notification_id INTEGER NOT NULL REFERENCES notifications(id),
  channel TEXT NOT NULL,
  batch TEXT NOT NULL CHECK (batch IN ('instant','digest')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  address TEXT,
  message_id TEXT,
  sent_at TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (notification_id, channel),
  CHECK (status <> 'sent' OR (sent_at IS NOT NULL AND message_id IS NOT NULL))
);
CREATE INDEX notification_deliveries_waiting ON notification_deliveries(channel, batch) WHERE status = 'pending';
`;

export const migration006 = {
  id: "006_notifications",
  up(sqlite: BetterSqlite3.Database): void {
    sqlite.exec(SQL);
  },
};
