import { describe, expect, it } from "vitest";
import { action, loader } from "../../app/routes/review";
import { getAsset } from "../../storage/assets";
import { createSession } from "../../storage/users";
import { applyAssetEvent } from "../../workflows/service";
import { seededAppDbPerTest } from "../support/app-db";
import { dumpTables, fakeFiles, USERS } from "../support/db";
import { newDraft } from "../support/workflow";

// Issue 12 §4: approving several at once from the queue asks once, showing each item's office
// note, before anything is applied; then it says what became of each item.

const t = seededAppDbPerTest();

function unwrap<T>(r: unknown): { status: number; body: T } {
  const x = r as { type?: string; data?: unknown; init?: { status?: number } };
  const wrapped = x.type === "DataWithResponseInit";
  return { status: wrapped ? (x.init?.status ?? 200) : 200, body: (wrapped ? x.data : x) as T };
}

async function post(userId: string, fields: [string, string][]) {
  const { token } = createSession(t.handle, userId);
  const request = new Request("http://localhost/review", {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: `cd_session=${token}` },
  });
  return unwrap<Record<string, unknown>>(await action({ request, params: {}, context: {} }));
}

/** Two assets at the approver, forwarded by the office with and without a note. */
function awaitingApproval() {
  const out = [];
  for (const [label, comment] of [
    ["p", "Nội dung đúng chủ đề năm, đề nghị phê duyệt."],
    ["q", undefined],
  ] as const) {
    const a = newDraft(t.handle, USERS.drafter, fakeFiles(label), `Khẩu hiệu ${label}`);
    for (const [type, userId] of [
      ["SUBMIT", USERS.drafter],
      ["FORWARD", USERS.office],
    ] as const)
      applyAssetEvent(t.handle, {
        assetId: a.assetId,
        versionHash: a.versionHash,
        event: { type, actor: { userId }, ...(type === "FORWARD" && comment ? { comment } : {}) },
      });
    out.push(a);
  }
  return out;
}

const target = (a: { assetId: string; versionHash: string }) =>
  `${a.assetId}|${a.versionHash}|${getAsset(t.handle, a.assetId)!.rowVersion}`;

describe("review queue: bulk approval asks once, then applies", () => {
  it("the first post only shows the confirmation with each item's office note; nothing changes", async () => {
    const [p, q] = awaitingApproval();
    const before = dumpTables(t.handle, ["sessions"]);
    const r = await post(USERS.approver, [
      ["intent", "bulk"],
      ["decision", "APPROVE"],
      ["target", target(p)],
      ["target", target(q)],
    ]);
    expect(r.status).toBe(200);
    expect(r.body.kind).toBe("confirm");
    const items = r.body.items as {
      code: string;
      text: string;
      versionId: string;
      note: { comment: string | null; who: string };
    }[];
    expect(items.map((i) => [i.code, i.text, i.note.comment])).toEqual([
      [p.code, "Khẩu hiệu p", "Nội dung đúng chủ đề năm, đề nghị phê duyệt."],
      [q.code, "Khẩu hiệu q", null],
    ]);
    expect(items[0].versionId).toBe(p.versionId);
    expect(dumpTables(t.handle, ["sessions"])).toEqual(before);
    expect(getAsset(t.handle, p.assetId)!.state).toBe("awaiting_approval");

    const done = await post(USERS.approver, [
      ["intent", "bulk"],
      ["decision", "APPROVE"],
      ["confirmed", "1"],
      ["target", target(p)],
      ["target", target(q)],
    ]);
    expect(done.body.kind).toBe("bulk");
    expect((done.body.results as { code: string; ok: boolean }[]).map((x) => [x.code, x.ok])).toEqual([
      [p.code, true],
      [q.code, true],
    ]);
    expect(getAsset(t.handle, p.assetId)!.state).toBe("approved");
    expect(getAsset(t.handle, q.assetId)!.state).toBe("approved");
  });

  it("reports each item: a stale one is refused while the others go through", async () => {
    const [p, q] = awaitingApproval();
    const stale = `${q.assetId}|${q.versionHash}|${getAsset(t.handle, q.assetId)!.rowVersion - 1}`;
    const done = await post(USERS.approver, [
      ["intent", "bulk"],
      ["decision", "APPROVE"],
      ["confirmed", "1"],
      ["target", target(p)],
      ["target", stale],
    ]);
    const results = done.body.results as { code: string; ok: boolean; message: string }[];
    expect(results.map((x) => [x.code, x.ok])).toEqual([
      [p.code, true],
      [q.code, false],
    ]);
    expect(results[1].message).toMatch(/\p{L}/u);
    expect(getAsset(t.handle, q.assetId)!.state).toBe("awaiting_approval");
  });

  it("the session decides the queue: the office cannot bulk-approve, and malformed targets are refused", async () => {
    const [p] = awaitingApproval();
    const before = dumpTables(t.handle, ["sessions"]);
    const office = await post(USERS.office, [
      ["intent", "bulk"],
      ["decision", "APPROVE"],
      ["confirmed", "1"],
      ["target", target(p)],
    ]);
    expect(office.status).toBe(403);
    const bad = await post(USERS.approver, [
      ["intent", "bulk"],
      ["decision", "APPROVE"],
      ["confirmed", "1"],
      ["target", `${p.assetId}|not-a-hash|1`],
    ]);
    expect(bad.status).toBe(400);
    const none = await post(USERS.approver, [
      ["intent", "bulk"],
      ["decision", "APPROVE"],
    ]);
    expect(none.body).toMatchObject({ kind: "error", message: "Chưa chọn ấn phẩm nào." });
    expect(dumpTables(t.handle, ["sessions"])).toEqual(before);
  });

  it("the queue shows waiting time and sorts the oldest wait first", async () => {
    const [p, q] = awaitingApproval();
    const { token } = createSession(t.handle, USERS.approver);
    const request = new Request("http://localhost/review", { headers: { cookie: `cd_session=${token}` } });
    const d = unwrap<Awaited<ReturnType<typeof loader>>>(
      await loader({ request, params: {}, context: {} }),
    ).body;
    const [queue] = d.queues;
    expect(queue.state).toBe("awaiting_approval");
    expect(queue.items.map((i) => i.id)).toEqual([p.assetId, q.assetId]);
    expect(queue.items[0].waiting).toMatchObject({ waitedDays: 0, thresholdDays: 2, overWaiting: false });
  });
});
