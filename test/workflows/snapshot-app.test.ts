import { describe, expect, it } from "vitest";
import { action as assetAction } from "../../app/routes/asset.$assetId";
import { action as reviewAction } from "../../app/routes/review";
import { getAsset } from "../../storage/assets";
import { createSession } from "../../storage/users";
import { applyAssetEvent } from "../../workflows/service";
import { seededAppDbPerTest } from "../support/app-db";
import { dumpTables, fakeFiles, USERS } from "../support/db";
import { newDraft, uncaughtDuring as uncaughtFor } from "../support/workflow";

// Issue 11, A1 as the web app meets it: a decision on an asset whose stored snapshot names a state
// the machine lacks answered 500, and the server exited within 2 s. Now the form gets a 409 with
// the Vietnamese message, the review queue's batch decides the other assets, and nothing throws
// afterwards.

const t = seededAppDbPerTest();

let n = 0;
function newAsset() {
  n++;
  return newDraft(t.handle, USERS.drafter, fakeFiles(`snapshot-app-${n}`));
}

function submit(assetId: string) {
  const a = getAsset(t.handle, assetId)!;
  applyAssetEvent(t.handle, {
    assetId,
    versionHash: a.currentVersionHash!,
    event: { type: "SUBMIT", actor: { userId: USERS.drafter } },
  });
}

function renameState(assetId: string, value: string) {
  const snap = JSON.parse(getAsset(t.handle, assetId)!.snapshotJson) as Record<string, unknown>;
  t.handle.conn
    .prepare("UPDATE assets SET snapshot_json = ? WHERE id = ?")
    .run(JSON.stringify({ ...snap, value }), assetId);
}

function post(path: string, userId: string, fields: [string, string][]): Request {
  const { token } = createSession(t.handle, userId);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { cookie: `cd_session=${token}` },
  });
}

/** An action's answer as the browser gets it; a thrown error is what Remix turns into a 500. */
async function answer(
  fn: () => Promise<unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  try {
    const r = (await fn()) as { type?: string; data?: unknown; init?: { status?: number } | null };
    if (r && r.type === "DataWithResponseInit") {
      return { status: r.init?.status ?? 200, body: r.data as Record<string, unknown> };
    }
    return { status: 200, body: r as Record<string, unknown> };
  } catch (e) {
    if (e instanceof Response) return { status: e.status, body: {} };
    return { status: 500, body: { thrown: String(e) } };
  }
}

/** Uncaught errors while `fn` runs and for 500 ms after. */
function uncaughtDuring(fn: () => Promise<void>): Promise<unknown[]> {
  return uncaughtFor(fn, 500);
}

describe("a decision on an asset whose snapshot the machine does not know", () => {
  it("the asset page's form answers 409 with the Vietnamese message, writes nothing, and nothing throws later", async () => {
    const a = newAsset();
    renameState(a.assetId, "cho_gui_duyet");
    const before = dumpTables(t.handle, ["sessions"]);
    const uncaught = await uncaughtDuring(async () => {
      const res = await answer(() =>
        assetAction({
          request: post(`/asset/${a.assetId}`, USERS.drafter, [
            ["intent", "decide"],
            ["decision", "SUBMIT"],
            ["versionHash", a.versionHash],
            ["rowVersion", "0"],
          ]),
          params: { assetId: a.assetId },
          context: {},
        }),
      );
      expect(res.status).toBe(409);
      expect(res.body.error).toMatch(/^Không đọc được trạng thái quy trình duyệt đã lưu của ấn phẩm này/);
    });
    expect(uncaught).toEqual([]);
    expect(dumpTables(t.handle, ["sessions"])).toEqual(before);
  });

  it("a batch in the review queue refuses that asset and forwards the others", async () => {
    const [x, bad, y] = [newAsset(), newAsset(), newAsset()];
    for (const a of [x, bad, y]) submit(a.assetId);
    renameState(bad.assetId, "dang_tham_dinh");
    const targets = [x, bad, y].map((a) => {
      const r = getAsset(t.handle, a.assetId)!;
      return ["target", `${r.id}|${r.currentVersionHash}|${r.rowVersion}`] as [string, string];
    });
    const uncaught = await uncaughtDuring(async () => {
      const res = await answer(() =>
        reviewAction({
          request: post("/review", USERS.office, [
            ["intent", "bulk"],
            ["decision", "FORWARD"],
            ["confirmed", "1"],
            ...targets,
          ]),
          params: {},
          context: {},
        }),
      );
      expect(res.status).toBe(200);
      const results = res.body.results as { code: string; ok: boolean; message: string }[];
      expect(results.map((r) => r.ok)).toEqual([true, false, true]);
      expect(results[1].message).toMatch(/^Không đọc được trạng thái quy trình duyệt/);
    });
    expect(uncaught).toEqual([]);
    expect([x, bad, y].map((a) => getAsset(t.handle, a.assetId)!.state)).toEqual([
      "awaiting_approval",
      "office_review",
      "awaiting_approval",
    ]);
  });
});
