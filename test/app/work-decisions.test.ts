import { type Role, ROLES } from "../../domain/roles";
import { ASSET_STATES, type AssetState } from "../../domain/states";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAssetsByFormat } from "../../storage/plan";
import { getUser, type User } from "../../storage/users";
import { availableDecisions, canEdit } from "../../app/lib/asset-view.server";
import { pendingFor } from "../../app/lib/work.server";
import { eventsAcceptedIn } from "../../workflows/asset-machine";
import { taskProgress } from "../../workflows/progress";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";

// The rules the app spelled out itself before domain/decisions.ts: the offer must not change.
const OLD_DECISIONS = ["SUBMIT", "WITHDRAW", "FORWARD", "RETURN", "APPROVE", "REJECT", "REVOKE"] as const;
const OLD_ROLES: Record<(typeof OLD_DECISIONS)[number], Role[]> = {
  SUBMIT: ["drafter"],
  WITHDRAW: ["drafter"],
  FORWARD: ["office"],
  RETURN: ["office", "approver"],
  APPROVE: ["approver"],
  REJECT: ["approver"],
  REVOKE: ["approver"],
};
function oldAvailable(state: AssetState, roles: Role[]) {
  const accepted = eventsAcceptedIn(state);
  return OLD_DECISIONS.filter((d) => accepted.includes(d) && OLD_ROLES[d].some((r) => roles.includes(r)))
    .filter((d) => !(d === "RETURN" && state === "office_review" && !roles.includes("office")))
    .filter((d) => !(d === "RETURN" && state === "awaiting_approval" && !roles.includes("approver")));
}

function subsets(xs: readonly Role[]): Role[][] {
  const out: Role[][] = [[]];
  for (const x of xs) for (const s of [...out]) out.push([...s, x]);
  return out;
}
const userWith = (roles: Role[]) => ({ id: "u", roles }) as unknown as User;

describe("decisions offered on the asset page (app/lib/asset-view.server.ts)", () => {
  it("offers what it offered before, for every state and every set of roles", () => {
    for (const state of ASSET_STATES) {
      for (const roles of subsets(ROLES)) {
        const user = userWith(roles);
        expect(availableDecisions(state, user), `${state} ${roles}`).toEqual(oldAvailable(state, roles));
        expect(canEdit(state, user)).toBe(
          roles.includes("drafter") && eventsAcceptedIn(state).includes("EDIT"),
        );
      }
    }
  });
});

describe("the dashboard's queues and task progress, on a database", () => {
  let t: TempDb;
  beforeAll(async () => {
    t = await seededDb();
    const make = (formatId: string, label: string) =>
      createAsset(t.handle, {
        actor: { userId: USERS.drafter },
        planId: "cchc-2026",
        contentItemId: "cchc-2026:1.12",
        templateId: "tpl",
        formatId,
        text: "Dịch vụ công trực tuyến",
        files: fakeFiles(label),
      });
    make("bang-ron-0.8x5", "a");
    const b = make("web-banner-1920x400", "b");
    make("web-banner-1920x400", "c");
    applyAssetEvent(t.handle, {
      assetId: b.assetId,
      event: { type: "SUBMIT", actor: { userId: USERS.drafter } },
      versionHash: b.versionHash,
    });
  });
  afterAll(() => t.cleanup());

  it("counts each role's queue", () => {
    const pending = (id: string) => pendingFor(t.handle, getUser(t.handle, id)!);
    expect(pending(USERS.drafter)).toEqual([
      { label: "Ấn phẩm bị yêu cầu chỉnh sửa", count: 0, href: "/?mine=returned#my-assets" },
      { label: "Bản nháp chưa gửi duyệt", count: 2, href: "/?mine=draft#my-assets" },
    ]);
    expect(pending(USERS.office)).toEqual([
      { label: "Chờ Phòng Văn hóa - Xã hội thẩm định", count: 1, href: "/review" },
    ]);
    expect(pending(USERS.printer)).toEqual([
      { label: "Ấn phẩm đã phát hành, sẵn sàng in", count: 0, href: "/print" },
    ]);
  });

  it("counts the online task's screen products from the plan's counts per format", () => {
    const byFormat = countAssetsByFormat(t.handle, "cchc-2026");
    expect(byFormat.reduce((n, c) => n + c.n, 0)).toBe(3);
    expect(taskProgress(2, byFormat)).toEqual({ inProgress: 2, done: 0, total: 2 });
  });
});
