import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type LoginLimitStore, LOGIN_LIMITS, openLoginLimits } from "../../app/lib/login-limit.server";
import { dbEnv, ON_POSTGRES, seededDb, sqliteOf, type TempDb } from "../support/db";
import { setEnv } from "../support/env";

// Finding A6 of issue 11: sign-in limits, through the real route action with Requests.
// - The limit is spent before the password is checked, so a parallel burst checks at most a few.
// - Per (username, address) and per address; a lock-out of one address is not one of the user.
// - With TRUST_PROXY the address is the X-Forwarded-For entry the proxy appended (right-most), so
//   a client rotating the header gains nothing; without TRUST_PROXY the header is ignored, and as
//   every client then looks alike, a user only ever waits seconds.
// - The counts are rows in the database (issue 15): two app nodes on one database spend from one
//   count, and a restarted node remembers it.
// Each test loads the route afresh (vi.resetModules) and empties the counts, so each starts clean.

/** Every password the route checks, in the order it checks them. */
const checked = vi.hoisted(() => [] as string[]);
vi.mock("../../storage/users", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../storage/users")>();
  return {
    ...real,
    checkCredentials: (...args: Parameters<typeof real.checkCredentials>) => {
      checked.push(args[2]);
      return real.checkCredentials(...args);
    },
  };
});

const RIGHT = "CoDong@2026";
const USER = "soanthao";
/** What the limits allow before refusing: 5 tries per (username, address). */
const FAST_TRIES = 5;
/** The longest a user waits when the address is not known, or when many addresses guess at once. */
const SHORT_WAIT_SECONDS = 30;

type LoginModule = typeof import("../../app/routes/login");
type DbModule = typeof import("../../storage/db");
type LimitModule = typeof import("../../app/lib/login-limit.server");
let login: LoginModule;
let dbModule: DbModule;
let limitModule: LimitModule;
let t: TempDb;
const savedDatabase = { DATABASE_PATH: process.env.DATABASE_PATH, DATABASE_URL: process.env.DATABASE_URL };

beforeAll(async () => {
  process.env.PUBLISHER = "0";
  t = await seededDb();
  setEnv(dbEnv(t.file));
});
afterAll(() => {
  setEnv(savedDatabase);
  t.cleanup();
});

beforeEach(async () => {
  delete process.env.TRUST_PROXY;
  checked.length = 0;
  vi.resetModules();
  login = await import("../../app/routes/login");
  dbModule = await import("../../storage/db");
  limitModule = await import("../../app/lib/login-limit.server");
  t.handle.conn.exec("DELETE FROM login_limits");
});
afterEach(async () => {
  await limitModule.closeLoginLimits();
  dbModule.closeDb();
  vi.useRealTimers();
  delete process.env.TRUST_PROXY;
});

interface Answer {
  status: number;
  error?: string;
  retryAfter: string | null;
  signedIn: boolean;
}

function request(password: string, opts: { xff?: string; username?: string } = {}): Request {
  const body = new URLSearchParams({ username: opts.username ?? USER, password, next: "/" });
  const headers: Record<string, string> = {};
  if (opts.xff) headers["x-forwarded-for"] = opts.xff;
  return new Request("http://localhost/login", { method: "POST", body, headers });
}

async function attempt(req: Request): Promise<Answer> {
  try {
    const r = (await login.action({ request: req, params: {}, context: {} })) as {
      data: { error?: string };
      init: { status?: number; headers?: HeadersInit } | null;
    };
    const headers = new Headers(r.init?.headers);
    return {
      status: r.init?.status ?? 200,
      error: r.data.error,
      retryAfter: headers.get("retry-after"),
      signedIn: false,
    };
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    const signedIn =
      e.status === 302 && /cd_session=[A-Za-z0-9_-]{20,}/.test(e.headers.get("set-cookie") ?? "");
    return { status: e.status, retryAfter: e.headers.get("retry-after"), signedIn };
  }
}

const tries = (password: string, n: number, opts?: { xff?: string; username?: string }) =>
  Array.from({ length: n }, () => attempt(request(password, opts)));

async function sequential(n: number, make: (i: number) => Request): Promise<Answer[]> {
  const out: Answer[] = [];
  for (let i = 0; i < n; i++) out.push(await attempt(make(i)));
  return out;
}

const statuses = (answers: Answer[]) => answers.map((a) => a.status);

/** A 429 says, in Vietnamese and in Retry-After, how long to wait — and it is not long. */
function expectShortWait(a: Answer, maxSeconds = SHORT_WAIT_SECONDS) {
  expect(a.status).toBe(429);
  const seconds = Number(a.retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(a.error).toBe(`Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ ${seconds} giây rồi thử lại.`);
  return seconds;
}

/** Moves the clock (only Date: the limiter reads Date.now) past a wait. */
function waitFor(seconds: number) {
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
  vi.setSystemTime(Date.now() + seconds * 1000 + 1);
}

describe("login limits: spent before the password is checked", () => {
  it.each([
    ["without TRUST_PROXY", undefined, undefined],
    ["with TRUST_PROXY=1, one address", "1", "203.0.113.7"],
  ])("a burst of 99 wrong passwords and the right one (%s) checks at most 5", async (_, trust, xff) => {
    if (trust) process.env.TRUST_PROXY = trust;
    const burst = [...tries("sai-mat-khau", 99, { xff }), attempt(request(RIGHT, { xff }))];
    const answers = await Promise.all(burst);

    expect(checked.length).toBeLessThanOrEqual(FAST_TRIES);
    expect(answers.filter((a) => a.status !== 429)).toHaveLength(checked.length);
    expect(answers.filter((a) => a.status === 401).length).toBe(checked.filter((p) => p !== RIGHT).length);
    // The right password signs in only if it was among the few checked; sent last, it was not.
    const right = answers[99]!;
    expect(right.signedIn).toBe(checked.includes(RIGHT));
    expect(right.status).toBe(429);
    expect(right.retryAfter).not.toBeNull();
  });
});

describe("login limits: per (username, address) and per address, with TRUST_PROXY=1", () => {
  beforeEach(() => {
    process.env.TRUST_PROXY = "1";
  });

  it("an attacker at address A cannot lock out the user at address B, even by sending B in X-Forwarded-For", async () => {
    const B = "198.51.100.20";
    const A = "203.0.113.66";
    // The attacker writes B's address into the header; the proxy appends the real one, A.
    const attack = await sequential(30, (i) => request(`sai-${i}`, { xff: i % 2 ? `${B}, ${A}` : A }));
    expect(statuses(attack).slice(0, FAST_TRIES)).toEqual(Array(FAST_TRIES).fill(401));
    expect(
      statuses(attack)
        .slice(FAST_TRIES)
        .every((s) => s === 429),
    ).toBe(true);
    expect(checked).toHaveLength(FAST_TRIES);

    const user = await attempt(request(RIGHT, { xff: B }));
    expect(user).toMatchObject({ status: 302, signedIn: true });
    // The attacker's own address is still refused.
    expect((await attempt(request(RIGHT, { xff: A }))).status).toBe(429);
  });

  it("rotating X-Forwarded-For does not reset the limit: the proxy's right-most entry counts", async () => {
    const answers = await sequential(40, (i) =>
      request(`sai-${i}`, { xff: `10.${i}.${(i * 7) % 256}.1, 172.16.0.${i}, 203.0.113.7` }),
    );
    expect(checked).toHaveLength(FAST_TRIES);
    expect(
      statuses(answers)
        .slice(FAST_TRIES)
        .every((s) => s === 429),
    ).toBe(true);
    expect(answers.at(-1)!.retryAfter).not.toBeNull();
  });

  it("rotating IPv6 addresses inside one /64 does not reset the limit", async () => {
    const answers = await sequential(20, (i) =>
      request(`sai-${i}`, { xff: `2001:db8:7:9:${i.toString(16)}::1` }),
    );
    expect(checked).toHaveLength(FAST_TRIES);
    expect(
      statuses(answers)
        .slice(FAST_TRIES)
        .every((s) => s === 429),
    ).toBe(true);
    // The next /64 is someone else.
    expect(await attempt(request(RIGHT, { xff: "2001:db8:7:a::1" }))).toMatchObject({ signedIn: true });
  });

  it("one address spraying passwords over every username is limited per address", async () => {
    const users = ["soanthao", "vanhoa", "phochutich", "inan", "quantri"];
    const answers = await sequential(20, (i) =>
      request(`sai-${i}`, { username: users[i % users.length], xff: "203.0.113.9" }),
    );
    // Four tries per username stay under the per-(username, address) limit; the address's does not.
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(answers.at(-1)!.status).toBe(429);
    // Another address is not affected.
    expect(await attempt(request(RIGHT, { xff: "198.51.100.20" }))).toMatchObject({ signedIn: true });
  });

  it("guessing spread over many addresses is slowed down for the username, and the user waits seconds", async () => {
    const answers = await sequential(100, (i) =>
      request(`sai-${i}`, { xff: `203.0.113.${Math.floor(i / 5)}` }),
    );
    expect(checked.length).toBeLessThanOrEqual(10);
    expect(answers.at(-1)!.status).toBe(429);

    const user = await attempt(request(RIGHT, { xff: "198.51.100.20" }));
    const seconds = expectShortWait(user);
    waitFor(seconds);
    expect(await attempt(request(RIGHT, { xff: "198.51.100.20" }))).toMatchObject({ signedIn: true });
  });

  it("a successful sign-in after a few failures resets the (username, address) count", async () => {
    const xff = "198.51.100.20";
    expect(statuses(await sequential(4, (i) => request(`sai-${i}`, { xff })))).toEqual([401, 401, 401, 401]);
    expect(await attempt(request(RIGHT, { xff }))).toMatchObject({ signedIn: true });
    const again = await sequential(FAST_TRIES + 1, (i) => request(`sai-lai-${i}`, { xff }));
    expect(statuses(again)).toEqual([...Array(FAST_TRIES).fill(401), 429]);
    expect(Number(again.at(-1)!.retryAfter)).toBeGreaterThan(0);
  });
});

describe("login limits without TRUST_PROXY", () => {
  it("ignores X-Forwarded-For, and a lock-out is a wait of seconds, not 15 minutes", async () => {
    const answers = await sequential(20, (i) => request(`sai-${i}`, { xff: `10.0.${i}.1` }));
    expect(checked).toHaveLength(FAST_TRIES);
    expect(
      statuses(answers)
        .slice(FAST_TRIES)
        .every((s) => s === 429),
    ).toBe(true);

    // The real user, right password, during the attack: told to wait seconds, then let in.
    const seconds = expectShortWait(await attempt(request(RIGHT)));
    waitFor(seconds);
    expect(await attempt(request(RIGHT))).toMatchObject({ status: 302, signedIn: true });
  });

  it("a successful sign-in after a few failures resets the count", async () => {
    expect(statuses(await sequential(4, (i) => request(`sai-${i}`)))).toEqual([401, 401, 401, 401]);
    expect(await attempt(request(RIGHT))).toMatchObject({ signedIn: true });
    const again = await sequential(FAST_TRIES + 1, (i) => request(`sai-lai-${i}`));
    expect(statuses(again)).toEqual([...Array(FAST_TRIES).fill(401), 429]);
    expectShortWait(again.at(-1)!);
  });
});

describe("login limits: the counts are the database's, shared by every node", () => {
  const FAST = LOGIN_LIMITS.userAtAddress[0].points;
  /** A node's store: its own connection (SQLite) or its own pool (PostgreSQL) on the test database. */
  const nodeStore = (): LoginLimitStore =>
    ON_POSTGRES ? { postgresUrl: t.file } : { sqlite: sqliteOf(t.connect()) };
  const allowed = (answers: { allowed: boolean }[]) => answers.filter((a) => a.allowed).length;

  it("two nodes spend from one count, and a restarted node still remembers it", async () => {
    const a = openLoginLimits(nodeStore());
    const b = openLoginLimits(nodeStore());
    try {
      const answers = [];
      for (let i = 0; i < FAST + 1; i++) answers.push(await (i % 2 ? b : a).begin(USER, "203.0.113.7"));
      expect(answers.map((x) => x.allowed)).toEqual([...Array(FAST).fill(true), false]);
      expect(answers.at(-1)).toMatchObject({ allowed: false, retryAfterSeconds: expect.any(Number) });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const restarted = openLoginLimits(nodeStore());
    try {
      expect(await restarted.begin(USER, "203.0.113.7")).toMatchObject({ allowed: false });
      // Another address is someone else.
      expect((await restarted.begin(USER, "198.51.100.20")).allowed).toBe(true);
    } finally {
      await restarted.close();
    }
  });

  it("a parallel burst split over two nodes lets at most the limit through", async () => {
    const a = openLoginLimits(nodeStore());
    const b = openLoginLimits(nodeStore());
    try {
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => (i % 2 ? b : a).begin("vanhoa", "203.0.113.8")),
      );
      expect(allowed(answers)).toBe(FAST);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("rows whose window ended over an hour ago are swept away, current ones stay", async () => {
    const insert = t.handle.conn.prepare("INSERT INTO login_limits (key, points, expire) VALUES (?, ?, ?)");
    insert.run("login:user:0:cu", 3, Date.now() - 2 * 3600_000);
    insert.run("login:user:0:moi", 3, Date.now() - 60_000);
    const a = openLoginLimits(nodeStore());
    try {
      expect((await a.begin("khac", null)).allowed).toBe(true);
    } finally {
      await a.close();
    }
    const keys = t.handle.conn.prepare("SELECT key FROM login_limits ORDER BY key").pluck().all();
    expect(keys).not.toContain("login:user:0:cu");
    expect(keys).toContain("login:user:0:moi");
    expect(keys).toContain("login:user:0:khac");
  });

  it("a success on one node clears the (username, address) count for the other", async () => {
    const a = openLoginLimits(nodeStore());
    const b = openLoginLimits(nodeStore());
    try {
      for (let i = 0; i < FAST - 1; i++) expect((await a.begin(USER, "203.0.113.9")).allowed).toBe(true);
      const ok = await b.begin(USER, "203.0.113.9");
      if (!ok.allowed) throw new Error("the fifth try is allowed");
      await ok.succeeded();
      const again = [];
      for (let i = 0; i < FAST + 1; i++) again.push(await a.begin(USER, "203.0.113.9"));
      expect(allowed(again)).toBe(FAST);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe("login limits: the answer", () => {
  it("passes the 429's Retry-After on to the page and .data responses (the route's headers export)", async () => {
    const headersOf = login.headers as (args: { actionHeaders: Headers }) => HeadersInit;
    expect(typeof headersOf).toBe("function");
    const out = new Headers(headersOf({ actionHeaders: new Headers({ "Retry-After": "27" }) }));
    expect(out.get("retry-after")).toBe("27");
    expect(new Headers(headersOf({ actionHeaders: new Headers() })).has("retry-after")).toBe(false);
  });
});

describe("client address", () => {
  const ip = async (xff: string | null, trust?: string) => {
    if (trust === undefined) delete process.env.TRUST_PROXY;
    else process.env.TRUST_PROXY = trust;
    // The app reads its settings once: the config module of this test's registry reads them again.
    (await import("../../config/env.server")).resetSettings();
    const { clientIp } = await import("../../app/lib/http.server");
    const headers: Record<string, string> = xff === null ? {} : { "x-forwarded-for": xff };
    return clientIp(new Request("http://localhost/", { headers }));
  };

  it("is the right-most X-Forwarded-For entry with TRUST_PROXY=1, the N-th from the right with N", async () => {
    expect(await ip("1.1.1.1, 203.0.113.7", "1")).toBe("203.0.113.7");
    expect(await ip("1.1.1.1, 203.0.113.7, 10.0.0.2", "2")).toBe("203.0.113.7");
    expect(await ip("203.0.113.7", "2")).toBe("203.0.113.7");
    expect(await ip("evil, [2001:db8::1]:4711", "1")).toBe("2001:db8::1");
    expect(await ip("evil, 203.0.113.7:4711", "1")).toBe("203.0.113.7");
    expect(await ip("1.1.1.1, not-an-address", "1")).toBeNull();
    expect(await ip(null, "1")).toBeNull();
  });

  it("ignores X-Forwarded-For without TRUST_PROXY (or with 0)", async () => {
    expect(await ip("203.0.113.7")).toBeNull();
    expect(await ip("203.0.113.7", "0")).toBeNull();
  });
});
