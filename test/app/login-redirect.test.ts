import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/login";
import { closeDb } from "../../storage/db";
import { createSession } from "../../storage/users";
import { dbEnv, seededDb, type TempDb, USERS } from "../support/db";
import { setEnv } from "../support/env";

// Finding A2 of issue 11: `?next=` on the sign-in page may only ever lead to a path of this app.
// Browsers drop tabs and newlines inside a URL, read "\" as "/" and resolve dot segments, so each
// value below is what a browser would read as another site (or, for a newline, what used to make
// the answer a 500). Both ways in are checked: the page (GET: the form's hidden field, or the
// redirect of a user already signed in) and the sign-in itself (POST: the redirect's Location).

const ORIGIN = "http://localhost";
const PASSWORD = "CoDong@2026";

// One seeded database for the file (nothing here writes more than sessions); the app opens it too.
let t: TempDb;
beforeAll(async () => {
  t = await seededDb();
  setEnv({ PUBLISHER: "0", ...dbEnv(t.file) });
});
afterAll(() => {
  closeDb();
  t.cleanup();
});

/** Values that, followed by a browser, would leave the app (or break the header): all must give home. */
const FOREIGN = [
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r/evil.example/",
  "/\r\n/evil.example/",
  "\t//evil.example/",
  " //evil.example/",
  "\u0000//evil.example/",
  "/\\evil.example",
  "\\\\evil",
  "\\/evil.example",
  "/\t\\evil.example",
  "//evil.example",
  "///evil.example",
  "//evil.example/asset/abc?x=1#y",
  "/.//evil.example",
  "/..//evil.example",
  "/./\\evil.example",
  "https://evil.example",
  "https://evil.example/asset/abc",
  "http://localhost.evil.example/",
  "http://localhost@evil.example/",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "\tjavascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  `/${"a".repeat(3000)}`,
];

/** The issue's own probe and its siblings, as raw query strings (decoded once by the route). */
const FOREIGN_QUERIES = [
  "next=%2F%09%2Fevil.example%2F",
  "next=%2F%0A%2Fevil.example%2F",
  "next=%2F%0D%2Fevil.example%2F",
  "next=%2F%5Cevil.example",
  "next=%5C%5Cevil",
  "next=%2F%2Fevil.example",
  "next=//evil.example",
  "next=https%3A%2F%2Fevil.example",
  "next=javascript%3Aalert(1)",
];

/** Same-origin paths that must survive (in the parsed, percent-encoded form a browser would send). */
const LOCAL: [string, string][] = [
  ["/asset/abc?x=1#y", "/asset/abc?x=1#y"],
  ["/review", "/review"],
  ["/print", "/print"],
  ["/asset/a%20b?q=%C3%A2#top", "/asset/a%20b?q=%C3%A2#top"],
  ["/asset/ấn phẩm", "/asset/%E1%BA%A5n%20ph%E1%BA%A9m"],
  // Encoded once more, a slash, backslash or tab is just a character of a local path.
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/%5Cevil.example", "/%5Cevil.example"],
  ["/%09/evil.example", "/%09/evil.example"],
  [`${ORIGIN}/asset/abc?x=1#y`, "/asset/abc?x=1#y"],
];

interface Answer {
  status: number;
  location: string | null;
  body: unknown;
}

/** A loader's or action's answer as the browser gets it; anything else thrown is a 500. */
async function answer(fn: () => Promise<unknown>): Promise<Answer> {
  try {
    const r = (await fn()) as { type?: string; data?: unknown; init?: { status?: number } | null } | null;
    if (r && r.type === "DataWithResponseInit")
      return { status: r.init?.status ?? 200, location: null, body: r.data };
    return { status: 200, location: null, body: r };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, location: e.headers.get("location"), body: null };
    return { status: 500, location: null, body: String(e) };
  }
}

function getPage(query: string, userId?: string): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (userId) headers.cookie = `cd_session=${createSession(t.handle, userId).token}`;
  const request = new Request(`${ORIGIN}/login?${query}`, { headers });
  return answer(() => loader({ request, params: {}, context: {} }));
}

function signIn(next: string, username = "soanthao"): Promise<Answer> {
  const body = new URLSearchParams({ username, password: PASSWORD, next });
  const request = new Request(`${ORIGIN}/login`, { method: "POST", body });
  return answer(() => action({ request, params: {}, context: {} }));
}

const q = (next: string) => `next=${encodeURIComponent(next)}`;
const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);

/** What a browser does with the Location: it must stay on this origin, with nothing to strip. */
function expectLocal(location: string | null) {
  expect(location).toMatch(/^\/(?![/\\])/);
  expect(location).not.toMatch(/[\u0000-\u001f\u007f\\]/);
  expect(new URL(location!, ORIGIN).origin).toBe(ORIGIN);
}

describe("login ?next= (GET, the form's hidden field)", () => {
  it.each(FOREIGN.map((v) => [show(v), v]))("drops %s: the hidden field is empty", async (_, value) => {
    const r = await getPage(q(value));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ next: "" });
  });

  it.each(FOREIGN_QUERIES)("drops the raw query %s", async (query) => {
    const r = await getPage(query);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ next: "" });
  });

  it.each(LOCAL)("keeps the local path %s", async (value, parsed) => {
    const r = await getPage(q(value));
    expect(r.body).toEqual({ next: parsed });
  });
});

describe("login ?next= (GET while signed in: the redirect)", () => {
  it.each(FOREIGN.map((v) => [show(v), v]))(
    "sends %s home, never elsewhere, never a 500",
    async (_, value) => {
      const r = await getPage(q(value), USERS.drafter);
      expect(r).toMatchObject({ status: 302, location: "/" });
    },
  );

  it.each(FOREIGN_QUERIES)("sends the raw query %s home", async (query) => {
    expect(await getPage(query, USERS.drafter)).toMatchObject({ status: 302, location: "/" });
  });

  it("sends a printer to the print library instead", async () => {
    expect(await getPage(q("/\t/evil.example/"), USERS.printer)).toMatchObject({
      status: 302,
      location: "/print",
    });
  });

  it.each(LOCAL)("follows the local path %s", async (value, parsed) => {
    const r = await getPage(q(value), USERS.drafter);
    expect(r).toMatchObject({ status: 302, location: parsed });
    expectLocal(r.location);
  });
});

describe("login next (POST: the Location after signing in)", () => {
  it.each(FOREIGN.map((v) => [show(v), v]))("signs in and sends %s home, never a 500", async (_, value) => {
    const r = await signIn(value);
    expect(r).toMatchObject({ status: 302, location: "/" });
  });

  it("sends a printer to the print library instead", async () => {
    expect(await signIn("/\t/evil.example/", "inan")).toMatchObject({ status: 302, location: "/print" });
  });

  it.each(LOCAL)("signs in and follows the local path %s", async (value, parsed) => {
    const r = await signIn(value);
    expect(r).toMatchObject({ status: 302, location: parsed });
    expectLocal(r.location);
  });
});
