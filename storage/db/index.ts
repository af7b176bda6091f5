export {
  closeDb,
  getDb,
  isPostgresUrl,
  openDatabase,
  resolveDatabasePath,
  type DbHandle,
} from "./connection";
export { migrate, MIGRATIONS } from "./migrate";
export type * from "./schema";
