import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

// What every outbox worker (publisher, notifier) shares about logging and naming itself.

export type JobLog = (level: "info" | "warn" | "error", message: string) => void;

/** A log that writes `[prefix] message` to the console at the matching level. */
export function consoleJobLog(prefix: string): JobLog {
  return (level, message) => {
    const line = `[${prefix}] ${message}`;
    if (level === "error") console.error(line);
    else if (level === "warn") console.warn(line);
    else console.info(line);
  };
}

/** One line for a log: `CODE: message` when the error has a string code, else its message. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${typeof code === "string" ? `${code}: ` : ""}${err.message}`;
  }
  return String(err);
}

/** host:pid:random — unique per process start, readable in the outbox's locked_by column. */
export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}
