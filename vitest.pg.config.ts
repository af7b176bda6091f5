import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// `npm run test:pg`: the suites that read or write the database, run again on a real PostgreSQL
// that test/support/pg-global-setup.ts starts (initdb in a temp folder, a free port). Each test's
// database is a copy of a migrated (or seeded) template. The suites that never open a database
// (rendering, fonts, typography, the domain's pure rules) run once, in `npm run test`.
export default defineConfig({
  test: {
    ...base.test,
    include: [
      "test/storage/**/*.test.ts",
      "test/workflows/**/*.test.ts",
      "test/jobs/**/*.test.ts",
      "test/app/**/*.test.ts",
      "test/cli/**/*.test.ts",
      "test/multi-node/**/*.test.ts",
    ],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: ["test/support/pg-global-setup.ts"],
  },
});
