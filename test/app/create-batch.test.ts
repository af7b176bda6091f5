import { describe, expect, it } from "vitest";
import { action as editorAction } from "../../app/routes/editor";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// Issue 11 A12: a creation of several formats where one is invalid left a partial batch. Every
// format is checked and rendered first, and the assets are written in one transaction: all or none.

process.env.RENDER_WORKERS = "0"; // render in this thread: no worker bundle needed

const ITEM = "cchc-2026:1.12";
const TEMPLATE = "co-dong-truyen-thong";
const GOOD = "Cải cách hành chính vì nhân dân phục vụ";

const t = seededAppDbPerTest();

const count = (table: string) =>
  (t.handle.conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const rowsWritten = () => ["assets", "asset_versions", "version_files", "audit_events", "outbox"].map(count);

/** A trigger that refuses the insert of an asset in `formatId` with `message`, on either engine. */
function failOnInsert(formatId: string, message: string): void {
  if (t.handle.dialect === "postgres") {
    t.handle.conn.exec(`CREATE FUNCTION fail_third() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${message}'; END $$;
      CREATE TRIGGER fail_third BEFORE INSERT ON assets FOR EACH ROW
      WHEN (NEW.format_id = '${formatId}') EXECUTE FUNCTION fail_third()`);
  } else {
    t.handle.conn.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON assets
      WHEN NEW.format_id = '${formatId}' BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  }
}

function dropFailTrigger(): void {
  t.handle.conn.exec(
    t.handle.dialect === "postgres"
      ? "DROP TRIGGER fail_third ON assets; DROP FUNCTION fail_third()"
      : "DROP TRIGGER fail_third",
  );
}

interface Answer {
  status: number;
  body: { error?: string; issues?: string[] };
  location?: string | null;
}

async function create(formats: string[], intent: "save" | "submit" = "save"): Promise<Answer> {
  const { token } = createSession(t.handle, USERS.drafter);
  const body = new URLSearchParams({ item: ITEM, sloganId: "", text: GOOD, template: TEMPLATE, intent });
  for (const f of formats) body.append("formats", f);
  const request = new Request("http://localhost/editor", {
    method: "POST",
    body,
    headers: { cookie: `cd_session=${token}` },
  });
  try {
    const r = (await editorAction({ request, params: {}, context: {} })) as {
      type?: string;
      data?: unknown;
      init?: { status?: number };
    };
    return { status: r.init?.status ?? 200, body: r.data as Answer["body"] };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: {}, location: e.headers.get("location") };
    throw e;
  }
}

describe("creating several formats at once (editor): all or none", () => {
  it("a write that fails on the third format takes the first two back (none created, no '… đã tạo')", async () => {
    // As a full disk or a refusal would, on the third asset's row only.
    failOnInsert("square-1080", "database or disk is full");
    const before = rowsWritten();
    await expect(create(["bang-ron-1x7", "fb-link-1200x630", "square-1080"], "submit")).rejects.toThrow(
      /disk is full/,
    );
    expect(rowsWritten()).toEqual(before);
    expect(count("assets")).toBe(0);
    dropFailTrigger();
    // The codes were not used up: the next batch starts at 0001.
    const ok = await create(["bang-ron-1x7", "fb-link-1200x630"], "submit");
    expect(ok.status).toBe(302);
    expect(ok.location).toMatch(/^\/created\?id=[^&]+&id=[^&]+$/);
    const rows = t.handle.conn.prepare("SELECT code, format_id, state FROM assets ORDER BY code").all();
    expect(rows).toEqual([
      { code: "CCHC-2026-1.12-0001", format_id: "bang-ron-1x7", state: "office_review" },
      { code: "CCHC-2026-1.12-0002", format_id: "fb-link-1200x630", state: "office_review" },
    ]);
  });

  it("a format sent twice is refused before anything is written", async () => {
    const before = rowsWritten();
    const res = await create(["bang-ron-1x7", "fb-link-1200x630", "bang-ron-1x7"]);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^Chưa tạo ấn phẩm nào/);
    expect(res.body.issues).toEqual(["Khổ “bang-ron-1x7” được chọn hai lần."]);
    expect(rowsWritten()).toEqual(before);
  });

  it("every invalid format is named at once (unknown, out-of-bounds custom size, unsupported by the design)", async () => {
    const before = rowsWritten();
    const res = await create(["bang-ron-1x7", "khong-co", "custom-banner-10x10", "a3"]);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/^Chưa tạo ấn phẩm nào: kiểm tra trước khi in phát hiện 3 lỗi/);
    expect(res.body.issues).toHaveLength(3);
    expect(res.body.issues?.[0]).toContain("khong-co");
    expect(res.body.issues?.[1]).toContain("10 × 10 mm");
    expect(res.body.issues?.[2]).toContain("không có bố cục cho khổ “Áp phích A3");
    expect(rowsWritten()).toEqual(before);
  });
});
