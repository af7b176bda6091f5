import { settings } from "../config/env.server";
import { openDatabase } from "../storage/db/connection";
import { seedAll } from "../storage/seed/seed";

// Run by `npm start` before the server: migrate, then seed the plan (and demo users unless
// SEED_DEMO_USERS=0). Safe to run on every start.
const { database: file, seedDemoUsers } = settings();
const handle = openDatabase(file);
const where = handle.path;
try {
  const { usersCreated } = await seedAll(handle, { demoUsers: seedDemoUsers });
  console.log(
    `[seed] ${where}: plan data up to date${usersCreated.length ? `; demo users created: ${usersCreated.join(", ")}` : ""}`,
  );
} finally {
  handle.close();
}
