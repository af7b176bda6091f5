import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launch } from "./browser";
import { startServer, type TestServer } from "./server";

/** The app under test and the browser driving it, for one test file. */
export interface E2eApp {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * Starts one app server (with `env` added to the defaults) and one Chromium before the file's
 * tests and closes both after them. Hooks registered later in the file run after the start, so a
 * file may seed data in its own beforeAll.
 */
export function appUnderTest(env: Record<string, string> = {}): E2eApp {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer(env);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`${what} is not started yet (used outside a test or hook?)`);
    return v;
  };
  return {
    get server() {
      return started(server, "the server");
    },
    get browser() {
      return started(browser, "the browser");
    },
  };
}
