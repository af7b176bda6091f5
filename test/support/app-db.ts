import { afterEach, beforeEach } from "vitest";
import { closeDb, type DbHandle } from "../../storage/db";
import { dbEnv, seededDb, type TempDb } from "./db";
import { setEnv } from "./env";

/** A fresh seeded database per test that the app's own connection (DATABASE_PATH) opens too; publisher off. */
export function seededAppDbPerTest(): { readonly handle: DbHandle } {
  setEnv({ PUBLISHER: "0", NOTIFIER: "0" });
  let t: TempDb;
  beforeEach(async () => {
    t = await seededDb();
    setEnv(dbEnv(t.file));
  });
  afterEach(() => {
    closeDb();
    t.cleanup();
  });
  return {
    get handle() {
      return t.handle;
    },
  };
}
