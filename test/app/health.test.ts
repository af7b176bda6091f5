import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetAuditCheckForTests } from "../../app/lib/audit-check.server";
import {
  logStorageFault,
  resetStorageFaultLogForTests,
  storageFault,
  storageFaultMessageVi,
} from "../../app/lib/errors.server";
import { action as editorAction } from "../../app/routes/editor";
import { loader as healthLoader } from "../../app/routes/healthz";
import { action as itemAction } from "../../app/routes/items.$itemId";
import { appDb as appDatabase } from "../../app/lib/stores.server";
import { closeDb } from "../../storage/db";
import { PgError } from "../../storage/db/postgres/errors";
import { resetObjectStoreForTests } from "../../storage/objects/config.server";
import { listSlogans } from "../../storage/plan";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { makeTempDir, ON_POSTGRES, sqliteOf, USERS } from "../support/db";
import { setEnv } from "../support/env";

// Issue 11 A12: a full disk or a read-only database answered a generic 500 and told the operator
// nothing. Now each is logged as one clear line and the user gets a Vietnamese 503 page; on
// PostgreSQL too (issue 15), from its SQLSTATEs. Issue 15: GET /healthz is liveness only — the
// process answers — and the parts' checks moved to GET /readyz (test/app/readyz.test.ts).

process.env.RENDER_WORKERS = "0";
const ITEM = "cchc-2026:1.12";

const t = seededAppDbPerTest();
let dataDir: string;
const saved = {
  DATA_DIR: process.env.DATA_DIR,
  MINIO_ENDPOINT: process.env.MINIO_ENDPOINT,
  PUBLISHER: process.env.PUBLISHER,
};

beforeEach(() => {
  dataDir = makeTempDir("co-dong-health-");
  setEnv({ DATA_DIR: dataDir, MINIO_ENDPOINT: undefined });
  resetObjectStoreForTests();
  resetAuditCheckForTests();
  resetStorageFaultLogForTests();
});
afterEach(() => {
  vi.restoreAllMocks();
  resetObjectStoreForTests();
  resetAuditCheckForTests();
  setEnv({ ...saved, PUBLISHER: "0" });
  rmSync(dataDir, { recursive: true, force: true });
});

async function health() {
  const res = await healthLoader();
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
}

/** The app's own SQLite connection (DATABASE_PATH), as a request would use it. */
const appDb = () => sqliteOf(appDatabase());

/** Fills the database to its page limit, as a full disk would for the next write that needs a page. */
function fillDatabase() {
  const conn = appDb();
  const pages = conn.pragma("page_count", { simple: true }) as number;
  conn.pragma(`max_page_count = ${pages}`);
}

async function thrown(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    return e as { type?: string; data?: { message?: string }; init?: { status?: number } };
  }
  throw new Error("expected the action to throw");
}

function post(pathname: string, body: URLSearchParams) {
  const { token } = createSession(t.handle, USERS.drafter);
  return new Request(`http://localhost${pathname}`, {
    method: "POST",
    body,
    headers: { cookie: `cd_session=${token}` },
  });
}

const addSlogan = () =>
  itemAction({
    request: post(`/items/${ITEM}`, new URLSearchParams({ intent: "add", text: "Cải cách hành chính" })),
    params: { itemId: ITEM },
    context: {},
  });

describe("GET /healthz (liveness)", () => {
  it("answers 200 {ok:true} with no sign-in, and nothing else", async () => {
    const r = await health();
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body).toEqual({ ok: true });
  });

  it("asks neither the database nor the store: 200 while both are out of reach", async () => {
    closeDb();
    const { AUDIT_KEY: auditKey, DATABASE_URL: databaseUrl } = process.env;
    // Settings the database and the store could not even be opened with: a read would throw.
    setEnv({
      DATABASE_URL: "postgres://x:y@127.0.0.1:1/none",
      AUDIT_KEY: undefined,
      MINIO_ENDPOINT: "s3.invalid",
    });
    try {
      expect(() => appDatabase()).toThrow(/AUDIT_KEY/);
      const r = await health();
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ ok: true });
    } finally {
      setEnv({ AUDIT_KEY: auditKey, DATABASE_URL: databaseUrl });
    }
  });
});

describe("a write refused by the disk answers a Vietnamese 503 and logs the cause", () => {
  it.skipIf(ON_POSTGRES)(
    "read-only database: adding a slogan gives the 503 page, one [storage] SQLITE_READONLY line",
    async () => {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      appDb().pragma("query_only = ON");
      const e = await thrown(addSlogan);
      expect(e.init?.status).toBe(503);
      expect(e.data?.message).toBe(
        "Hệ thống tạm thời không lưu được dữ liệu (dữ liệu đang ở chế độ chỉ đọc). Thao tác vừa rồi chưa được thực hiện. Vui lòng báo quản trị hệ thống và thử lại sau.",
      );
      const lines = errors.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^\[storage\] SQLITE_READONLY \(database readonly\): the database is read-only/,
      );
      expect(listSlogans(t.handle, { contentItemId: ITEM }).filter((s) => s.origin === "user")).toEqual([]);
    },
  );

  it.skipIf(ON_POSTGRES)(
    "full disk: creating an asset gives the 503 page, one [storage] SQLITE_FULL line, nothing written",
    async () => {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      fillDatabase();
      const body = new URLSearchParams({
        item: ITEM,
        sloganId: "",
        text: "Cải cách hành chính vì nhân dân phục vụ",
        template: "co-dong-truyen-thong",
        formats: "bang-ron-1x7",
        intent: "save",
      });
      const e = await thrown(() => editorAction({ request: post("/editor", body), params: {}, context: {} }));
      expect(e.init?.status).toBe(503);
      expect(e.data?.message).toContain("ổ đĩa lưu dữ liệu đã đầy");
      const lines = errors.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^\[storage\] SQLITE_FULL \(database full\): the disk holding the database is full/,
      );
      expect((t.handle.conn.prepare("SELECT count(*) AS n FROM assets").get() as { n: number }).n).toBe(0);
    },
  );

  it("names the object folder's faults too (ENOSPC, EACCES, EROFS), also behind a cause; repeats are held back", () => {
    const enospc = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      path: "/srv/co-dong/objects/blob",
    });
    expect(storageFault(new Error("put failed", { cause: enospc }))).toEqual({
      part: "disk",
      code: "ENOSPC",
      state: "full",
      hint: "the disk is full: free space (/srv/co-dong/objects/blob)",
    });
    expect(storageFault(Object.assign(new Error("x"), { code: "EACCES" }))?.state).toBe("no_access");
    expect(storageFault(Object.assign(new Error("x"), { code: "EROFS" }))?.state).toBe("readonly");
    expect(storageFault(new Error("something else"))).toBeNull();
    const f = storageFault(enospc);
    expect(f && storageFaultMessageVi(f)).toContain("ổ đĩa lưu dữ liệu đã đầy");

    const lines: string[] = [];
    expect(logStorageFault(enospc, (l) => lines.push(l), 1_000)).not.toBeNull();
    logStorageFault(enospc, (l) => lines.push(l), 2_000);
    logStorageFault(enospc, (l) => lines.push(l), 12_000);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\[storage\] ENOSPC \(disk full\): the disk is full: free space \(\/srv\/co-dong\/objects\/blob\)/,
    );
    expect(lines[1]).toContain("(1 more since the last line)");
  });

  it("names PostgreSQL's faults by their SQLSTATE, with what the operator should do", () => {
    const fault = (code: string) =>
      storageFault(new Error("query failed", { cause: new PgError(code, "x") }));
    expect(fault("53100")).toMatchObject({ part: "db", code: "53100", state: "full" });
    expect(fault("53100")?.hint).toMatch(/PostgreSQL server's disk is full/);
    expect(fault("25006")).toMatchObject({ state: "readonly" });
    expect(fault("25006")?.hint).toMatch(/read-only standby.*primary/);
    for (const code of ["08000", "08001", "08003", "08006", "57P01", "57P03", "53300"])
      expect(fault(code)?.state, code).toBe("unavailable");
    expect(fault("53300")?.hint).toMatch(/max_connections/);
    expect(fault("57P01")?.hint).toMatch(/shutting down/);
    for (const code of ["28000", "28P01"]) expect(fault(code)?.state, code).toBe("no_access");
    expect(fault("28P01")?.hint).toMatch(/pg_hba\.conf/);
    // A conflict, a constraint or a syntax error is the code's business, not the operator's.
    for (const code of ["40001", "23505", "42601", "22001"]) expect(fault(code), code).toBeNull();

    const down = fault("08006")!;
    expect(storageFaultMessageVi(down)).toContain("không kết nối được với máy chủ cơ sở dữ liệu");
    expect(storageFaultMessageVi(fault("53100")!)).toContain("ổ đĩa của máy chủ cơ sở dữ liệu đã đầy");
    const lines: string[] = [];
    logStorageFault(new PgError("08006", "server closed the connection"), (l) => lines.push(l), 1_000);
    expect(lines[0]).toMatch(/^\[storage\] 08006 \(database unavailable\): PostgreSQL cannot be reached/);
  });

  it.skipIf(!ON_POSTGRES)(
    "a PostgreSQL that refuses writes: adding a slogan gives the 503 page, one [storage] 25006 line",
    async () => {
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      appDatabase().conn.exec("SET default_transaction_read_only = on");
      const e = await thrown(addSlogan);
      expect(e.init?.status).toBe(503);
      expect(e.data?.message).toBe(
        "Hệ thống tạm thời không lưu được dữ liệu (cơ sở dữ liệu đang ở chế độ chỉ đọc). Thao tác vừa rồi chưa được thực hiện. Vui lòng báo quản trị hệ thống và thử lại sau.",
      );
      const lines = errors.mock.calls.map((c) => String(c[0]));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[storage\] 25006 \(database readonly\): PostgreSQL refuses writes/);
      appDatabase().conn.exec("SET default_transaction_read_only = off");
      expect(listSlogans(t.handle, { contentItemId: ITEM }).filter((s) => s.origin === "user")).toEqual([]);
    },
  );
});
