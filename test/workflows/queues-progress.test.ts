import { ASSET_STATES, type AssetState } from "../../domain/states";
import { actingRole } from "../../domain/decisions";
import { ROLES } from "../../domain/roles";
import { describe, expect, it } from "vitest";
import { eventsAcceptedIn } from "../../workflows/asset-machine";
import { DONE_STATES, IN_PROGRESS_STATES, progressOf, taskProgress } from "../../workflows/progress";
import { queuesFor, reviewQueuesFor, WORK_QUEUES } from "../../workflows/queues";

const counts = (c: Partial<Record<AssetState, number>>) =>
  Object.fromEntries(ASSET_STATES.map((s) => [s, c[s] ?? 0])) as Record<AssetState, number>;

describe("plan progress (workflows/progress.ts)", () => {
  it("counts approved and published as done, the living states as in progress, and the dead for neither", () => {
    expect(new Set([...DONE_STATES, ...IN_PROGRESS_STATES, "rejected", "revoked"])).toEqual(
      new Set(ASSET_STATES),
    );
    expect(DONE_STATES.some((s) => IN_PROGRESS_STATES.includes(s))).toBe(false);
    const p = progressOf(
      counts({
        draft: 1,
        office_review: 2,
        awaiting_approval: 3,
        returned: 4,
        withdrawn: 5,
        approved: 6,
        published: 7,
        rejected: 8,
        revoked: 9,
      }),
    );
    expect(p).toEqual({ inProgress: 15, done: 13, total: 28 });
    expect(progressOf({})).toEqual({ inProgress: 0, done: 0, total: 0 });
  });

  it("counts a task's visual products by format kind: task 2 is the screen formats (a custom size by its kind)", () => {
    const rows = [
      { formatId: "web-banner-1920x400", state: "published" as const, n: 2 },
      { formatId: "web-banner-1920x400", state: "draft" as const, n: 1 },
      { formatId: "web-banner-1920x400", state: "rejected" as const, n: 5 },
      { formatId: "bang-ron-1x7", state: "approved" as const, n: 4 },
      { formatId: "custom-banner-1000x3000", state: "approved" as const, n: 1 },
      { formatId: "no-such-format", state: "approved" as const, n: 9 },
    ];
    expect(taskProgress(2, rows)).toEqual({ inProgress: 1, done: 2, total: 3 });
    expect(taskProgress(1, rows)).toBeNull();
    expect(taskProgress(2, [])).toEqual({ inProgress: 0, done: 0, total: 0 });
  });
});

describe("work queues (workflows/queues.ts)", () => {
  it("gives each role its queues; admins have none", () => {
    expect(queuesFor(["drafter"]).map((q) => q.id)).toEqual(["returned", "drafts"]);
    expect(queuesFor(["office", "approver"]).map((q) => q.id)).toEqual([
      "office_review",
      "awaiting_approval",
    ]);
    expect(queuesFor(["printer"]).map((q) => q.id)).toEqual(["published"]);
    expect(queuesFor(["admin"])).toEqual([]);
    expect(queuesFor([...ROLES])).toEqual(WORK_QUEUES);
  });

  it("review queues: one state each, whose bulk decision the queue's role takes there", () => {
    const review = reviewQueuesFor([...ROLES]);
    expect(review.map((q) => [q.states, q.bulk])).toEqual([
      [["office_review"], "FORWARD"],
      [["awaiting_approval"], "APPROVE"],
    ]);
    for (const q of review) {
      expect(eventsAcceptedIn(q.states[0])).toContain(q.bulk);
      expect(actingRole(q.bulk, q.states[0])).toBe(q.role);
      // The other decision on every item: returning it, in the same role.
      expect(actingRole("RETURN", q.states[0])).toBe(q.role);
    }
    expect(reviewQueuesFor(["drafter", "printer"])).toEqual([]);
  });
});
