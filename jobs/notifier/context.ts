import { DomainError } from "../../domain/errors";
import type { DbHandle } from "../../storage/db/connection";
import type { JobLog } from "../worker";
import type { NotificationChannel } from "./channel";

/** The notifier logs through the workers' common log type. */
export type NotifierLog = JobLog;

/** What one pass of the notifier carries from job to job. */
export interface NotifierContext {
  db: DbHandle;
  channels: readonly NotificationChannel[];
  workerId: string;
  clock: () => Date;
  /** "https://co-dong.lacphuong.gov.vn", no trailing slash: links in messages are absolute. */
  publicOrigin: string;
  /** IANA zone the digest time and the times in messages are read in. */
  timeZone: string;
  /** "HH:MM" local time the daily digest falls due. */
  digestTime: string;
  log: NotifierLog;
}

/** A setting the notifier cannot work with (a malformed origin, time or zone). */
export class NotifierConfigError extends DomainError {
  readonly code = "NOTIFIER_CONFIG";
  override readonly fault = true;
  constructor(message: string) {
    super("Cấu hình gửi thông báo không hợp lệ; vui lòng báo quản trị hệ thống.", message);
    this.name = "NotifierConfigError";
  }
}

/** Thrown when the worker no longer holds its outbox job: the new holder owns the outcome. */
export class LeaseLostError extends Error {
  constructor(jobId: number) {
    super(`job ${jobId} was claimed by another worker`);
    this.name = "LeaseLostError";
  }
}
