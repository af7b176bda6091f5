import { isIPv4, isIPv6 } from "node:net";
import type BetterSqlite3 from "better-sqlite3";
import { Pool } from "pg";
import {
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterStoreAbstract,
} from "rate-limiter-flexible";
import { settings } from "../../config/env.server";
import { appDb } from "./stores.server";

/**
 * Sign-in limits (OWASP's "slow down online guessing", the Epic Stack's strict limit on POST /login).
 *
 * Every attempt spends its points BEFORE the password is checked, in one atomic step per limiter
 * (one upsert that adds the point and returns the new count, in the database), so a burst of
 * parallel requests cannot all pass a check that counted nothing yet: at most `points` passwords
 * are ever checked in a window. A success gives the points back, so only failures are remembered.
 *
 * Three keys, spent in this order, each only when the ones before let the attempt through:
 * 1. the client address — a few fast tries, then a short wait, across all usernames (stops one
 *    address from spraying passwords over every account);
 * 2. username + address — 5 fast tries, then slower, then a wait; only that address waits, so an
 *    attacker elsewhere cannot lock the real user out;
 * 3. the username alone — loose, and its wait is seconds, never minutes: it only slows down
 *    guessing spread over many addresses. An attacker whose own address is already refused spends
 *    nothing here, so hammering from one place does not slow anyone else.
 *
 * Without a known address (no TRUST_PROXY: `remix-serve` does not tell Remix the socket address)
 * every client looks the same, so a lock-out of the username + "unknown" key would lock the real
 * user out: that key then only slows down too (seconds), and there is no per-address limit.
 *
 * The counts live in the database (table login_limits, migration 011; rate-limiter-flexible's
 * SQLite and PostgreSQL stores), not in the process: every app node behind the load balancer
 * spends from the same count, and a restart forgets nothing.
 */

interface Tier {
  points: number;
  /** seconds */
  duration: number;
}

export const LOGIN_LIMITS = {
  address: [
    { points: 10, duration: 60 },
    { points: 50, duration: 60 * 60 },
  ],
  userAtAddress: [
    { points: 5, duration: 60 },
    { points: 10, duration: 15 * 60 },
  ],
  userAtUnknownAddress: [{ points: 5, duration: 30 }],
  user: [{ points: 10, duration: 30 }],
} as const satisfies Record<string, readonly Tier[]>;

type Stage = keyof typeof LOGIN_LIMITS;

/** The table migration 011 creates: the limiters never create one themselves. */
const TABLE = "login_limits";
/** How often a process deletes rows whose window ended (an hour or more ago), at most. */
const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_AFTER_MS = 60 * 60_000;
const SWEEP_SQL = `DELETE FROM ${TABLE} WHERE expire < ?`;
/** Longest username part of a key: the PostgreSQL store's key is varchar(255). */
const MAX_USER_KEY = 128;

/** Where the counts are kept: the SQLite database's connection, or a PostgreSQL database's URL. */
export type LoginLimitStore = { sqlite: BetterSqlite3.Database } | { postgresUrl: string };

/** One node's view of the shared counts (see beginLoginAttempt for the app's own). */
export interface LoginLimits {
  /** See beginLoginAttempt. Rejects with the store's error (SqliteError, pg's DatabaseError). */
  begin(username: string, address: string | null): Promise<LoginAttempt>;
  /** Lets go of the store (ends the PostgreSQL pool); the SQLite connection stays its owner's. */
  close(): Promise<void>;
}

interface Backend {
  options: { storeClient: unknown; storeType?: string };
  Limiter: typeof RateLimiterSQLite | typeof RateLimiterPostgres;
  /** Deletes the rows whose window ended before `beforeMs`. */
  sweep(beforeMs: number): Promise<void>;
  close(): Promise<void>;
}

function sqliteBackend(conn: BetterSqlite3.Database): Backend {
  return {
    options: { storeClient: conn, storeType: "better-sqlite3" },
    Limiter: RateLimiterSQLite,
    async sweep(beforeMs) {
      conn.prepare(SWEEP_SQL).run(beforeMs);
    },
    async close() {},
  };
}

function postgresBackend(url: string): Backend {
  // Two connections are plenty: each step is one short upsert, and the domain has its own.
  // allowExitOnIdle: an idle pool never keeps a finishing process (CLI, tests) alive.
  const pool = new Pool({ connectionString: url, max: 2, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
  // A pooled connection the server drops while idle (restart, failover) is reported here; without
  // a listener the 'error' event would end the process. The next query connects afresh.
  pool.on("error", (e) => console.error(`[login-limit] idle database connection lost: ${e.message}`));
  let ended = false;
  const end = () => {
    if (ended) return Promise.resolve();
    ended = true;
    process.off("beforeExit", end);
    return pool.end();
  };
  process.once("beforeExit", end);
  return {
    options: { storeClient: pool, storeType: "pool" },
    Limiter: RateLimiterPostgres,
    async sweep(beforeMs) {
      await pool.query(SWEEP_SQL.replace("?", "$1"), [beforeMs]);
    },
    close: end,
  };
}

/**
 * The sign-in limits over `store`. Any number of these (one per node, or per process) on the same
 * database share one count per key. Makes no table (migration 011 has) and starts no timer:
 * expired rows are swept by `begin` now and then.
 */
export function openLoginLimits(store: LoginLimitStore): LoginLimits {
  const backend = "sqlite" in store ? sqliteBackend(store.sqlite) : postgresBackend(store.postgresUrl);
  const limiters = {} as Record<Stage, RateLimiterStoreAbstract[]>;
  for (const stage of Object.keys(LOGIN_LIMITS) as Stage[]) {
    limiters[stage] = LOGIN_LIMITS[stage].map(
      (t, i) =>
        new backend.Limiter({
          ...backend.options,
          keyPrefix: `login:${stage}:${i}`,
          ...t,
          tableName: TABLE,
          tableCreated: true,
          // Its own timer would outlive a closed connection and reject with nobody to catch it.
          clearExpiredByTimeout: false,
        }),
    );
  }
  let sweptAt = 0;
  async function sweep(now: number) {
    if (now - sweptAt < SWEEP_EVERY_MS) return;
    sweptAt = now;
    // Housekeeping only: a failure here must not turn into a failed sign-in.
    await backend.sweep(now - SWEEP_AFTER_MS).catch(() => {});
  }
  return {
    async begin(username, address) {
      await sweep(Date.now());
      return attempt(limiters, username, address);
    },
    close: () => backend.close(),
  };
}

let app: { target: unknown; limits: LoginLimits } | null = null;

/** The limits over the app's database (appDb), made again when the app opens another one. */
function appLimits(): LoginLimits {
  const handle = appDb();
  const url = handle.dialect === "postgres" ? settings().databaseUrl : null;
  const target = url ?? handle.conn;
  if (app?.target !== target) {
    app?.limits.close().catch(() => {});
    const store: LoginLimitStore = url
      ? { postgresUrl: url }
      : { sqlite: handle.conn as unknown as BetterSqlite3.Database };
    app = { target, limits: openLoginLimits(store) };
  }
  return app.limits;
}

/** Lets go of the app's store (ends its PostgreSQL pool); the next sign-in opens it again. */
export async function closeLoginLimits(): Promise<void> {
  const current = app;
  app = null;
  await current?.limits.close();
}

/**
 * The key an address is limited under: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64,
 * since one host usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressKey(address: string): string {
  const s = address.toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (mapped) return mapped[1]!;
  if (isIPv4(s) || !isIPv6(s)) return s;
  let hex = s;
  const v4 = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(2).map(Number) as [number, number, number, number];
    hex = `${v4[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = hex.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

export type LoginAttempt =
  | { allowed: true; succeeded(): Promise<void> }
  | { allowed: false; retryAfterSeconds: number };

type Limiters = Record<Stage, RateLimiterStoreAbstract[]>;

/** Spends one point on every tier of one key at once; the longest wait of the tiers that refused. */
async function spend(limiters: Limiters, stage: Stage, key: string): Promise<number | null> {
  const settled = await Promise.allSettled(limiters[stage].map((l) => l.consume(key)));
  let wait: number | null = null;
  for (const s of settled) {
    if (s.status === "fulfilled") continue;
    if (!(s.reason instanceof RateLimiterRes)) throw s.reason;
    wait = Math.max(wait ?? 0, s.reason.msBeforeNext);
  }
  return wait;
}

async function giveBack(limiters: Limiters, stage: Stage, key: string): Promise<void> {
  for (const l of limiters[stage]) {
    const state = await l.get(key);
    if (state && state.consumedPoints > 0) await l.reward(key);
  }
}

async function attempt(limiters: Limiters, username: string, address: string | null): Promise<LoginAttempt> {
  // The sign-in form takes 64 characters; a longer name from elsewhere still fits the key column.
  const user = username.trim().toLowerCase().slice(0, MAX_USER_KEY);
  const where = address ? addressKey(address) : null;
  const steps: [Stage, string][] = where
    ? [
        ["address", where],
        ["userAtAddress", `${where}|${user}`],
        ["user", user],
      ]
    : [
        ["userAtUnknownAddress", user],
        ["user", user],
      ];
  for (const [stage, key] of steps) {
    const wait = await spend(limiters, stage, key);
    if (wait !== null) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }
  return {
    allowed: true,
    async succeeded() {
      for (const [stage, key] of steps) {
        if (stage === "userAtAddress" || stage === "userAtUnknownAddress") {
          await Promise.all(limiters[stage].map((l) => l.delete(key)));
        } else {
          await giveBack(limiters, stage, key);
        }
      }
    },
  };
}

/**
 * Call before checking a password. Refused → answer 429 with the wait; allowed → check it, and
 * call `succeeded()` when it was right (it clears the username + address count). The counts are
 * the app database's (appDb), shared with every other node. Rejects with the database's error
 * (SqliteError SQLITE_READONLY…, pg's DatabaseError) when the count cannot be kept.
 */
export function beginLoginAttempt(username: string, address: string | null): Promise<LoginAttempt> {
  return appLimits().begin(username, address);
}

/** "Vui lòng chờ 25 giây …" / "… 3 phút …": how long, in the unit a person reads. */
export function loginLimitMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 60 ? `${retryAfterSeconds} giây` : `${Math.ceil(retryAfterSeconds / 60)} phút`;
  return `Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ ${wait} rồi thử lại.`;
}
