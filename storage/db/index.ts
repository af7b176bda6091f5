export { closeDb, getDb, openDatabase, resolveDatabasePath, type DbHandle } from "./connection";
export { migrate, MIGRATIONS } from "./migrate";
export type * from "./schema";
