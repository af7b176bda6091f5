import { openDatabase } from "../../storage/db/connection";
import { migrate } from "../../storage/db/migrate";

// One "app node" starting up, for test/storage/schema-lockstep.test.ts: opens the PostgreSQL
// database at argv[2] without migrating, then migrates it as openDatabase would, and prints the
// ids it applied as JSON. Exits non-zero with the error on stderr when a migration fails.
const handle = openDatabase(process.argv[2] as string, { migrate: false });
try {
  process.stdout.write(`${JSON.stringify(migrate(handle))}\n`);
} finally {
  handle.close();
}
