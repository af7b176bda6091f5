import { DomainError } from "../../domain/errors";
import type { DbHandle } from "../../storage/db/connection";
import type { JobLog } from "../worker";
import type { ObjectStore } from "../../storage/objects/types";
import { completeOutbox, type OutboxJob } from "../../storage/outbox";

/** The publisher logs through the workers' common log type. */
export type PublisherLog = JobLog;

/** What one pass of the publisher carries from job to job. */
export interface PublisherContext {
  db: DbHandle;
  store: ObjectStore;
  workerId: string;
  clock: () => Date;
  retentionDays: number;
  /**
   * `https://host[:port]` the verify QR of a print file links to (PUBLIC_ORIGIN); null when the
   * caller did not say, and a 1:10 file drawn at publish time then carries no QR.
   */
  publicOrigin: string | null;
  log: PublisherLog;
  /** The bucket check of this pass, made once; cleared again when it failed. */
  bucketReady: Promise<void> | null;
}

/** Thrown by the publisher itself; `retryable` mirrors ObjectStoreError so one check covers both. */
export class PublishError extends DomainError {
  override readonly fault = true;
  constructor(
    readonly code: "INTEGRITY" | "KEY_CONFLICT" | "NOT_APPROVED" | "LEASE_LOST",
    message: string,
  ) {
    super("Phát hành file chưa thành công; hệ thống sẽ thử lại hoặc báo quản trị.", message);
    this.name = "PublishError";
  }
  get retryable(): boolean {
    return false;
  }
}

/**
 * Marks the job done, or throws LEASE_LOST when another worker has taken it over (its lease ran
 * out): inside a transaction that rolls back everything the job wrote, so its holder's result stands.
 */
export function completeOrLose(ctx: PublisherContext, job: OutboxJob, now: Date): void {
  if (!completeOutbox(ctx.db, job.id, ctx.workerId, now)) {
    throw new PublishError("LEASE_LOST", `job ${job.id} was claimed by another worker`);
  }
}
