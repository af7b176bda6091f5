import { defineConfig } from "vitest/config";

// Browser tests: the built app served on loopback, driven by the system Chromium.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: "forks",
  },
});
