import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
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
import { resetObjectStoreForTests } from "../../storage/objects/config.server";
import { listSlogans } from "../../storage/plan";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { makeTempDir, USERS } from "../support/db";
import { setEnv } from "../support/env";

// Issue 11 A12: a full disk or a read-only database answered a generic 500 and told the operator
// nothing. Now each is logged as one clear line, the user gets a Vietnamese 503 page, and GET
// /healthz says which part is wrong (503) or that all is well (200), without sign-in or secrets.

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

/** The app's own connection (DATABASE_PATH), as a request would use it. */
const appDb = () => appDatabase().sqlite;

/** Fills the database to its page limit, as a full disk would for the next write that needs a page. */
function fillDatabase() {
  const sqlite = appDb();
  const pages = sqlite.pragma("page_count", { simple: true }) as number;
  sqlite.pragma(`max_page_count = ${pages}`);
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

describe("GET /healthz", () => {
  it("answers 200 with each part's state, no sign-in, nothing that locates or unlocks anything", async () => {
    const r = await health();
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.body).toEqual({
      ok: true,
      db: { ok: true, state: "ok" },
      objects: { ok: true, state: "ok", kind: "folder" },
      publisher: { ok: true, state: "off" },
      auditChain: { ok: true, state: "intact" },
    });
    expect(r.text).not.toContain(dataDir);
    expect(r.text).not.toContain(path.dirname(appDatabase().path));
  });

  it("a read-only database: 503 naming db SQLITE_READONLY", async () => {
    appDb().pragma("query_only = ON");
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body.ok).toBe(false);
    expect(r.body.db).toEqual({ ok: false, state: "readonly", code: "SQLITE_READONLY" });
    expect(r.body.problems).toEqual([{ part: "db", state: "readonly", code: "SQLITE_READONLY" }]);
  });

  it("a full database: 503 naming db SQLITE_FULL", async () => {
    fillDatabase();
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body.problems).toEqual([{ part: "db", state: "full", code: "SQLITE_FULL" }]);
  });

  it("an object folder that cannot be written: 503 naming objects", async () => {
    writeFileSync(path.join(dataDir, "objects"), "a file where the folder should be");
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body.objects).toMatchObject({ ok: false, kind: "folder", state: "no_access" });
    expect(r.body.problems.map((p: { part: string }) => p.part)).toEqual(["objects"]);
    expect(r.text).not.toContain(dataDir);
  });

  it("a publisher that should run but does not: 503 naming publisher", async () => {
    setEnv({ PUBLISHER: "1" });
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body.publisher).toEqual({ ok: false, state: "not_running" });
  });
});

describe("a write refused by the disk answers a Vietnamese 503 and logs the cause", () => {
  it("read-only database: adding a slogan gives the 503 page, one [storage] SQLITE_READONLY line", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    appDb().pragma("query_only = ON");
    const e = await thrown(() =>
      itemAction({
        request: post(`/items/${ITEM}`, new URLSearchParams({ intent: "add", text: "Cải cách hành chính" })),
        params: { itemId: ITEM },
        context: {},
      }),
    );
    expect(e.init?.status).toBe(503);
    expect(e.data?.message).toBe(
      "Hệ thống tạm thời không lưu được dữ liệu (dữ liệu đang ở chế độ chỉ đọc). Thao tác vừa rồi chưa được thực hiện. Vui lòng báo quản trị hệ thống và thử lại sau.",
    );
    const lines = errors.mock.calls.map((c) => String(c[0]));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[storage\] SQLITE_READONLY \(database readonly\): the database is read-only/);
    expect(listSlogans(t.handle, { contentItemId: ITEM }).filter((s) => s.origin === "user")).toEqual([]);
  });

  it("full disk: creating an asset gives the 503 page, one [storage] SQLITE_FULL line, nothing written", async () => {
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
    expect((t.handle.sqlite.prepare("SELECT count(*) AS n FROM assets").get() as { n: number }).n).toBe(0);
  });

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
});
