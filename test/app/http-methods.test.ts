import { describe, expect, it } from "vitest";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { appUnderTest, routesWithAction } from "../support/remix-app";

// A12 of issue 11: requests no form of this app sends — a cross-origin post, PUT/DELETE, a JSON or
// text body — answered 500 (Remix's own Origin check throws before any app code; actions that
// read a form threw on anything else). Each now gets its status and a Vietnamese message: 403
// (cross-origin), 405 with Allow (method), 415 (body type). Requests go through Remix's request
// handler with the real entry.server and route modules (test/support/remix-app.ts).

// One seeded database for the file: every request here is refused before it writes anything.
const app = await appUnderTest();
const { handle } = app;

const ORIGIN = "http://localhost";
const FORM = "application/x-www-form-urlencoded";

function send(
  path: string,
  init: { method: string; origin?: string; type?: string; body?: string; user?: string },
): Promise<Response> {
  const headers = new Headers({ host: "localhost" });
  if (init.origin) headers.set("origin", init.origin);
  if (init.type) headers.set("content-type", init.type);
  if (init.user) headers.set("cookie", `cd_session=${createSession(app.db.handle, init.user).token}`);
  return handle(new Request(`${ORIGIN}${path}`, { method: init.method, headers, body: init.body }));
}

function assetCount(): number {
  return (app.db.handle.conn.prepare("SELECT count(*) AS n FROM assets").get() as { n: number }).n;
}

const EDITOR_FORM = new URLSearchParams({
  item: "cchc-2026:1.12",
  text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
  template: "co-dong-truyen-thong",
  formats: "bang-ron-1x7",
}).toString();

/** Every route with an action (route id → a path that reaches it); a new one must be added here. */
const ACTION_PATHS: Record<string, string> = {
  "routes/login": "/login",
  "routes/logout": "/logout",
  "routes/editor": "/editor",
  "routes/review": "/review",
  "routes/admin.users": "/admin/users",
  "routes/asset.$assetId": "/asset/x",
  "routes/items.$itemId": "/items/x",
  "routes/print._index": "/print?index",
  "routes/print.$assetId.download": "/print/x/download",
  "routes/verify._index": "/verify?index",
  "routes/verify.$code": "/verify/CCHC-2026-1.12-0001-v1",
  "routes/api.preview": "/api/preview",
  "routes/api.bulk-one": "/api/bulk-one",
  "routes/assets._index": "/assets?index",
  "routes/inbox": "/inbox",
  "routes/inbox.$id": "/inbox/1",
  "routes/account": "/account",
  "routes/admin.settings": "/admin/settings",
  "routes/admin.targets": "/admin/targets",
  "routes/asset.$assetId.posts": "/asset/x/posts",
  "routes/placements._index": "/placements?index",
  "routes/orders.new": "/orders/new",
  "routes/orders.$orderId": "/orders/x",
  "routes/orders.$orderId_.lines.$lineId": "/orders/x/lines/y",
  "routes/admin.brand": "/admin/brand",
  "routes/media._index": "/media?index",
  "routes/media.$mediaId": "/media/x",
  // Resource routes that take no POST: their action only answers 405.
  "routes/files.$token": "",
  "routes/img.$versionId.$kind": "",
  "routes/download.$versionId": "",
  "routes/download.item.$itemId": "",
  "routes/asset.$assetId.minute[.]pdf": "",
  "routes/orders.$orderId.sheet[.]pdf": "",
  "routes/photos.$photoId": "",
  "routes/media.$mediaId_.file": "",
  "routes/media.$mediaId_.thumb": "",
  "routes/thumbs.$templateId": "",
  "routes/report[.]xlsx": "",
  "routes/report[.]docx": "",
};

describe("a cross-origin post", () => {
  it("to a page answers 403 with the Vietnamese page, and creates nothing", async () => {
    const before = assetCount();
    const res = await send("/editor", {
      method: "POST",
      origin: "http://evil.example",
      type: FORM,
      body: EDITOR_FORM,
      user: USERS.drafter,
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("nguồn gửi không hợp lệ");
    expect(assetCount()).toBe(before);
  });

  it("to a page's data (.data, as the Remix client sends it) answers 403", async () => {
    const res = await send("/editor.data", {
      method: "POST",
      origin: "http://evil.example",
      type: FORM,
      body: EDITOR_FORM,
      user: USERS.drafter,
    });
    expect(res.status).toBe(403);
  });

  it("the list below covers every route with an action", async () => {
    expect(await routesWithAction()).toEqual(Object.keys(ACTION_PATHS).sort());
  });

  it.each(Object.values(ACTION_PATHS).filter(Boolean))(
    "to %s answers 403, signed in or not",
    async (path) => {
      for (const user of [undefined, USERS.admin]) {
        const res = await send(path, {
          method: "POST",
          origin: "http://evil.example",
          type: FORM,
          body: "a=1",
          user,
        });
        expect(res.status, `${path} ${user ?? "signed out"}`).toBe(403);
      }
    },
  );
});

describe("a method no form sends", () => {
  it.each(["PUT", "PATCH", "DELETE"])(
    "%s on a page with an action answers 405 with Allow",
    async (method) => {
      const before = assetCount();
      const res = await send("/editor", {
        method,
        origin: ORIGIN,
        type: FORM,
        body: method === "DELETE" ? undefined : EDITOR_FORM,
        user: USERS.drafter,
      });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, POST");
      expect(await res.text()).toContain("Phương thức yêu cầu không được hỗ trợ");
      expect(assetCount()).toBe(before);
    },
  );

  it("POST on a page without an action answers 405, Allow: GET, HEAD", async () => {
    const res = await send("/", {
      method: "POST",
      origin: ORIGIN,
      type: FORM,
      body: "a=1",
      user: USERS.drafter,
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
    expect(await res.text()).toContain("Phương thức yêu cầu không được hỗ trợ");
  });

  it.each([
    ["PUT", "/api/bulk-one", "POST"],
    ["GET", "/api/bulk-one", "POST"],
    ["POST", "/files/abc", "GET, HEAD"],
    ["DELETE", "/img/x/png", "GET, HEAD"],
    ["PUT", "/api/preview", "GET, HEAD, POST"],
  ])("%s %s (a resource route) answers 405, Allow: %s", async (method, path, allow) => {
    const res = await send(path, {
      method,
      origin: ORIGIN,
      type: method === "GET" || method === "DELETE" ? undefined : FORM,
      body: method === "GET" || method === "DELETE" ? undefined : "a=1",
      user: USERS.drafter,
    });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect(body).toContain("Phương thức yêu cầu không được hỗ trợ");
    expect(body).not.toContain("Unexpected Server Error");
  });
});

describe("a body that is not a form", () => {
  it.each([
    ["application/json", '{"item":"cchc-2026:1.12"}'],
    ["text/plain", "item=cchc-2026:1.12"],
  ])("%s to a page's action answers 415", async (type, body) => {
    for (const path of ["/editor", "/login"]) {
      const res = await send(path, { method: "POST", origin: ORIGIN, type, body, user: USERS.drafter });
      expect(res.status, path).toBe(415);
      expect(await res.text()).toContain("Dữ liệu phải được gửi bằng biểu mẫu");
    }
  });

  it("JSON to /api/bulk-one answers 415 as JSON", async () => {
    const res = await send("/api/bulk-one", {
      method: "POST",
      origin: ORIGIN,
      type: "application/json",
      body: '{"item":"cchc-2026:1.12","format":"bang-ron-1x7","template":"co-dong-truyen-thong"}',
      user: USERS.drafter,
    });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringContaining("biểu mẫu") });
  });
});
