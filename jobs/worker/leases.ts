import type { DbHandle } from "../../storage/db/connection";
import {
  claimOutbox,
  failOutbox,
  keepRetrying,
  type OutboxJob,
  renewOutboxLease,
} from "../../storage/outbox";
import { errorText, type JobLog } from "./log";

// Claiming outbox jobs with a lease that a live worker keeps renewing, and recording a failed
// attempt: the same for every worker, so the outbox's guarantees (never lost, never done twice by
// two holders) rest on one piece of code.

export interface LeaseScope {
  db: DbHandle;
  workerId: string;
  clock: () => Date;
  log: JobLog;
}

/** Claims due jobs of `kinds` (at most `limit`) under this scope's worker id. */
export type Claim = <P>(kinds: string[], limit: number) => OutboxJob<P>[];

/**
 * Runs `work` with a `claim` whose jobs' leases (`leaseMs`, ms) are renewed every third of the
 * lease while they are held; `work` deletes a job's id from `held` once it is finished. The
 * renewal stops when `work` ends, even by a throw.
 */
export async function withLeases<T>(
  scope: LeaseScope,
  leaseMs: number,
  work: (claim: Claim, held: Set<number>) => Promise<T>,
): Promise<T> {
  const held = new Set<number>();
  const claim: Claim = <P>(kinds: string[], limit: number) => {
    const jobs = claimOutbox<P>(scope.db, {
      workerId: scope.workerId,
      kinds,
      limit,
      leaseMs,
      now: scope.clock(),
    });
    for (const j of jobs) held.add(j.id);
    return jobs;
  };
  const heartbeat = setInterval(
    () => {
      try {
        renewOutboxLease(scope.db, [...held], scope.workerId, leaseMs, scope.clock());
      } catch (err) {
        // A busy or closed database: the lease simply runs as claimed.
        scope.log("warn", `lease renewal failed: ${errorText(err)}`);
      }
    },
    Math.max(50, leaseMs / 3),
  );
  heartbeat.unref?.();
  try {
    return await work(claim, held);
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Records a failed attempt of `job`. A retryable failure (an outage, a busy database) never uses
 * up the job's attempts: an SMTP server or object store down over a weekend must delay the work,
 * not drop it. False when this worker no longer held the claim (nothing was recorded).
 */
export function recordJobFailure(
  scope: LeaseScope,
  job: OutboxJob,
  err: unknown,
  retryable: boolean,
): boolean {
  const message = errorText(err);
  if (retryable) keepRetrying(scope.db, job.id, scope.workerId);
  const res = failOutbox(scope.db, job.id, scope.workerId, message, scope.clock());
  scope.log(
    retryable ? "warn" : "error",
    `${job.kind} job ${job.id} (attempt ${job.attempts}) failed: ${message}` +
      (res ? ` → ${res.status}, next attempt ${res.availableAt}` : " (claim already lost)"),
  );
  return res !== null;
}

/** PostgreSQL's SQLSTATEs of the same kind: conflicts with other nodes, a lock wait, a restart. */
const PG_TRANSIENT = new Set([
  "40001", // serialisation failure (still failing after the connection's own retries)
  "40P01", // deadlock
  "55P03", // lock_timeout
  "57P01", // the server is shutting down
  "57P03", // the server is starting (cannot connect now)
]);

/**
 * A busy or unreachable database: nothing is wrong with the job, the next attempt may pass.
 * SQLite: SQLITE_BUSY, SQLITE_LOCKED. PostgreSQL: PG_TRANSIENT and every connection failure (08xxx).
 */
export function isBusyDatabase(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return (
    code === "SQLITE_BUSY" ||
    code === "SQLITE_LOCKED" ||
    PG_TRANSIENT.has(code) ||
    /^08[0-9A-Z]{3}$/.test(code)
  );
}
