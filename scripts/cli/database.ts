import { existsSync } from "node:fs";
import { settings } from "../../config/env.server";
import { type DbHandle, isPostgresUrl, openDatabase } from "../../storage/db/connection";
import { PgError } from "../../storage/db/postgres/errors";

/**
 * The database the app uses (DATABASE_URL, else DATABASE_PATH / DATA_DIR), for commands that
 * inspect or repair it: null, after one line on stderr, when there is none to open —
 * DATABASE_NOT_FOUND when the SQLite file does not exist (opening would create an empty one) or
 * the PostgreSQL server has no such database (3D000); DATABASE_UNREACHABLE when PostgreSQL refuses
 * the connection (server down: class 08; wrong user or password: class 28).
 * Throws ConfigError (CONFIG_INVALID) for bad settings and what openDatabase throws otherwise.
 */
export function openAppDatabase(): DbHandle | null {
  const target = settings().database;
  if (!isPostgresUrl(target)) {
    if (!existsSync(target)) {
      console.error(`DATABASE_NOT_FOUND: không tìm thấy cơ sở dữ liệu ${target} (DATABASE_PATH / DATA_DIR).`);
      return null;
    }
    return openDatabase(target);
  }
  try {
    return openDatabase(target);
  } catch (e) {
    if (!(e instanceof PgError)) throw e;
    // libpq's reason spans lines; the CLI prints one. It names the URL without its password.
    const reason = e.message.replace(/\s*\n\s*/g, " ").trim();
    if (e.code === "3D000") {
      console.error(`DATABASE_NOT_FOUND: không tìm thấy cơ sở dữ liệu (DATABASE_URL): ${reason}`);
      return null;
    }
    if (/^(08|28)/.test(e.code)) {
      console.error(`DATABASE_UNREACHABLE: không kết nối được cơ sở dữ liệu (DATABASE_URL): ${reason}`);
      return null;
    }
    throw e;
  }
}
