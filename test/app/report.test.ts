/** The plan report in the app (issue 13 §5): who sees it, its downloads, the targets form, "đã đăng", the dashboard. */
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../storage/users";
import { USERS } from "../support/db";
import { docxParts } from "../support/docx";
import { appUnderTest } from "../support/remix-app";
import { buildReportScenario, type ReportScenario } from "../support/report-scenario";

const app = await appUnderTest();
let s: ReportScenario;
beforeAll(() => {
  s = buildReportScenario(app.db.handle);
});

const ORIGIN = "http://localhost";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

function get(path: string, user?: string): Promise<Response> {
  const headers = new Headers({ host: "localhost" });
  if (user) headers.set("cookie", `cd_session=${createSession(app.db.handle, user).token}`);
  return app.handle(new Request(`${ORIGIN}${path}`, { headers }));
}

function post(path: string, user: string, form: Record<string, string | string[]>): Promise<Response> {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return app.handle(
    new Request(`${ORIGIN}${path}`, {
      method: "POST",
      headers: {
        host: "localhost",
        origin: ORIGIN,
        "content-type": "application/x-www-form-urlencoded",
        cookie: `cd_session=${createSession(app.db.handle, user).token}`,
      },
      body,
      redirect: "manual",
    }),
  );
}

/** What a page says, as text: tags and React's text-joining comments out, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

const count = (sql: string, ...args: unknown[]) =>
  (app.db.handle.conn.prepare(sql).get(...args) as { n: number }).n;

describe("/report", () => {
  it("the office, the leadership and the admin read it; drafters and printers may not", async () => {
    for (const user of [USERS.office, USERS.approver, USERS.admin]) {
      const res = await get("/report", user);
      expect(res.status, user).toBe(200);
      const html = await res.text();
      expect(html).toContain("Báo cáo kết quả thực hiện");
      expect(html).toContain("Theo nội dung tuyên truyền");
      expect(html).toContain('href="/report.xlsx"');
    }
    for (const user of [USERS.drafter, USERS.printer])
      expect((await get("/report", user)).status, user).toBe(403);
    const out = await get("/report");
    expect(out.status).toBe(302);
    expect(out.headers.get("location")).toBe("/login?next=%2Freport");
  });

  it("a period typed dd/mm/yyyy filters the numbers and is kept in the download links", async () => {
    const html = await (await get("/report?from=01/03/2026&to=31/03/2026", USERS.office)).text();
    expect(textOf(html)).toContain("Kỳ báo cáo: từ 01/03/2026 đến 31/03/2026");
    expect(html).toContain('href="/report.docx?from=01%2F03%2F2026&amp;to=31%2F03%2F2026"');
    // March: 1 approved, 1 published, 2 posts.
    const totals = /data-testid="report-totals">([\s\S]*?)<\/ul>/.exec(html)![1].replace(/<[^>]+>/g, " ");
    expect(totals.replace(/\s+/g, " ")).toContain(
      "2 ấn phẩm đã tạo 1 đã phê duyệt 1 đã phát hành 0 bản đã in",
    );
    expect(totals.replace(/\s+/g, " ")).toContain("2 bài đã đăng");
  });

  it("a date that does not exist is refused in words, not with a 500", async () => {
    const res = await get("/report?from=31/02/2026", USERS.office);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ngày không hợp lệ");
    expect(html).not.toContain('data-testid="report-items"');
  });
});

describe("/report.xlsx and /report.docx", () => {
  it("download as attachments with their type and a readable file name", async () => {
    const x = await get("/report.xlsx", USERS.approver);
    expect(x.status).toBe(200);
    expect(x.headers.get("content-type")).toBe(XLSX);
    expect(x.headers.get("cache-control")).toBe("private, no-store");
    expect(x.headers.get("content-disposition")).toBe(
      `attachment; filename="bao-cao-ket-qua-cchc-2026.xlsx"; filename*=UTF-8''${encodeURIComponent("Báo cáo kết quả CCHC-2026.xlsx")}`,
    );
    expect(Object.keys(unzipSync(new Uint8Array(await x.arrayBuffer())))).toContain("xl/workbook.xml");

    const d = await get("/report.docx?from=01/03/2026&to=31/03/2026", USERS.admin);
    expect(d.status).toBe(200);
    expect(d.headers.get("content-type")).toBe(DOCX);
    expect(d.headers.get("content-disposition")).toContain(
      'filename="bao-cao-ket-qua-cchc-2026-tu-2026-03-01-den-2026-03-31.docx"',
    );
    const { text } = docxParts(new Uint8Array(await d.arrayBuffer()));
    expect(text).toContain("(Kỳ báo cáo: từ 01/03/2026 đến 31/03/2026)");
    expect(text).toContain("Đã đăng 2 bài");
  });

  it("refuse other roles (403) and a bad period (400) in Vietnamese plain text", async () => {
    for (const path of ["/report.xlsx", "/report.docx"]) {
      const res = await get(path, USERS.drafter);
      expect(res.status, path).toBe(403);
      expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    }
    const bad = await get("/report.xlsx?from=31/03/2026&to=01/03/2026", USERS.office);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Kỳ báo cáo không hợp lệ");
  });
});

describe("/admin/targets", () => {
  const form = (banners: string) => ({
    item: ["cchc-2026:1.1", "cchc-2026:1.2"],
    banners: [banners, ""],
    posters: ["2", "0"],
    socialPosts: ["3", "1"],
  });
  const targetOf = (item: string) =>
    app.db.handle.conn
      .prepare("SELECT banners, posters, social_posts FROM plan_targets WHERE content_item_id = ?")
      .get(item);

  it("shows every content item with its targets to the admin only", async () => {
    const html = await (await get("/admin/targets", USERS.admin)).text();
    expect(html.match(/name="item"/g)).toHaveLength(15);
    expect(html).toContain('aria-label="Băng rôn, mục 1.12" value="3"');
    for (const user of [USERS.office, USERS.approver, USERS.drafter])
      expect((await get("/admin/targets", user)).status, user).toBe(403);
  });

  it("saves all rows of the form (blank = 0), refuses a bad number and writes nothing then", async () => {
    const bad = await post("/admin/targets", USERS.admin, form("-1"));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Chỉ tiêu phải là số nguyên từ 0 đến 100.000");
    expect(targetOf("cchc-2026:1.1")).toBeUndefined();
    expect((await post("/admin/targets", USERS.office, form("5"))).status).toBe(403);
    const ok = await post("/admin/targets", USERS.admin, form("5"));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Đã lưu chỉ tiêu của 2 nội dung tuyên truyền");
    expect(targetOf("cchc-2026:1.1")).toEqual({ banners: 5, posters: 2, social_posts: 3 });
    expect(targetOf("cchc-2026:1.2")).toEqual({ banners: 0, posters: 0, social_posts: 1 });
  });
});

describe("POST /asset/:id/posts", () => {
  const posts = () => count("SELECT count(*) AS n FROM social_posts WHERE asset_id = ?", s.social);

  it("records a post and goes back to the asset page; a refusal answers 400 with the reason", async () => {
    const before = posts();
    const res = await post(`/asset/${s.social}/posts`, USERS.office, {
      intent: "record",
      channel: "youtube",
      url: "https://youtu.be/lacphuong-cchc",
      postedOn: "15/04/2026",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/asset/${s.social}#social-posts`);
    expect(posts()).toBe(before + 1);

    const again = await post(`/asset/${s.social}/posts`, USERS.office, {
      intent: "record",
      channel: "youtube",
      url: "https://youtu.be/lacphuong-cchc",
      postedOn: "2026-04-15",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("đã được ghi nhận");
    const badChannel = await post(`/asset/${s.social}/posts`, USERS.office, {
      intent: "record",
      channel: "tiktok",
      url: "https://tiktok.com/x",
      postedOn: "2026-04-15",
    });
    expect(badChannel.status).toBe(400);
    expect(await badChannel.text()).toContain("Kênh đăng không hợp lệ");
    expect(posts()).toBe(before + 1);
  });

  it("the server decides who: a printer is refused at the door, the drafter may not remove", async () => {
    expect(
      (await post(`/asset/${s.social}/posts`, USERS.printer, { intent: "record", channel: "fanpage" }))
        .status,
    ).toBe(403);
    const id = (
      app.db.handle.conn.prepare("SELECT id FROM social_posts WHERE asset_id = ? LIMIT 1").get(s.social) as {
        id: string;
      }
    ).id;
    const byDrafter = await post(`/asset/${s.social}/posts`, USERS.drafter, { intent: "remove", postId: id });
    expect(byDrafter.status).toBe(403);
    expect(await byDrafter.text()).toContain("không có quyền");
    const before = posts();
    const byOffice = await post(`/asset/${s.social}/posts`, USERS.office, { intent: "remove", postId: id });
    expect(byOffice.status).toBe(302);
    expect(posts()).toBe(before - 1);
  });
});

describe("the dashboard", () => {
  it("measures each content item against its targets and links to the report", async () => {
    const html = await (await get("/", USERS.office)).text();
    const cell = /data-testid="targets-1.12">([\s\S]*?)<\/td>/.exec(html)![1];
    // Banners: 1 published of 3; posters: 0 of 2; posts: 3 of 4 (one added and one removed above).
    expect(cell).toContain('aria-label="Băng rôn: 1 trên chỉ tiêu 3"');
    expect(cell).toContain('aria-label="Áp phích: 0 trên chỉ tiêu 2"');
    expect(cell).toContain('aria-label="Bài đăng: 3 trên chỉ tiêu 4"');
    expect(html).toContain('data-testid="report-link"');
    expect(/data-testid="overdue-1.3">[\s\S]*?>1<\/a>/.test(html)).toBe(true);
    const task2 = textOf(/data-testid="task-2">([\s\S]*?)<\/td>/.exec(html)![1]);
    expect(task2).toContain("Đã tạo 3 Đã phê duyệt 2 Đã phát hành 2");
    // A drafter sees the progress but not the report link (the report is not theirs to read).
    expect(await (await get("/", USERS.drafter)).text()).not.toContain('data-testid="report-link"');
  });
});
