import { describe, expect, it } from "vitest";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

// A12 of issue 11: behind HTTPS (PUBLIC_ORIGIN https://…, the proxy terminating TLS) no
// Strict-Transport-Security was sent. It is now, on pages, data requests and resources alike,
// decided from PUBLIC_ORIGIN only: the request a TLS-terminating proxy forwards is plain http.

const app = await appUnderTest({ env: { PUBLIC_ORIGIN: "https://codong.lacphuong.gov.vn" }, files: true });
const { handle } = app;

// What nginx forwards: plain http to the app's port.
function get(path: string, user?: string): Promise<Response> {
  const headers = new Headers({ host: "127.0.0.1:3000" });
  if (user) headers.set("cookie", `cd_session=${createSession(app.db.handle, user).token}`);
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
