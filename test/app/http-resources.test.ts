import { beforeAll, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import { createSession } from "../../storage/users";
import { createAsset } from "../../workflows/service";
import { fakeFiles, USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

// A12 of issue 11, resource routes (images, files, api.*):
// - a refusal (403, 404) answered Remix's "Unexpected Server Error": it is now the route's own
//   Vietnamese message, as text/plain, or JSON `{ ok: false, error }` for api.*;
// - /api/bulk-one answered 200 with ok:false: the status now matches the error;
// - images and JSON went out without `X-Content-Type-Options: nosniff`.

const app = await appUnderTest({ files: true });
const { handle } = app;
let draft: { assetId: string; versionId: string };
beforeAll(() => {
  const created = createAsset(app.db.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "traditional",
    formatId: "bang-ron-1x7",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    files: fakeFiles("resources"),
  });
  draft = {
    assetId: created.assetId,
    versionId: getAsset(app.db.handle, created.assetId)!.currentVersionId!,
  };
});

function send(path: string, user: string, init: { method?: string; body?: URLSearchParams } = {}) {
  const headers = new Headers({
    host: "localhost",
    cookie: `cd_session=${createSession(app.db.handle, user).token}`,
  });
  if (init.body) {
    headers.set("origin", "http://localhost");
    headers.set("content-type", "application/x-www-form-urlencoded");
  }
  return handle(
    new Request(`http://localhost${path}`, { method: init.method ?? "GET", headers, body: init.body }),
  );
}

function expectNosniff(res: Response) {
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
}

describe("a refusal from a resource route", () => {
  it("an unpublished proof asked for by a printer: 403 text/plain in Vietnamese", async () => {
    const res = await send(`/img/${draft.versionId}/png`, USERS.printer);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expectNosniff(res);
    const text = await res.text();
    expect(text).toBe("Bạn không có quyền truy cập trang này.");
  });

  it("an unknown proof: 404 text/plain in Vietnamese", async () => {
    const res = await send("/img/no-such-version/png", USERS.drafter);
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("Không tìm thấy trang hoặc dữ liệu yêu cầu.");
  });

  it("a download asked for by a drafter: 403 text/plain", async () => {
    const res = await send(`/print/${draft.assetId}/download`, USERS.drafter, {
      method: "POST",
      body: new URLSearchParams(),
    });
    expect(res.status).toBe(403);
    expectNosniff(res);
    expect(await res.text()).toBe("Bạn không có quyền truy cập trang này.");
  });

  it("a preview asked for by a printer: 403 JSON the editor can read", async () => {
    const res = await send("/api/preview?template=traditional&format=bang-ron-1x7&text=A", USERS.printer);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expectNosniff(res);
    expect(await res.json()).toMatchObject({ ok: false, error: "Bạn không có quyền truy cập trang này." });
  });

  it("bulk generation asked for by a printer: 403 JSON", async () => {
    const res = await send("/api/bulk-one", USERS.printer, {
      method: "POST",
      body: new URLSearchParams({ item: "cchc-2026:1.12", format: "bang-ron-1x7", template: "traditional" }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: "Bạn không có quyền truy cập trang này." });
  });
});

describe("/api/bulk-one", () => {
  it("answers a 4xx status, not 200, with ok:false and the message the bulk page shows", async () => {
    const res = await send("/api/bulk-one", USERS.drafter, {
      method: "POST",
      body: new URLSearchParams({ item: "cchc-2026:1.12" }),
    });
    expect(res.status).toBe(400);
    expectNosniff(res);
    expect(await res.json()).toEqual({ ok: false, error: "Dữ liệu không hợp lệ." });
  });

  it("an unknown format is refused with a 4xx and the workflow's message", async () => {
    const res = await send("/api/bulk-one", USERS.drafter, {
      method: "POST",
      body: new URLSearchParams({
        item: "cchc-2026:1.12",
        format: "no-such-format",
        template: "traditional",
      }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const json = (await res.json()) as { ok: boolean; error: string };
    expect(json.ok).toBe(false);
    expect(json.error).toMatch(/\p{L}/u);
  });
});

describe("nosniff on every resource", () => {
  it("a proof image", async () => {
    const res = await send(`/img/${draft.versionId}/png`, USERS.drafter);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expectNosniff(res);
  });

  it("a file link that is not valid (text)", async () => {
    const res = await send("/files/not-a-token", USERS.printer);
    expect(res.status).toBe(404);
    expectNosniff(res);
  });

  it("a preview that cannot be drawn (JSON)", async () => {
    const res = await send("/api/preview?template=traditional", USERS.drafter);
    expect(res.status).toBe(400);
    expectNosniff(res);
  });
});
