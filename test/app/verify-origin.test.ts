import { describe, expect, it, vi } from "vitest";
import { publicOrigin } from "../../app/lib/http.server";
import { action as assetAction } from "../../app/routes/asset.$assetId";
import { action as bulkOneAction } from "../../app/routes/api.bulk-one";
import { action as editorAction } from "../../app/routes/editor";
import { getAsset, getVersionFile } from "../../storage/assets";
import { createSession } from "../../storage/users";
import type { SlugInfo } from "../../templates/render/index.server";
import { renderAssetFiles } from "../../templates/render/index.server";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// A5 of issue 11: a URL that goes into a file (the verify QR on the slug line) never comes from the
// request. Here on the embedded defaults (no PUBLIC_ORIGIN, PORT 4123): a drafter who sends
// `Host: evil.example` still gets a file whose QR points to http://localhost:4123.

vi.hoisted(() => {
  delete process.env.PUBLIC_ORIGIN;
  process.env.PORT = "4123";
  process.env.RENDER_WORKERS = "0"; // render in this thread: no worker bundle needed
});

const seen = vi.hoisted(() => [] as { slug: SlugInfo; when: Date | undefined; format: string }[]);
vi.mock("../../templates/render/pool.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../templates/render/pool.server")>();
  return {
    ...real,
    filesInPool: (t: string, f: string, i: never, slug: SlugInfo, when?: Date) => {
      seen.push({ slug, when, format: f });
      return real.filesInPool(t, f, i, slug, when);
    },
  };
});

const t = seededAppDbPerTest();
const ORIGIN = "http://localhost:4123";
const TEMPLATE = "co-dong-truyen-thong";
const ITEM = "cchc-2026:1.12";

/** A request as remix-serve builds it for `Host: evil.example` (the URL comes from that header). */
function evil(path: string, fields: Record<string, string>): Request {
  const { token } = createSession(t.handle, USERS.drafter);
  return new Request(`http://evil.example${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { host: "evil.example", cookie: `cd_session=${token}` },
  });
}

async function settle(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** The stored print PDF is byte for byte the render whose QR holds `url`, and not the one for evil.example. */
async function expectFileLinksTo(assetId: string, text: string) {
  const asset = getAsset(t.handle, assetId)!;
  const call = seen.at(-1)!;
  expect(call.slug.verifyUrl).toMatch(new RegExp(`^${ORIGIN}/verify/[0-9A-Z]{8}$`));
  const stored = getVersionFile(t.handle, asset.currentVersionId!, "pdf")!.bytes;
  const render = async (verifyUrl: string) => {
    const out = await renderAssetFiles(
      TEMPLATE,
      asset.formatId,
      { text, options: {} },
      { ...call.slug, verifyUrl },
      call.when,
    );
    return Buffer.from(out.files.find((f) => f.kind === "pdf")!.bytes);
  };
  const path = new URL(call.slug.verifyUrl!).pathname;
  expect(stored.equals(await render(`${ORIGIN}${path}`))).toBe(true);
  expect(stored.equals(await render(`http://evil.example${path}`))).toBe(false);
}

describe("the verify QR on embedded defaults", () => {
  it("the editor, a new version and bulk generation use http://localhost:PORT whatever the Host", async () => {
    const text = "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi";
    const created = (await settle(
      editorAction({
        request: evil("/editor", {
          item: ITEM,
          text,
          template: TEMPLATE,
          formats: "bang-ron-1x7",
          intent: "save",
        }),
        params: {},
        context: {},
      }),
    )) as Response;
    expect(created.status).toBe(302);
    const assetId = new URL(created.headers.get("location")!, "http://x").pathname.split("/").at(-1)!;
    await expectFileLinksTo(assetId, text);

    const fix = "Một cửa liên thông – nhanh gọn, đúng hẹn";
    await settle(
      assetAction({
        request: evil(`/asset/${assetId}`, {
          intent: "edit",
          baseVersionHash: getAsset(t.handle, assetId)!.currentVersionHash!,
          text: fix,
        }),
        params: { assetId },
        context: {},
      }),
    );
    expect(getAsset(t.handle, assetId)!.currentVersionN).toBe(2);
    await expectFileLinksTo(assetId, fix);

    const bulkResponse = (await settle(
      bulkOneAction({
        request: evil("/api/bulk-one", { item: ITEM, format: "bang-ron-0.8x5", template: TEMPLATE }),
        params: {},
        context: {},
      }),
    )) as Response;
    const bulk = (await bulkResponse.json()) as { ok: boolean; assetId: string };
    expect(bulk.ok).toBe(true);
    const slogan = t.handle.conn
      .prepare(
        "SELECT text FROM asset_versions v JOIN assets a ON a.current_version_id = v.id WHERE a.id = ?",
      )
      .get(bulk.assetId) as { text: string };
    await expectFileLinksTo(bulk.assetId, slogan.text);
  });

  it("publicOrigin() for files ignores the request; publicOrigin(request) (same-origin checks) still follows it", () => {
    expect(publicOrigin()).toBe(ORIGIN);
    expect(publicOrigin(new Request("http://127.0.0.1:4123/x"))).toBe("http://127.0.0.1:4123");
  });
});
