import { isIPv4, isIPv6 } from "node:net";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Sign-in limits (OWASP's "slow down online guessing", the Epic Stack's strict limit on POST /login).
 *
 * Every attempt spends its points BEFORE the password is checked, in one synchronous step per
 * limiter (the memory limiter updates its count inside `consume`), so a burst of parallel requests
 * cannot all pass a check that counted nothing yet: at most `points` passwords are ever checked in
 * a window. A success gives the points back, so only failures are remembered.
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
 * Memory limiters: one web process serves a commune (decision 040); a restart forgets the counts.
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

function makeLimiters(): Record<Stage, RateLimiterMemory[]> {
  const out = {} as Record<Stage, RateLimiterMemory[]>;
  for (const stage of Object.keys(LOGIN_LIMITS) as Stage[]) {
    out[stage] = LOGIN_LIMITS[stage].map(
      (t, i) => new RateLimiterMemory({ keyPrefix: `login:${stage}:${i}`, ...t }),
    );
  }
  return out;
}

let limiters = makeLimiters();

/** Forgets every count (tests). */
export function resetLoginLimits(): void {
  limiters = makeLimiters();
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

/** Spends one point on every tier of one key at once; the longest wait of the tiers that refused. */
async function spend(stage: Stage, key: string): Promise<number | null> {
  const settled = await Promise.allSettled(limiters[stage].map((l) => l.consume(key)));
  let wait: number | null = null;
  for (const s of settled) {
    if (s.status === "fulfilled") continue;
    if (!(s.reason instanceof RateLimiterRes)) throw s.reason;
    wait = Math.max(wait ?? 0, s.reason.msBeforeNext);
  }
  return wait;
}

async function giveBack(stage: Stage, key: string): Promise<void> {
  for (const l of limiters[stage]) {
    const state = await l.get(key);
    if (state && state.consumedPoints > 0) await l.reward(key);
  }
}

/**
 * Call before checking a password. Refused → answer 429 with the wait; allowed → check it, and
 * call `succeeded()` when it was right (it clears the username + address count).
 */
export async function beginLoginAttempt(username: string, address: string | null): Promise<LoginAttempt> {
  const user = username.trim().toLowerCase();
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
    const wait = await spend(stage, key);
    if (wait !== null) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }
  return {
    allowed: true,
    async succeeded() {
      for (const [stage, key] of steps) {
        if (stage === "userAtAddress" || stage === "userAtUnknownAddress") {
          await Promise.all(limiters[stage].map((l) => l.delete(key)));
        } else {
          await giveBack(stage, key);
        }
      }
    },
  };
}

/** "Vui lòng chờ 25 giây …" / "… 3 phút …": how long, in the unit a person reads. */
export function loginLimitMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 60 ? `${retryAfterSeconds} giây` : `${Math.ceil(retryAfterSeconds / 60)} phút`;
  return `Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ ${wait} rồi thử lại.`;
}
