import { describe, expect, it } from "vitest";
import { assetPageAction } from "../../app/lib/asset-page.server";
import { action as editorAction } from "../../app/routes/editor";
import { listOutbox, NOTIFY_COMMENT_KIND } from "../../storage/outbox";
import { createSession, getUser } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { USERS } from "../support/db";

// Issue 12: the editor's "Thuộc nhiệm vụ" and "Cần hoàn thành trước", and the asset page's comment
// notification.

process.env.RENDER_WORKERS = "0"; // render in this thread: no worker bundle needed

const ITEM = "cchc-2026:1.12";
const TASK = "cchc-2026:task-1";
const t = seededAppDbPerTest();

const assets = () =>
  t.handle.conn.prepare("SELECT id, code, task_id, due_on, created_by FROM assets ORDER BY code").all() as {
    id: string;
    code: string;
    task_id: string | null;
    due_on: string | null;
    created_by: string;
  }[];

async function create(fields: Record<string, string>) {
  const { token } = createSession(t.handle, USERS.drafter);
  const body = new URLSearchParams({
    item: ITEM,
    sloganId: "",
    text: "Cải cách hành chính vì nhân dân phục vụ",
    template: "co-dong-truyen-thong",
    formats: "fb-link-1200x630",
    intent: "save",
    ...fields,
  });
  const request = new Request("http://localhost/editor", {
    method: "POST",
    body,
    headers: { cookie: `cd_session=${token}` },
  });
  try {
    const r = (await editorAction({ request, params: {}, context: {} })) as {
      data?: { error?: string };
      init?: { status?: number };
    };
    return { status: r.init?.status ?? 200, error: r.data?.error, location: null };
  } catch (e) {
    if (e instanceof Response)
      return { status: e.status, error: undefined, location: e.headers.get("location") };
    throw e;
  }
}

const taskDue = () =>
  (t.handle.conn.prepare("SELECT due_date FROM tasks WHERE id = ?").get(TASK) as { due_date: string })
    .due_date;

describe("the editor's task and due date", () => {
  it.each(["2026-02-30", "30/06/2026", "2026-6-1", "ngày mai"])(
    "a due date that is not a real day (%s) is refused in Vietnamese and nothing is created",
    async (dueOn) => {
      const res = await create({ task: TASK, dueOn });
      expect(res.status).toBe(400);
      expect(res.error).toMatch(/Ngày “Cần hoàn thành trước” không hợp lệ/);
      expect(assets()).toEqual([]);
    },
  );

  it("the chosen task and date are stored on the asset", async () => {
    const res = await create({ task: TASK, dueOn: "2026-06-30" });
    expect(res.status).toBe(302);
    expect(assets()).toMatchObject([{ task_id: TASK, due_on: "2026-06-30" }]);
  });

  it("without a date field the task's due date is used; a blank one means no deadline", async () => {
    expect(taskDue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await create({ task: TASK });
    await create({ task: TASK, dueOn: "" });
    expect(assets().map((a) => [a.task_id, a.due_on])).toEqual([
      [TASK, taskDue()],
      [TASK, null],
    ]);
  });

  it("a task that is not in the plan is refused and nothing is created", async () => {
    const res = await create({ task: "other-plan:task-9", dueOn: "2026-06-30" });
    expect(res.status).toBe(422);
    expect(res.error).toBeTruthy();
    expect(assets()).toEqual([]);
  });
});

describe("a comment on the asset page", () => {
  it("queues one notification to the asset's author", async () => {
    await create({});
    const [asset] = assets();
    const office = getUser(t.handle, USERS.office);
    if (!office) throw new Error("seeded office user missing");
    const form = new FormData();
    form.set("intent", "comment");
    form.set("body", "Dòng phụ thiếu dấu.");
    const res = (await assetPageAction(t.handle, office, asset.id, form)) as { ok?: string };
    expect(res.ok).toBe("Đã ghi ý kiến.");
    const jobs = listOutbox<{ assetId: string; code: string; notifyUserIds: string[] }>(t.handle).filter(
      (j) => j.kind === NOTIFY_COMMENT_KIND,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toMatchObject({
      assetId: asset.id,
      code: asset.code,
      notifyUserIds: [asset.created_by],
    });
  });
});
