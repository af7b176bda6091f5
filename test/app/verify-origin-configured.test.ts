import { describe, expect, it, vi } from "vitest";
import { publicOrigin } from "../../app/lib/http.server";
import { action as editorAction } from "../../app/routes/editor";
import { createSession } from "../../storage/users";
import type { SlugInfo } from "../../templates/render/index.server";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// A5 of issue 11 with PUBLIC_ORIGIN set: the QR of a new print file points there, whatever Host
// the request came with.

vi.hoisted(() => {
  process.env.PUBLIC_ORIGIN = "https://codong.lacphuong.gov.vn/";
  process.env.RENDER_WORKERS = "0";
});

const seen = vi.hoisted(() => [] as SlugInfo[]);
vi.mock("../../templates/render/pool.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../templates/render/pool.server")>();
  return {
    ...real,
    filesInPool: (t: string, f: string, i: never, slug: SlugInfo, when?: Date) => {
      seen.push(slug);
      return real.filesInPool(t, f, i, slug, when);
    },
  };
});

const t = seededAppDbPerTest();

describe("the verify QR with PUBLIC_ORIGIN", () => {
  it("uses the configured origin, not the Host header", async () => {
    const { token } = createSession(t.handle, USERS.drafter);
    const request = new Request("http://evil.example/editor", {
      method: "POST",
      headers: { host: "evil.example", cookie: `cd_session=${token}` },
      body: new URLSearchParams({
        item: "cchc-2026:1.12",
        text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
        template: "co-dong-truyen-thong",
        formats: "bang-ron-1x7",
        intent: "save",
      }),
    });
    const res = await editorAction({ request, params: {}, context: {} }).catch((e: unknown) => e);
    expect((res as Response).status).toBe(302);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.verifyUrl).toMatch(/^https:\/\/codong\.lacphuong\.gov\.vn\/verify\/[0-9A-Z]{8}$/);
    expect(publicOrigin()).toBe("https://codong.lacphuong.gov.vn");
    expect(publicOrigin(request)).toBe("https://codong.lacphuong.gov.vn");
  });
});
