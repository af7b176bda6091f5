import { rmSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loader as filesLoader } from "../../app/routes/files.$token";
import { action as downloadAction } from "../../app/routes/print.$assetId.download";
import { runPublisherOnce } from "../../jobs/publisher";
import { appObjectStore } from "../../app/lib/stores.server";
import { resetObjectStoreForTests } from "../../storage/objects/index.server";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { approvedAsset, decide } from "../support/approved-asset";
import { makeTempDir, USERS } from "../support/db";
import { setEnv } from "../support/env";

// A12 of issue 11, the folder store's download links (real links: a published asset, the
// printer's download, the link followed):
// - a link issued before a revoke still downloaded for up to 120 s: the state is now read again
//   when the link is followed, and a revoked file answers 410 with a Vietnamese message;
// - the token appeared whole in the access log (remix-serve logs every URL): the browser is now
//   sent to a URL that names the download only, with the token in a cookie for that path.

const t = seededAppDbPerTest();
let dataDir: string;

beforeEach(() => {
  dataDir = makeTempDir("co-dong-files-");
  setEnv({
    DATA_DIR: dataDir,
    OBJECT_LINK_SECRET: "a-test-secret-of-enough-length",
    MINIO_ENDPOINT: undefined,
  });
  resetObjectStoreForTests();
});
afterEach(() => {
  resetObjectStoreForTests();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Issued {
  location: string;
  /** The cookie the browser sends back on that path ("" when none was set). */
  cookie: string;
  setCookie: string;
}

async function download(assetId: string): Promise<Issued> {
  const { token } = createSession(t.handle, USERS.printer);
  const request = new Request(`http://localhost/print/${assetId}/download?kind=pdf`, {
    method: "POST",
    headers: {
      cookie: `cd_session=${token}`,
      origin: "http://localhost",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "",
  });
  const res = (await downloadAction({ request, params: { assetId }, context: {} })) as Response;
  expect(res.status).toBe(302);
  const setCookie = res.headers.get("set-cookie") ?? "";
  return { location: res.headers.get("location")!, cookie: setCookie.split(";")[0] ?? "", setCookie };
}

/** What the browser does with the redirect: GET the location with the cookie for that path. */
async function follow(issued: Issued, cookie = issued.cookie): Promise<Response> {
  const param = decodeURIComponent(issued.location.slice("/files/".length));
  const headers = cookie ? { cookie } : undefined;
  return filesLoader({
    request: new Request(`http://localhost${issued.location}`, { headers }),
    params: { token: param },
    context: {},
  });
}

async function published(label: string) {
  const a = approvedAsset(t.handle, label);
  expect(await runPublisherOnce({ db: t.handle, store: appObjectStore() })).toMatchObject({ published: 1 });
  return a;
}

describe("a folder-store download link", () => {
  it("downloads while the file is published, and answers 410 once it is revoked", async () => {
    const a = await published("revoke-link");
    const issued = await download(a.assetId);

    const before = await follow(issued);
    expect(before.status).toBe(200);
    expect(new Uint8Array(await before.arrayBuffer())).toEqual(new Uint8Array(a.files.pdf!));

    decide(t.handle, a.assetId, "REVOKE", USERS.approver);

    const after = await follow(issued);
    expect(after.status).toBe(410);
    expect(after.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(after.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await after.text()).toMatch(/thu hồi/);
  });

  it("keeps the token out of the URL, so the access log never holds it", async () => {
    const a = await published("token-log");
    const issued = await download(a.assetId);
    const token = issued.cookie.slice(issued.cookie.indexOf("=") + 1);
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);

    // remix-serve's access log line for the request the browser makes (morgan "tiny").
    const logLine = `GET ${issued.location} 200 - - 3.1 ms`;
    for (const part of token.split(".")) expect(logLine).not.toContain(part.slice(0, 16));
    expect(issued.location).toMatch(/^\/files\/[0-9a-f-]{36}$/);

    // The cookie goes only to that one download's path, only for the link's lifetime, not to scripts.
    expect(issued.setCookie).toContain(`Path=${issued.location}`);
    expect(issued.setCookie).toMatch(/Max-Age=120/);
    expect(issued.setCookie).toMatch(/HttpOnly/);
    expect(issued.setCookie).toMatch(/SameSite=Strict/);

    expect((await follow(issued)).status).toBe(200);
    // Without the cookie (another browser, or after it expired) the URL alone is worth nothing.
    const bare = await follow(issued, "");
    expect(bare.status).toBe(404);
    expect(await bare.text()).toMatch(/không hợp lệ hoặc đã hết hạn/);
  });
});
