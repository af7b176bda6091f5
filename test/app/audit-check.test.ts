import type { LoaderFunctionArgs } from "@remix-run/node";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  auditCheckStatus,
  checkAuditChain,
  resetAuditCheckForTests,
  startAuditCheckOnce,
} from "../../app/lib/audit-check.server";
import AdminUsers, { loader as adminLoader } from "../../app/routes/admin.users";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { auditHistory, dropAuditTriggers } from "../support/audit-history";
import { ON_POSTGRES, USERS } from "../support/db";

// Issue 11, A9: the app itself runs the audit-chain check (at start-up and on a schedule), logs a
// clear line when it fails, and shows the result to admins on the users page.

/** What the page component reads: the loader's answer, outside a router (no action yet). */
const page = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@remix-run/react")>()),
  useLoaderData: () => page.data,
  useActionData: () => undefined,
  Form: (props: Record<string, unknown>) => createElement("form", props),
}));

const t = seededAppDbPerTest();
const savedKey = process.env.AUDIT_KEY;
beforeEach(() => {
  // On SQLite the chain's key is the file beside the database; PostgreSQL has only AUDIT_KEY.
  if (!ON_POSTGRES) delete process.env.AUDIT_KEY;
  resetAuditCheckForTests();
});
afterEach(() => {
  resetAuditCheckForTests();
  vi.restoreAllMocks();
  if (savedKey === undefined) delete process.env.AUDIT_KEY;
  else process.env.AUDIT_KEY = savedKey;
});

const codeOf = (assetId: string) =>
  (t.handle.conn.prepare("SELECT code FROM assets WHERE id = ?").get(assetId) as { code: string }).code;

async function adminPage() {
  const { token } = createSession(t.handle, USERS.admin);
  const request = new Request("http://localhost/admin/users", { headers: { cookie: `cd_session=${token}` } });
  return adminLoader({ request, params: {}, context: {} } as LoaderFunctionArgs);
}

/** The page's text as an admin reads it. */
function pageText(data: unknown): string {
  page.data = data;
  return renderToStaticMarkup(createElement(AdminUsers))
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'");
}

describe("audit check in the app", () => {
  it("an intact log: one info line, and the admin page says how many rows and when", async () => {
    auditHistory(t.handle);
    const lines: string[] = [];
    const s = checkAuditChain(undefined, (level, m) => lines.push(`${level} ${m}`));
    expect(s).toMatchObject({ ok: true, count: 7 });
    expect(lines).toEqual(["info audit chain intact: 7 rows"]);
    const data = await adminPage();
    expect(data.audit).toMatchObject({ ok: true, count: 7, checkedAt: s.checkedAt });
    expect(pageText(data)).toMatch(
      /Nhật ký kiểm toán: nguyên vẹn \(7 bản ghi, kiểm lúc \d\d:\d\d \d\d\/\d\d\/\d{4}\)/,
    );
  });

  it("a row edited with the triggers dropped: logged with its id, action and asset, and shown to admins", async () => {
    const ids = auditHistory(t.handle);
    checkAuditChain(undefined, () => {});
    dropAuditTriggers(t.handle);
    t.handle.conn.exec("UPDATE audit_events SET actor_user_id = 'user-quantri' WHERE id = 4");
    const lines: string[] = [];
    const s = checkAuditChain(undefined, (level, m) => lines.push(`${level} ${m}`));
    expect(s).toMatchObject({
      ok: false,
      firstBadId: 4,
      code: "edited",
      action: "SUBMIT",
      assetCode: codeOf(ids[1]),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error AUDIT CHAIN BROKEN at row #4 \(SUBMIT, CCHC-2026-1\.14-\d{4}\): /);
    const data = await adminPage();
    expect(data.audit).toMatchObject({ ok: false, firstBadId: 4, reasonVi: expect.stringMatching(/bị sửa/) });
    const text = pageText(data);
    expect(text).toContain(`Nhật ký kiểm toán: BỊ SỬA ĐỔI từ bản ghi #4 (`);
    expect(text).toContain(codeOf(ids[1]));
  });

  it("starts with the server and checks again on its schedule", async () => {
    auditHistory(t.handle);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const infos = vi.spyOn(console, "info").mockImplementation(() => {});
    startAuditCheckOnce(100);
    await new Promise((r) => setImmediate(r));
    expect(auditCheckStatus()).toMatchObject({ ok: true, count: 7 });
    expect(infos).toHaveBeenCalledWith("[audit-check] audit chain intact: 7 rows");
    dropAuditTriggers(t.handle);
    t.handle.conn.exec("UPDATE audit_events SET comment = 'sửa sau' WHERE id = 2");
    await vi.waitFor(() => expect(auditCheckStatus()).toMatchObject({ ok: false, firstBadId: 2 }), {
      timeout: 2000,
    });
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/^\[audit-check\] AUDIT CHAIN BROKEN at row #2 /),
    );
  });
});
