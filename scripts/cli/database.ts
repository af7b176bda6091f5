import { existsSync } from "node:fs";
import { type DbHandle, openDatabase, resolveDatabasePath } from "../../storage/db/connection";

/**
 * The database the app uses (DATABASE_PATH / DATA_DIR), for commands that inspect or repair it:
 * null, after one DATABASE_NOT_FOUND line, when there is none (opening would create an empty one).
 */
export function openAppDatabase(): DbHandle | null {
  const file = resolveDatabasePath();
  if (!existsSync(file)) {
    console.error(`DATABASE_NOT_FOUND: không tìm thấy cơ sở dữ liệu ${file} (DATABASE_PATH / DATA_DIR).`);
    return null;
  }
  return openDatabase(file);
}
