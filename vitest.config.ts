import { defineConfig } from "vitest/config";

// Unit and integration tests: real SQLite, a real S3 server (Versity Gateway), real fonts.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/e2e/**", "test/multi-node/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
