import { data } from "@remix-run/node";
import { isDomainError, isRefusal } from "../../domain/errors";
import { isWorkflowError } from "../../domain/workflow-error";

// Storage faults: the disk under the database or the object folder is full, read-only, or not
// ours to write; on PostgreSQL also the server being out of reach, shutting down, refusing our
// sign-in or out of connections. Nothing a user typed can fix them, and the operator must hear of
// them: each is logged as one line naming the cause and what to do, and the request answers 503
// with a Vietnamese page (the root error boundary shows the message) instead of a bare 500.

export type StorageFaultState = "full" | "readonly" | "no_access" | "unavailable";

export interface StorageFault {
  /** Which store: the database (SQLite or PostgreSQL) or a file on disk (the object folder, DATA_DIR). */
  part: "db" | "disk";
  /**
   * The code as SQLite, PostgreSQL (SQLSTATE) or the system gave it: SQLITE_FULL,
   * SQLITE_READONLY_…, 53100, 25006, 08006, ENOSPC, EACCES…
   */
  code: string;
  state: StorageFaultState;
  /** What the operator should do, in English, for the log. */
  hint: string;
}

const SQLITE_FAULTS: [RegExp, StorageFaultState, string][] = [
  [
    /^SQLITE_FULL$/,
    "full",
    "the disk holding the database is full (or max_page_count is reached): free space",
  ],
  [
    /^SQLITE_READONLY/,
    "readonly",
    "the database is read-only: check that the file, its -wal/-shm files and its folder are writable by the server's user and the disk is not mounted read-only",
  ],
  [
    /^SQLITE_CANTOPEN/,
    "no_access",
    "the database file cannot be opened: check DATABASE_PATH / DATA_DIR and the folder's permissions",
  ],
  [
    /^SQLITE_IOERR/,
    "unavailable",
    "the disk under the database reports an I/O error: check the disk and free space",
  ],
];

// PostgreSQL's SQLSTATEs (storage/db/postgres/errors.ts PgError, and pg's DatabaseError alike).
const PG_FAULTS: [RegExp, StorageFaultState, string][] = [
  [
    /^53100$/,
    "full",
    "the PostgreSQL server's disk is full: free space on the database server (data directory, WAL, tablespaces)",
  ],
  [
    /^25006$/,
    "readonly",
    "PostgreSQL refuses writes: DATABASE_URL points at a read-only standby, or default_transaction_read_only is on; point it at the primary",
  ],
  [
    /^08[0-9A-Z]{3}$/,
    "unavailable",
    "PostgreSQL cannot be reached or dropped the connection: check that the server runs and that DATABASE_URL's host and port are reachable from this node",
  ],
  [
    /^57P0[1-3]$/,
    "unavailable",
    "PostgreSQL is shutting down, restarting or still starting up: wait for it, and read the server's log if it lasts",
  ],
  [
    /^53300$/,
    "unavailable",
    "PostgreSQL has no free connection slot: raise max_connections, or run fewer app nodes or processes",
  ],
  [
    /^28[0-9A-Z]{3}$/,
    "no_access",
    "PostgreSQL refused the sign-in: check the user and password in DATABASE_URL and the server's pg_hba.conf",
  ],
];

const FS_FAULTS: Record<string, [StorageFaultState, string]> = {
  ENOSPC: ["full", "the disk is full: free space"],
  EDQUOT: ["full", "the disk quota of the server's user is used up"],
  EROFS: ["readonly", "the file system is mounted read-only"],
  EACCES: ["no_access", "the server's user may not write there: fix the folder's owner or permissions"],
  EPERM: ["no_access", "the server's user may not write there: fix the folder's owner or permissions"],
  ENOTDIR: ["no_access", "a file stands where the data folder (or one of its parents) should be"],
};

/** The storage fault behind `e` (or behind its `cause`s), or null when it is something else. */
export function storageFault(e: unknown): StorageFault | null {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && typeof cur === "object"; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") {
      for (const [re, state, hint] of [...SQLITE_FAULTS, ...PG_FAULTS])
        if (re.test(code)) return { part: "db", code, state, hint };
      const fs = FS_FAULTS[code];
      if (fs) {
        const where = (cur as { path?: unknown }).path;
        const hint = typeof where === "string" ? `${fs[1]} (${where})` : fs[1];
        return { part: "disk", code, state: fs[0], hint };
      }
    }
    cur = (cur as { cause?: unknown }).cause;
  }
  return null;
}

const STORAGE_FAULT_VI: Record<StorageFaultState, string> = {
  full: "ổ đĩa lưu dữ liệu đã đầy",
  readonly: "dữ liệu đang ở chế độ chỉ đọc",
  no_access: "máy chủ không có quyền ghi vào thư mục dữ liệu",
  unavailable: "ổ đĩa lưu dữ liệu đang gặp lỗi",
};

// A database server's fault is not the disk's or the folder's, and the page should not say it is.
const PG_FAULT_VI: Record<StorageFaultState, string> = {
  full: "ổ đĩa của máy chủ cơ sở dữ liệu đã đầy",
  readonly: "cơ sở dữ liệu đang ở chế độ chỉ đọc",
  no_access: "máy chủ cơ sở dữ liệu từ chối kết nối của hệ thống",
  unavailable: "không kết nối được với máy chủ cơ sở dữ liệu",
};

/** A SQLSTATE (two-digit class): PostgreSQL's, never SQLite's (SQLITE_…) or the system's (E…). */
const isSqlState = (code: string) => /^\d\d[0-9A-Z]{3}$/.test(code);

/** The Vietnamese page text for a storage fault: what happened to the user's action, and whom to tell. */
export function storageFaultMessageVi(f: StorageFault): string {
  const what = (isSqlState(f.code) ? PG_FAULT_VI : STORAGE_FAULT_VI)[f.state];
  return `Hệ thống tạm thời không lưu được dữ liệu (${what}). Thao tác vừa rồi chưa được thực hiện. Vui lòng báo quản trị hệ thống và thử lại sau.`;
}

const lastLogged = new Map<string, { at: number; suppressed: number }>();

/**
 * Logs a storage fault as one line an operator can act on — `[storage] SQLITE_FULL (database
 * full): … — 503 until fixed` — at most once per code every 10 s (with how many were left out),
 * so a full disk does not also fill the log. Returns the fault, or null (nothing logged) when `e`
 * is not one.
 */
export function logStorageFault(
  e: unknown,
  log: (line: string) => void = (line) => console.error(line),
  now = Date.now(),
): StorageFault | null {
  const f = storageFault(e);
  if (!f) return null;
  const seen = lastLogged.get(f.code);
  if (seen && now - seen.at < 10_000) {
    seen.suppressed++;
    return f;
  }
  const more = seen?.suppressed ? ` (${seen.suppressed} more since the last line)` : "";
  const what = f.part === "db" ? "database" : "disk";
  const detail = e instanceof Error ? ` [${e.name}: ${e.message}]` : "";
  log(
    `[storage] ${f.code} (${what} ${f.state}): ${f.hint}; requests that write answer 503 until then${more}${detail}`,
  );
  lastLogged.set(f.code, { at: now, suppressed: 0 });
  return f;
}

/** Forgets which faults were logged lately (tests). */
export function resetStorageFaultLogForTests(): void {
  lastLogged.clear();
}

/** Throws the 503 page for a storage fault (logged first); returns when `e` is not one. */
export function throwIfStorageFault(e: unknown): void {
  const f = logStorageFault(e);
  if (f)
    throw data({ message: storageFaultMessageVi(f) }, { status: 503, statusText: "Service Unavailable" });
}

/**
 * A Vietnamese message for an expected refusal. A storage fault (full disk, read-only database) is
 * logged and thrown as the 503 page; other unexpected errors are logged and rethrown.
 */
export function userMessage(e: unknown): string {
  if (isRefusal(e)) return e.messageVi;
  throwIfStorageFault(e);
  // A fault the domain named (object store down, audit key wrong): the operator reads the code and
  // cause in the log, the person reads what happened to their action.
  if (isDomainError(e)) {
    console.error(`[${e.name}] ${e.code}: ${e.message}`);
    return e.messageVi;
  }
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
