import { describe, expect, it } from "vitest";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

// A12 of issue 11: a signed-in user's pages went out without `Cache-Control: private, no-store`,
// so a shared office computer's back button (or a cache on the way) could show them after
// sign-out. Pages and data requests of a signed-in user now carry it. Without an https
// PUBLIC_ORIGIN no HSTS is sent, whatever the request says about its scheme (see http-hsts).

const app = await appUnderTest({ env: { PUBLIC_ORIGIN: undefined } });
const { handle } = app;

function get(path: string, user?: string, extra: Record<string, string> = {}): Promise<Response> {
  const headers = new Headers({ host: "localhost", ...extra });
  if (user) headers.set("cookie", `cd_session=${createSession(app.db.handle, user).token}`);
  return handle(new Request(`http://localhost${path}`, { headers }));
}

describe("pages of a signed-in user", () => {
  it.each([
    ["/", USERS.drafter],
    ["/editor", USERS.drafter],
    ["/review", USERS.office],
    ["/print", USERS.printer],
    ["/admin/users", USERS.admin],
  ])("%s: Cache-Control private, no-store", async (path, user) => {
    const res = await get(path, user);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("a page refused to them (403) is not stored either", async () => {
    const res = await get("/admin/users", USERS.drafter);
    expect(res.status).toBe(403);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });

  it("their data requests (.data) too", async () => {
    const res = await get("/editor.data", USERS.drafter);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  // (A document POST answered with a redirect is returned by Remix without entry.server; the
  // Remix client signs in through /login.data, which goes through handleDataRequest.)
  it("the sign-in answer, which sets the session cookie, is not stored", async () => {
    const res = await handle(
      new Request("http://localhost/login.data", {
        method: "POST",
        headers: { host: "localhost", origin: "http://localhost" },
        body: new URLSearchParams({ username: "soanthao", password: "CoDong@2026" }),
      }),
    );
    expect(res.status).toBe(202);
    expect(res.headers.get("set-cookie")).toMatch(/^cd_session=/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });
});

describe("HSTS without an https PUBLIC_ORIGIN", () => {
  it("is never sent, even when the request claims https", async () => {
    const res = await get("/login", undefined, { "x-forwarded-proto": "https" });
    expect(res.status).toBe(200);
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const https = await handle(new Request("https://localhost/login", { headers: { host: "localhost" } }));
    expect(https.headers.get("strict-transport-security")).toBeNull();
  });
});
