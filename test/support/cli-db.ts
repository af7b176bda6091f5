import path from "node:path";
import { dbEnv, ON_POSTGRES } from "./db";
import { pgBaseUrl } from "./pg-templates";

/**
 * The environment of a database that is not there: on SQLite a file that does not exist in
 * `dir`, on PostgreSQL a database the test cluster does not hold. The CLI answers both with one
 * DATABASE_NOT_FOUND line and creates nothing.
 */
export function missingDatabaseEnv(dir: string): ReturnType<typeof dbEnv> {
  return dbEnv(ON_POSTGRES ? `${pgBaseUrl()}khong_co_csdl` : path.join(dir, "missing.sqlite"));
}
