import { describe, expect, it } from "vitest";
import { MAX_PREVIEW_QUERY, previewRequest } from "../../app/components/LivePreview";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { appUnderTest } from "../support/remix-app";

// A12 of issue 11: the editor's live preview put every field in the URL. Percent-encoded
// Vietnamese takes up to nine bytes a letter, so long text (a 100 000-character URL in the
// probe, but already the fields' own limits) makes a URL the HTTP server refuses with a bare
// 431 before the app runs. The editor now POSTs long input as a form; the endpoint takes both,
// and input past the fields' limits gets a Vietnamese message instead of a bare status.

const app = await appUnderTest();
const { handle } = app;

/** Long but ordinary input: a full slogan, a subtitle and a page of bullets. */
const LONG = {
  template: "co-dong-truyen-thong",
  format: "bang-ron-1x7",
  as: "svg",
  text: "Đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp",
  subtitle: "Ủy ban nhân dân xã Lạc Phượng – Kế hoạch tuyên truyền cải cách hành chính năm 2026",
  footer: "Mọi thắc mắc xin liên hệ Bộ phận một cửa, Ủy ban nhân dân xã Lạc Phượng, huyện Đông Hưng",
  issuer: "Ủy ban nhân dân xã Lạc Phượng",
  bullets:
    "Nộp hồ sơ trực tuyến mọi lúc, mọi nơi; thủ tục đơn giản, minh bạch, nhanh chóng, đúng hẹn\n".repeat(5),
  qrUrl: "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612",
};
/** The most the fields allow, in letters that take nine bytes each once percent-encoded. */
const LONGEST = { ...LONG, text: "ệ".repeat(1000), subtitle: "ệ".repeat(400), bullets: "ệ".repeat(1000) };
const NODE_MAX_HEADER_BYTES = 16 * 1024;

function post(fields: Record<string, string>): Promise<Response> {
  const { url, init } = previewRequest(new URLSearchParams(fields).toString());
  return handle(
    new Request(`http://localhost${url}`, {
      ...init,
      headers: {
        host: "localhost",
        origin: "http://localhost",
        cookie: `cd_session=${createSession(app.db.handle, USERS.drafter).token}`,
      },
    }),
  );
}

describe("the editor's preview request", () => {
  it("stays a GET for ordinary text", () => {
    const query = new URLSearchParams({
      template: "traditional",
      format: "bang-ron-1x7",
      text: "Xin chào",
    }).toString();
    expect(previewRequest(query)).toEqual({ url: `/api/preview?${query}`, init: {} });
  });

  it("becomes a form POST before the URL could grow past what the HTTP server takes", () => {
    // As a GET, input within the fields' limits would not even reach the app.
    const longest = new URLSearchParams(LONGEST).toString();
    expect(`GET /api/preview?${longest} HTTP/1.1`.length).toBeGreaterThan(NODE_MAX_HEADER_BYTES);
    expect(previewRequest(longest).init.method).toBe("POST");
    const query = new URLSearchParams(LONG).toString();
    expect(query.length).toBeGreaterThan(MAX_PREVIEW_QUERY);
    const { url, init } = previewRequest(query);
    expect(url).toBe("/api/preview");
    expect(init.method).toBe("POST");
    expect(init.body).toBeInstanceOf(URLSearchParams);
    expect(MAX_PREVIEW_QUERY).toBeLessThan(8000);
  });

  it("long input POSTed is drawn", async () => {
    const res = await post(LONG);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("x-preflight")).toBeTruthy();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("input past the fields' limits gets a Vietnamese message, not a bare status", async () => {
    // 413 when the body declares its length (a browser always does), else the fields' own check.
    const res = await post({ ...LONG, text: "ệ".repeat(100_000) });
    expect([400, 413]).toContain(res.status);
    expect(await res.json()).toMatchObject({ code: "TOO_LONG", error: expect.stringContaining("quá dài") });
    const over = await post({ ...LONG, text: "ệ".repeat(1001) });
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({ code: "TOO_LONG", error: expect.stringContaining("quá dài") });
  });
});
