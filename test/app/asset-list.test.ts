import { describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/assets._index";
import { getAsset } from "../../storage/assets";
import { createSession } from "../../storage/users";
import { createAsset, markPublished } from "../../workflows/service";
import { approvedAsset } from "../support/approved-asset";
import { seededAppDbPerTest } from "../support/app-db";
import { fakeFiles, USERS } from "../support/db";

// Issue 12 §5 "Finding things": the asset list at /assets, called as Remix calls it (loader and
// action with a real request and session) over a real seeded database.

const t = seededAppDbPerTest();

const ITEM = "cchc-2026:1.12";

function draft(text: string, over: { dueOn?: string | null; formatId?: string } = {}) {
  return createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: ITEM,
    templateId: "co-dong-truyen-thong",
    formatId: over.formatId ?? "bang-ron-1x7",
    text,
    files: fakeFiles(text),
    ...(over.dueOn !== undefined ? { dueOn: over.dueOn } : {}),
  });
}

function published(label: string) {
  const a = approvedAsset(t.handle, label);
  markPublished(t.handle, {
    assetId: a.assetId,
    versionHash: getAsset(t.handle, a.assetId)!.currentVersionHash!,
  });
  return a;
}

function request(user: string, query = "", init: RequestInit = {}) {
  const { token } = createSession(t.handle, user);
  return new Request(`http://localhost/assets${query}`, {
    ...init,
    headers: {
      cookie: `cd_session=${token}`,
      ...(init.method === "POST" ? { origin: "http://localhost" } : {}),
    },
  });
}

async function list(user: string, query = "") {
  return loader({ request: request(user, query), params: {}, context: {} });
}

interface ActionAnswer {
  kind: string;
  message?: string;
  targets?: { code: string; value: string }[];
  results?: { code: string; ok: boolean; message: string }[];
}

async function post(
  user: string,
  fields: [string, string][],
): Promise<{ status: number; body: ActionAnswer }> {
  const req = request(user, "?index", { method: "POST", body: new URLSearchParams(fields) });
  try {
    const r = (await action({ request: req, params: {}, context: {} })) as {
      type?: string;
      data?: unknown;
      init?: { status?: number };
    };
    const wrapped = r.type === "DataWithResponseInit";
    return {
      status: wrapped ? (r.init?.status ?? 200) : 200,
      body: (wrapped ? r.data : r) as ActionAnswer,
    };
  } catch (e) {
    // requireUser throws the 403 page as data(…, { status: 403 }).
    const thrown = e as { type?: string; init?: { status?: number } };
    if (thrown?.type === "DataWithResponseInit")
      return { status: thrown.init?.status ?? 500, body: { kind: "thrown" } };
    throw e;
  }
}

describe("the asset list", () => {
  it("finds a slogan with marks from a search without them, by code too, and shows format, template, thumbnail", async () => {
    const a = draft("Đơn giản hóa thủ tục hành chính");
    draft("Chuyển đổi số vì nhân dân");
    const d = await list(USERS.drafter, "?q=thu+tuc");
    expect(d.page.rows.map((r) => r.code)).toEqual([a.code]);
    const row = d.page.rows[0];
    expect(row.text).toBe("Đơn giản hóa thủ tục hành chính");
    expect(row.formatLabel).toMatch(/^Băng rôn/);
    expect(row.templateName.length).toBeGreaterThan(0);
    expect(row.templateName).not.toBe("co-dong-truyen-thong");
    expect(row.versionId).toBe(a.versionId);
    expect(row.itemCode).toBe("1.12");
    expect(row.selectable).toBe(true);
    expect((await list(USERS.drafter, `?q=${a.code.toLowerCase()}`)).page.total).toBe(1);
    expect((await list(USERS.drafter)).page.total).toBe(2);
  });

  it("filters by state and format; waiting shows working days; overdue is flagged", async () => {
    const a = draft("Một cửa liên thông", { dueOn: "2020-01-15" });
    draft("Hành chính phục vụ", { formatId: "fb-link-1200x630" });
    await post(USERS.drafter, [
      ["target", `${a.assetId}|${a.versionHash}|0|${a.code}`],
      ["confirmed", "1"],
    ]);
    const waiting = await list(USERS.office, "?states=office_review");
    expect(waiting.page.rows.map((r) => r.code)).toEqual([a.code]);
    expect(waiting.page.rows[0].waiting).toEqual({ waitedDays: 0, thresholdDays: 2, overWaiting: false });
    expect(waiting.page.rows[0].overdue).toBe(true);
    expect((await list(USERS.office, "?due=overdue")).page.rows.map((r) => r.code)).toEqual([a.code]);
    expect((await list(USERS.office, "?due=waiting&states=draft")).page.total).toBe(0);
    const screen = await list(USERS.office, "?format=fb-link-1200x630");
    expect(screen.page.rows.map((r) => r.text)).toEqual(["Hành chính phục vụ"]);
    // Not the drafter's own list: nobody else gets a checkbox.
    expect(screen.page.rows[0].selectable).toBe(false);
    expect(screen.page.rows[0].waiting).toBeNull();
  });

  it("answers a bad query with a Vietnamese note and the unfiltered list, never a 500", async () => {
    draft("Cải cách hành chính");
    const d = await list(USERS.drafter, "?states=bogus&format=khong-co&page=-3&size=7&sort=random&item=x");
    expect(d.page.total).toBe(1);
    expect(d.problems).toHaveLength(6);
    expect(d.problems[0]).toMatch(/^Bỏ qua .* không hợp lệ\.$/);
    expect(d.query.states).toEqual([]);
    expect(d.query.page).toBe(1);
  });

  it("pages with the total, and a page past the end shows the last one", async () => {
    for (let i = 0; i < 23; i++) draft(`Khẩu hiệu số ${i + 1}`);
    const p2 = await list(USERS.drafter, "?page=2&sort=code");
    expect(p2.page).toMatchObject({ page: 2, pages: 2, total: 23, pageSize: 20 });
    expect(p2.page.rows).toHaveLength(3);
    const past = await list(USERS.drafter, "?page=9&sort=code");
    expect(past.page.page).toBe(2);
    expect((await list(USERS.drafter, "?size=50")).page.rows).toHaveLength(23);
  });

  it("a print shop sees published assets only, whatever the query asks", async () => {
    const pub = published("in-1");
    draft("Bản nháp chưa phát hành");
    const d = await list(USERS.printer, "?states=draft&states=office_review");
    expect(d.query.states).toEqual(["published"]);
    expect(d.publishedOnly).toBe(true);
    expect(d.page.rows.map((r) => r.code)).toEqual([pub.code]);
    expect(d.page.rows[0].state).toBe("published");
    expect((await list(USERS.printer, "?due=waiting")).page.total).toBe(1);
    expect((await list(USERS.office)).page.total).toBe(2);
  });
});

describe("bulk submit from the list", () => {
  it("asks once with the codes, then submits each; a refusal of one does not stop the others", async () => {
    const a = draft("Thủ tục một");
    const b = draft("Thủ tục hai");
    const c = draft("Thủ tục ba");
    const d = await list(USERS.drafter, `?selected=${a.assetId},${b.assetId}&states=draft`);
    expect(d.query.selected).toEqual([a.assetId, b.assetId]);
    const targets = d.page.rows.filter((r) => r.selectable).map((r) => r.target);
    expect(targets).toHaveLength(3);
    // c was changed by someone else since the page was read: its row_version is stale.
    const stale = targets.find((v) => v.startsWith(c.assetId))!.replace("|0|", "|7|");
    const fields = [...targets.filter((v) => !v.startsWith(c.assetId)), stale].map((v): [string, string] => [
      "target",
      v,
    ]);

    const ask = await post(USERS.drafter, fields);
    expect(ask.body.kind).toBe("confirm");
    expect(ask.body.targets?.map((x) => x.code).sort()).toEqual([a.code, b.code, c.code].sort());
    expect(getAsset(t.handle, a.assetId)?.state).toBe("draft");

    const done = await post(USERS.drafter, [...fields, ["confirmed", "1"]]);
    expect(done.body.kind).toBe("bulk");
    const byCode = Object.fromEntries(done.body.results!.map((r) => [r.code, r]));
    expect(byCode[a.code]).toMatchObject({ ok: true, message: "Đã gửi duyệt." });
    expect(byCode[b.code].ok).toBe(true);
    expect(byCode[c.code].ok).toBe(false);
    expect(byCode[c.code].message.length).toBeGreaterThan(0);
    expect(getAsset(t.handle, a.assetId)?.state).toBe("office_review");
    expect(getAsset(t.handle, b.assetId)?.state).toBe("office_review");
    expect(getAsset(t.handle, c.assetId)?.state).toBe("draft");
  });

  it("the server refuses a non-drafter (403) and an empty or forged selection (400)", async () => {
    const a = draft("Thủ tục bốn");
    const target = `${a.assetId}|${a.versionHash}|0|${a.code}`;
    expect(
      (
        await post(USERS.office, [
          ["target", target],
          ["confirmed", "1"],
        ])
      ).status,
    ).toBe(403);
    expect(getAsset(t.handle, a.assetId)?.state).toBe("draft");
    const none = await post(USERS.drafter, [["confirmed", "1"]]);
    expect(none).toMatchObject({ status: 400, body: { message: "Chưa chọn ấn phẩm nào." } });
    const forged = await post(USERS.drafter, [["target", `${a.assetId}|nothex|0|X`]]);
    expect(forged.status).toBe(400);
  });
});
