import type { SqlConnection } from "../db/sql-connection";

export type Sqlite = SqlConnection;

/**
 * What the audit needs of a DbHandle; named here, not imported, because migration 005 starts the
 * chain while the connection is being opened (importing connection.ts would close a circle).
 */
export type SqliteHandle = { conn: Sqlite };
