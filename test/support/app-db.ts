import { afterEach, beforeEach } from "vitest";
import { closeDb, type DbHandle } from "../../storage/db";
import { seededDb, type TempDb } from "./db";

/** A fresh seeded database per test that the app's own connection (DATABASE_PATH) opens too; publisher off. */
export function seededAppDbPerTest(): { readonly handle: DbHandle } {
  process.env.PUBLISHER = "0";
  let t: TempDb;
  beforeEach(async () => {
    t = await seededDb();
    process.env.DATABASE_PATH = t.file;
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
