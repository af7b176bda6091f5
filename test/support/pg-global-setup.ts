import { openDatabase } from "../../storage/db/connection";
import { PgConnection } from "../../storage/db/postgres/connection";
import { seedAll } from "../../storage/seed/seed";
import { startPostgres } from "./postgres";
import { PG_TEMPLATES, TEST_AUDIT_KEY } from "./pg-templates";

// `npm run test:pg`: one throwaway cluster for the run, and two template databases (migrated;
// migrated and seeded) that every test's fresh database is copied from (test/support/db.ts).
export default async function setup(): Promise<() => void> {
  const cluster = await startPostgres();
  process.env.TEST_PG_BASE_URL = cluster.baseUrl;
  process.env.TEST_PG_BIN_DIR = cluster.binDir;
  process.env.TEST_PG_DIR = cluster.dir;
  process.env.AUDIT_KEY = TEST_AUDIT_KEY;
  try {
    await prepareTemplates(cluster.baseUrl);
  } catch (err) {
    cluster.stop();
    throw err;
  }
  return () => cluster.stop();
}

async function prepareTemplates(baseUrl: string): Promise<void> {
  const admin = new PgConnection(`${baseUrl}postgres`);
  try {
    admin.exec(`CREATE DATABASE ${PG_TEMPLATES.migrated}`);
    admin.exec(`CREATE DATABASE ${PG_TEMPLATES.seeded}`);
  } finally {
    admin.close();
  }
  openDatabase(`${baseUrl}${PG_TEMPLATES.migrated}`).close();
  const seeded = openDatabase(`${baseUrl}${PG_TEMPLATES.seeded}`);
  try {
    await seedAll(seeded);
  } finally {
    seeded.close();
  }
}
