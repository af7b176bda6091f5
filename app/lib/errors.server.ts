import { isRenderError } from "../../templates/errors";
import { isWorkflowError } from "../../workflows/errors";
import { isObjectStoreError } from "../../storage/objects/index.server";

/** A Vietnamese message for an expected refusal; unexpected errors are logged and rethrown. */
export function userMessage(e: unknown): string {
  if (isRenderError(e) || isWorkflowError(e)) return e.messageVi;
  if (isObjectStoreError(e)) return "Kho lưu trữ file tạm thời không sẵn sàng. Vui lòng thử lại sau.";
  console.error(e);
  throw e;
}

/**
 * A refusal for a form: the message, and for a preflight refusal (PREFLIGHT_FAILED) the errors one
 * by one so the form can list them. Unexpected errors are logged and rethrown.
 */
export function userRefusal(e: unknown): { error: string; issues: string[] } {
  if (isWorkflowError(e) && e.code === "PREFLIGHT_FAILED") {
    const errors = (e.details?.errors ?? []) as { messageVi: string }[];
    const summary = typeof e.details?.summaryVi === "string" ? e.details.summaryVi : e.messageVi;
    return { error: summary, issues: errors.map((i) => i.messageVi) };
  }
  return { error: userMessage(e), issues: [] };
}

const GUARD = Symbol.for("co-dong.processGuard");

function describeError(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return typeof e === "string" ? e : JSON.stringify(e);
  } catch {
    return String(e);
  }
}

/**
 * Last line of defence for one server process: an error nobody caught (a promise without a catch,
 * a throw from a timer, like the one XState schedules for an actor restored from a bad snapshot)
 * is logged with a clear first line and the server keeps serving other requests instead of
 * exiting. Installed once per process, however often the module is evaluated (dev reloads);
 * returns false when it already was. Each refusal should still be handled where it happens: this
 * only keeps one bad row from taking every user down with it.
 */
export function installProcessGuard(log: (line: string) => void = (line) => console.error(line)): boolean {
  const g = globalThis as { [GUARD]?: boolean };
  if (g[GUARD]) return false;
  g[GUARD] = true;
  // A bad setting does not heal by itself: a server left running without listening would look
  // up to a supervisor and serve nothing, so configuration errors still end the process.
  const fatal = (e: unknown) => (e as { code?: unknown } | null)?.code === "CONFIG_INVALID";
  process.on("unhandledRejection", (reason) => {
    if (fatal(reason)) {
      log(`[process-guard] configuration error, server stops: ${describeError(reason)}`);
      process.exit(1);
    }
    log(`[process-guard] unhandledRejection, server keeps running: ${describeError(reason)}`);
  });
  process.on("uncaughtException", (error, origin) => {
    if (fatal(error)) {
      log(`[process-guard] configuration error, server stops: ${describeError(error)}`);
      process.exit(1);
    }
    log(`[process-guard] ${origin}, server keeps running: ${describeError(error)}`);
  });
  return true;
}
