import type BetterSqlite3 from "better-sqlite3";

export type Sqlite = BetterSqlite3.Database;

/**
 * What the audit needs of a DbHandle; named here, not imported, because migration 005 starts the
 * chain while the connection is being opened (importing connection.ts would close a circle).
 */
export type SqliteHandle = { sqlite: Sqlite };
