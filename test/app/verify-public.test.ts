import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { VerifyReport } from "../../app/components/VerifyReport";
import { action as verifyCodeAction, loader as verifyCodeLoader } from "../../app/routes/verify.$code";
import { action as verifyIndexAction } from "../../app/routes/verify._index";
import { getAsset, sha256Hex } from "../../storage/assets";
import { slugVerifyCode } from "../../storage/assets";
import { createSession } from "../../storage/users";
import { applyAssetEvent, createAsset, createVersion, markPublished } from "../../workflows/service";
import { seededAppDbPerTest } from "../support/app-db";
import { fakeFiles, USERS } from "../support/db";

// The public verify page (A3, A4 of issue 11): anyone may type a code, and the codes are easy to
// walk (ASSET-CODE-vN with sequential numbers), so a signed-out visitor must learn nothing about
// work that was never published: every such code reads exactly like a code that does not exist.
// Published and revoked versions verify; staff who are signed in see every state.

const t = seededAppDbPerTest();

type Step = "SUBMIT" | "FORWARD" | "APPROVE" | "RETURN" | "REJECT" | "REVOKE";
const REASONED: readonly Step[] = ["RETURN", "REJECT", "REVOKE"];
const ACTOR: Record<Step, string> = {
  SUBMIT: USERS.drafter,
  FORWARD: USERS.office,
  APPROVE: USERS.approver,
  RETURN: USERS.office,
  REJECT: USERS.approver,
  REVOKE: USERS.approver,
};

function act(assetId: string, type: Step) {
  const asset = getAsset(t.handle, assetId)!;
  applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: {
      type,
      actor: { userId: ACTOR[type] },
      ...(REASONED.includes(type) ? { reason: { code: "off_plan" as const, text: "Sai mục kế hoạch" } } : {}),
    },
  });
}

type Until = "draft" | "returned" | "rejected" | "awaiting" | "approved" | "published" | "revoked";
const STEPS: Record<Until, Step[]> = {
  draft: [],
  returned: ["SUBMIT", "RETURN"],
  rejected: ["SUBMIT", "FORWARD", "REJECT"],
  awaiting: ["SUBMIT", "FORWARD"],
  approved: ["SUBMIT", "FORWARD", "APPROVE"],
  published: ["SUBMIT", "FORWARD", "APPROVE"],
  revoked: ["SUBMIT", "FORWARD", "APPROVE"],
};

/** An asset with a secret-looking slogan, taken as far as `until`. */
function asset(until: Until) {
  const files = fakeFiles(until);
  const text = `Nội dung chưa công bố (${until})`;
  const created = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "traditional",
    formatId: "bang-ron-1x7",
    title: `Băng rôn (${until})`,
    text,
    files,
  });
  for (const step of STEPS[until]) act(created.assetId, step);
  if (until === "published" || until === "revoked") {
    markPublished(t.handle, { assetId: created.assetId, versionHash: created.versionHash });
  }
  if (until === "revoked") act(created.assetId, "REVOKE");
  return { ...created, text, files, ref: `${created.code}-v1`, printed: slugVerifyCode(created.code, 1) };
}

function request(path: string, userId?: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (userId) headers.set("cookie", `cd_session=${createSession(t.handle, userId).token}`);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

interface Answer {
  status: number;
  body: unknown;
}

/** A loader's or action's answer as the browser gets it (status and data). */
async function answer(fn: () => Promise<unknown>): Promise<Answer> {
  try {
    const r = (await fn()) as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (r && r.type === "DataWithResponseInit") return { status: r.init?.status ?? 200, body: r.data };
    return { status: 200, body: JSON.parse(JSON.stringify(r)) };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: await e.text() };
    throw e;
  }
}

function lookUp(code: string, userId?: string) {
  return answer(() =>
    verifyCodeLoader({
      request: request(`/verify/${encodeURIComponent(code)}`, userId),
      params: { code },
      context: {},
    }),
  );
}

function checkHash(code: string, sha256: string, userId?: string) {
  return answer(() =>
    verifyCodeAction({
      request: request(`/verify/${encodeURIComponent(code)}`, userId, {
        method: "POST",
        body: new URLSearchParams({ sha256 }),
      }),
      params: { code },
      context: {},
    }),
  );
}

function findFile(sha256: string, userId?: string) {
  return answer(() =>
    verifyIndexAction({
      request: request("/verify?index", userId, { method: "POST", body: new URLSearchParams({ sha256 }) }),
      params: {},
      context: {},
    }),
  );
}

/** The answer for a code nobody ever issued, with the typed code swapped in (the page echoes it). */
async function asUnknown(code: string, unknown: string) {
  const a = await lookUp(unknown);
  return { status: a.status, body: JSON.parse(JSON.stringify(a.body).replaceAll(unknown, code)) };
}

const UNKNOWN_SHA = "0".repeat(64);

describe("signed-out verify", () => {
  it("drafts, returned, rejected, waiting and approved-not-published versions read exactly like an unknown code", async () => {
    for (const until of ["draft", "returned", "rejected", "awaiting", "approved"] as const) {
      const a = asset(until);
      for (const [code, unknown] of [
        [a.verifyCode, "ZZZZZZZZ"],
        [a.printed, "ZZZZZZZZ"],
        [a.ref, "CCHC-2026-1.12-9999-v1"],
        [a.code, "CCHC-2026-1.12-9999"],
      ]) {
        const got = await lookUp(code);
        expect(got, `${until}: ${code}`).toEqual(await asUnknown(code, unknown));
        expect(JSON.stringify(got.body)).not.toContain(a.text);
        // The file check on that page says the same as for an unknown code.
        const file = await checkHash(code, sha256Hex(a.files.pdf));
        expect(file, `${until}: file check on ${code}`).toEqual(
          await checkHash(unknown, sha256Hex(a.files.pdf)),
        );
      }
      // Checking the draft's own file on /verify names no asset either.
      const own = sha256Hex(a.files.pdf);
      const none = await findFile(UNKNOWN_SHA);
      expect(await findFile(own)).toEqual(JSON.parse(JSON.stringify(none).replace(UNKNOWN_SHA, own)));
    }
  });

  it("a version replaced by a newer one reads like an unknown code", async () => {
    const a = asset("returned");
    createVersion(t.handle, {
      assetId: a.assetId,
      actor: { userId: USERS.drafter },
      baseVersionHash: a.versionHash,
      text: "Bản sửa",
      files: fakeFiles("returned v2"),
    });
    expect(await lookUp(a.verifyCode)).toEqual(await asUnknown(a.verifyCode, "ZZZZZZZZ"));
    expect(await lookUp(a.ref)).toEqual(await asUnknown(a.ref, "CCHC-2026-1.12-9999-v1"));
  });

  it("a published version verifies by its stored code, its printed code, its reference and its asset code", async () => {
    const a = asset("published");
    for (const code of [a.verifyCode, a.printed, a.printed.toLowerCase(), a.ref, a.code]) {
      const got = await lookUp(code);
      expect(got.status).toBe(200);
      const { result } = got.body as { result: Record<string, unknown> };
      expect(result, code).toMatchObject({
        status: "published",
        assetCode: a.code,
        version: 1,
        text: a.text,
      });
      const html = renderToStaticMarkup(createElement(VerifyReport, { r: result as never }));
      expect(html).toContain("HỢP LỆ");
      expect(html).toContain(a.printed);
      expect(await checkHash(code, sha256Hex(a.files.pdf))).toMatchObject({ body: { identical: true } });
      expect(await checkHash(code, UNKNOWN_SHA)).toMatchObject({ body: { identical: false } });
    }
    expect(await findFile(sha256Hex(a.files.pdf))).toMatchObject({
      body: { match: { assetCode: a.code, version: 1 } },
    });
  });

  it("the code stored with a version is the code printed on its slug: one code everywhere", () => {
    const a = asset("published");
    expect(a.verifyCode).toBe(a.printed);
  });

  it("a revoked version says it was revoked (đã thu hồi)", async () => {
    const a = asset("revoked");
    for (const code of [a.verifyCode, a.printed, a.code]) {
      const { result } = (await lookUp(code)).body as { result: { status: string; messageVi: string } };
      expect(result).toMatchObject({ status: "revoked" });
      expect(result.messageVi).toMatch(/thu hồi/);
      const html = renderToStaticMarkup(createElement(VerifyReport, { r: result as never }));
      expect(html).toContain("ĐÃ THU HỒI");
      expect(html).toContain('data-verdict="revoked"');
    }
  });

  it("a print shop sees what the public sees", async () => {
    const a = asset("awaiting");
    expect(await lookUp(a.verifyCode, USERS.printer)).toEqual(await asUnknown(a.verifyCode, "ZZZZZZZZ"));
  });
});

describe("signed-in staff", () => {
  it("see every state, as before, decided from the session", async () => {
    const draft = asset("draft");
    const rejected = asset("rejected");
    for (const userId of [USERS.drafter, USERS.office, USERS.approver, USERS.admin]) {
      const d = (await lookUp(draft.verifyCode, userId)).body as { result: unknown };
      expect(d.result).toMatchObject({ status: "pending", text: draft.text });
      const r = (await lookUp(rejected.ref, userId)).body as { result: unknown };
      expect(r.result).toMatchObject({ assetState: "rejected" });
      const html = renderToStaticMarkup(createElement(VerifyReport, { r: r.result as never }));
      expect(html).toContain('data-verdict="rejected"');
    }
    // A forged cookie is a signed-out visitor.
    const forged = await answer(() =>
      verifyCodeLoader({
        request: new Request(`http://localhost/verify/${draft.verifyCode}`, {
          headers: { cookie: "cd_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        }),
        params: { code: draft.verifyCode },
        context: {},
      }),
    );
    expect(forged).toEqual(await asUnknown(draft.verifyCode, "ZZZZZZZZ"));
  });
});
