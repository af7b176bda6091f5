import { existsSync } from "node:fs";
import { settings } from "../../config/env.server";
import { type DbHandle, openDatabase } from "../../storage/db/connection";

/**
 * The database the app uses (DATABASE_PATH / DATA_DIR), for commands that inspect or repair it:
 * null, after one DATABASE_NOT_FOUND line, when there is none (opening would create an empty one).
 * Throws ConfigError (CONFIG_INVALID) for bad settings and what openDatabase throws.
 */
export function openAppDatabase(): DbHandle | null {
  const file = settings().databasePath;
  if (!existsSync(file)) {
    console.error(`DATABASE_NOT_FOUND: không tìm thấy cơ sở dữ liệu ${file} (DATABASE_PATH / DATA_DIR).`);
    return null;
  }
  return openDatabase(file);
}
