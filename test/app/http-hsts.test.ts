import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "../../storage/db";
import { createSession } from "../../storage/users";
import { seededDb, type TempDb, USERS } from "../support/db";
import { appRequestHandler } from "../support/remix-app";

// A12 of issue 11: behind HTTPS (PUBLIC_ORIGIN https://…, the proxy terminating TLS) no
// Strict-Transport-Security was sent. It is now, on pages, data requests and resources alike,
// decided from PUBLIC_ORIGIN only: the request a TLS-terminating proxy forwards is plain http.

vi.hoisted(() => {
  process.env.RENDER_WORKERS = "0";
  process.env.PUBLISHER = "0";
  process.env.PUBLIC_ORIGIN = "https://codong.lacphuong.gov.vn";
});
vi.mock("../../app/lib/audit-check.server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../app/lib/audit-check.server")>()),
  startAuditCheckOnce: () => {},
}));
vi.mock("../../app/lib/errors.server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../app/lib/errors.server")>()),
  installProcessGuard: () => false,
}));

let t: TempDb;
beforeAll(async () => {
  t = await seededDb();
  process.env.DATABASE_PATH = t.file;
  process.env.DATA_DIR = t.dir;
  delete process.env.MINIO_ENDPOINT;
});
afterAll(() => {
  closeDb();
  t.cleanup();
});
const handle = await appRequestHandler();

// What nginx forwards: plain http to the app's port.
function get(path: string, user?: string): Promise<Response> {
  const headers = new Headers({ host: "127.0.0.1:3000" });
  if (user) headers.set("cookie", `cd_session=${createSession(t.handle, user).token}`);
  return handle(new Request(`http://127.0.0.1:3000${path}`, { headers }));
}

describe("HSTS with PUBLIC_ORIGIN https://…", () => {
  it.each([
    ["the sign-in page", "/login", undefined],
    ["a signed-in page", "/editor", USERS.drafter],
    ["a data request", "/editor.data", USERS.drafter],
    ["a resource route", "/files/not-a-token", USERS.printer],
    ["an error page", "/no-such-page", USERS.drafter],
  ])("%s carries Strict-Transport-Security", async (_what, path, user) => {
    const res = await get(path, user);
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });
});
