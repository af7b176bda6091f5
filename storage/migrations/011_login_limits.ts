import { dialectOf, type SqlConnection } from "../db/sql-connection";

// Issue 15: the sign-in limits' counts (app/lib/login-limit.server.ts) move from each process's
// memory into the database, so every app node spends from one count and a restart forgets
// nothing. The table is rate-limiter-flexible's own, made here so that no node creates a table
// while it answers a request (the limiters run with tableCreated: true): the columns are exactly
// those RateLimiterSQLite and RateLimiterPostgres create, in their order — the PostgreSQL store
// inserts `VALUES ($1, $2, $3)` without naming them. One row per limiter key ("login:<stage>:<tier>:
// <key>"); `points` is what the key has spent, `expire` when that count ends (Unix time in ms, so
// bigint on PostgreSQL). Expired rows are deleted now and then by the limiter, never read.
const SQLITE = `
CREATE TABLE login_limits (
  key TEXT PRIMARY KEY,
  points INTEGER NOT NULL DEFAULT 0,
  expire INTEGER
);
CREATE INDEX login_limits_expire ON login_limits(expire);
`;

const POSTGRES = `
CREATE TABLE login_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX login_limits_expire ON login_limits(expire);
`;

export const migration011 = {
  id: "011_login_limits",
  up(conn: SqlConnection): void {
    conn.exec(dialectOf(conn) === "postgres" ? POSTGRES : SQLITE);
  },
};
