import { describe, expect, it } from "vitest";
import { createAssetWithFiles, createVersionWithFiles } from "../../app/lib/create.server";
import { userRefusal } from "../../app/lib/errors.server";
import { action as assetAction, loader as assetLoader } from "../../app/routes/asset.$assetId";
import { action as editorAction } from "../../app/routes/editor";
import { loader as reviewLoader } from "../../app/routes/review";
import { getAsset, getVersion, listVersions } from "../../storage/assets";
import { createSession, getUser, type User } from "../../storage/users";
import { isWorkflowError } from "../../domain/workflow-error";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";
import { rejection } from "../support/errors";

// The web app's side of "preflight blocks": the editor, the version form and the decision form
// refuse a render whose preflight has errors before anything is written, and say why in Vietnamese
// (a 4xx answer the form shows, never a 500); the warnings are stored and reach the reviewers.

process.env.RENDER_WORKERS = "0"; // render in this thread: no worker bundle needed

const STAR = "★ Cải cách hành chính vì nhân dân phục vụ ★";
const GOOD = "Cải cách hành chính vì nhân dân phục vụ";
const NO_MARKS = "Tra cuu ho so truc tuyen";
const TEMPLATE = "co-dong-truyen-thong";
const ITEM = "cchc-2026:1.12";

const t = seededAppDbPerTest();

function user(id: string): User {
  return getUser(t.handle, id)!;
}

function count(table: string): number {
  return (t.handle.conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

function rowsWritten() {
  return ["assets", "asset_versions", "version_files", "audit_events", "outbox"].map(count);
}

function request(path: string, userId: string, fields?: Record<string, string | string[]>): Request {
  const { token } = createSession(t.handle, userId);
  const headers = { cookie: `cd_session=${token}` };
  if (!fields) return new Request(`http://localhost${path}`, { headers });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return new Request(`http://localhost${path}`, { method: "POST", body, headers });
}

interface Answer {
  status: number;
  body: Record<string, unknown> & { error?: string; issues?: string[] };
  location?: string | null;
}

/** An action's answer as the browser gets it: data() with a status, a plain object (200), or a thrown redirect. */
async function answer(fn: () => Promise<unknown>): Promise<Answer> {
  try {
    const r = (await fn()) as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (r && r.type === "DataWithResponseInit") {
      return { status: r.init?.status ?? 200, body: r.data as Answer["body"] };
    }
    return { status: 200, body: r as Answer["body"] };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: {}, location: e.headers.get("location") };
    throw e;
  }
}

function newAsset(text: string, formatId = "bang-ron-1x7", submit = false) {
  return createAssetWithFiles(
    t.handle,
    user(USERS.drafter),
    {
      planId: "cchc-2026",
      contentItemId: ITEM,
      sloganId: null,
      templateId: TEMPLATE,
      formatId,
      input: { text, options: {} },
      submit,
    },
    "http://localhost",
  );
}

describe("creating an asset", () => {
  it("with the ★ slogan is refused with GLYPH_MISSING: no asset, version or file row, the code stays free", async () => {
    const before = rowsWritten();
    const err = await rejection(() => newAsset(STAR, "bang-ron-1x7", true), isWorkflowError);
    expect(err.code).toBe("PREFLIGHT_FAILED");
    const errors = err.details?.errors as { code: string; messageVi: string }[];
    expect(errors.map((e) => e.code)).toContain("GLYPH_MISSING");
    expect(errors.find((e) => e.code === "GLYPH_MISSING")?.messageVi).toContain("★");
    expect(rowsWritten()).toEqual(before);
    expect(count("assets")).toBe(0);

    const ok = await newAsset(GOOD);
    expect(ok.code).toBe("CCHC-2026-1.12-0001");
    expect(getVersion(t.handle, ok.versionId)?.preflight).toMatchObject({ ok: true, errors: [] });
  });

  it("the editor answers 422 with the errors listed for the form, not a 500, and writes nothing", async () => {
    const before = rowsWritten();
    const res = await answer(() =>
      editorAction({
        request: request("/editor", USERS.drafter, {
          item: ITEM,
          sloganId: "",
          text: STAR,
          template: TEMPLATE,
          formats: "bang-ron-1x7",
          intent: "submit",
        }),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^Chưa tạo ấn phẩm: kiểm tra trước khi in phát hiện \d+ lỗi/);
    expect(res.body.issues?.some((m) => m.includes("★"))).toBe(true);
    expect(rowsWritten()).toEqual(before);
  });

  it("several formats: one preflight failure refuses them all before the first is written", async () => {
    const before = rowsWritten();
    const res = await answer(() =>
      editorAction({
        request: request("/editor", USERS.drafter, {
          item: ITEM,
          text: STAR,
          template: TEMPLATE,
          formats: ["fb-link-1200x630", "bang-ron-1x7"],
          intent: "save",
        }),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^Chưa tạo ấn phẩm nào/);
    expect(res.body.issues?.length).toBeGreaterThanOrEqual(2);
    expect(res.body.issues?.[0]).toMatch(/ — .*★/);
    expect(rowsWritten()).toEqual(before);
  });

  it("a clean slogan goes through: the editor redirects to the new asset", async () => {
    const res = await answer(() =>
      editorAction({
        request: request("/editor", USERS.drafter, {
          item: ITEM,
          text: GOOD,
          template: TEMPLATE,
          formats: "fb-link-1200x630",
          intent: "submit",
        }),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/asset\/.+\?created=1$/);
    expect(count("assets")).toBe(1);
  });
});

describe("warnings travel with the version", () => {
  it("TEXT_NO_DIACRITICS is stored with the version and shown on the asset page and in the review queue", async () => {
    const created = await newAsset(NO_MARKS, "fb-link-1200x630", true);
    const stored = getVersion(t.handle, created.versionId)!.preflight!;
    expect(stored.ok).toBe(true);
    expect(stored.warnings.map((w) => w.code)).toContain("TEXT_NO_DIACRITICS");

    const page = (await assetLoader({
      request: request(`/asset/${created.assetId}`, USERS.office),
      params: { assetId: created.assetId },
      context: {},
    })) as { versions: { preflight: { warnings: { code: string }[] } | null }[] };
    expect(page.versions[0].preflight?.warnings.map((w) => w.code)).toContain("TEXT_NO_DIACRITICS");

    const queue = (await reviewLoader({
      request: request("/review", USERS.office),
      params: {},
      context: {},
    })) as { queues: { items: { id: string; preflight: { warnings: { messageVi: string }[] } | null }[] }[] };
    const item = queue.queues[0].items.find((i) => i.id === created.assetId);
    expect(item?.preflight?.warnings.some((w) => w.messageVi.includes("không có dấu tiếng Việt"))).toBe(true);
  });
});

describe("a new version", () => {
  it("with the ★ slogan is refused (createVersionWithFiles and the asset page's form); version 1 stays current", async () => {
    const a = await newAsset(GOOD, "fb-link-1200x630");
    const before = rowsWritten();
    const err = await rejection(
      () =>
        createVersionWithFiles(
          t.handle,
          user(USERS.drafter),
          {
            assetId: a.assetId,
            baseVersionHash: a.versionHash,
            input: { text: STAR, options: {} },
            submit: true,
          },
          "http://localhost",
        ),
      isWorkflowError,
    );
    expect(err.code).toBe("PREFLIGHT_FAILED");
    expect(userRefusal(err).issues.some((m) => m.includes("★"))).toBe(true);

    const res = await answer(() =>
      assetAction({
        request: request(`/asset/${a.assetId}`, USERS.drafter, {
          intent: "edit",
          baseVersionHash: a.versionHash,
          text: STAR,
          submit: "1",
        }),
        params: { assetId: a.assetId },
        context: {},
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/^Chưa tạo phiên bản mới/);
    expect(res.body.issues?.some((m) => m.includes("★"))).toBe(true);
    expect(rowsWritten()).toEqual(before);
    expect(listVersions(t.handle, a.assetId).map((v) => v.n)).toEqual([1]);
  });
});

describe("a SUBMIT posted by hand", () => {
  it("on a version whose stored preflight has errors is refused server-side with the reason", async () => {
    const a = await newAsset(GOOD, "fb-link-1200x630");
    t.handle.conn.prepare("UPDATE asset_versions SET preflight_json = ? WHERE id = ?").run(
      JSON.stringify({
        ok: false,
        errors: [{ code: "MARK_COLLISION", messageVi: "Dấu chạm dòng trên." }],
        warnings: [],
      }),
      a.versionId,
    );
    const before = rowsWritten();
    const res = await answer(() =>
      assetAction({
        request: request(`/asset/${a.assetId}`, USERS.drafter, {
          intent: "decide",
          decision: "SUBMIT",
          versionHash: a.versionHash,
          rowVersion: "0",
        }),
        params: { assetId: a.assetId },
        context: {},
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(
      /^Không thể gửi duyệt phiên bản này: kiểm tra trước khi in phát hiện 1 lỗi/,
    );
    expect(res.body.issues).toEqual(["Dấu chạm dòng trên."]);
    expect(rowsWritten()).toEqual(before);
    expect(getAsset(t.handle, a.assetId)?.state).toBe("draft");
  });

  it("a comment with U+202E is refused with a message naming it", async () => {
    const a = await newAsset(GOOD, "fb-link-1200x630");
    const res = await answer(() =>
      assetAction({
        request: request(`/asset/${a.assetId}`, USERS.office, {
          intent: "comment",
          body: "Sai dấu\u202E ở dòng 2",
        }),
        params: { assetId: a.assetId },
        context: {},
      }),
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toContain("U+202E");
    expect(count("comments")).toBe(0);
  });
});
