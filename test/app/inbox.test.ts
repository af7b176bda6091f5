import { describe, expect, it } from "vitest";
import { action as inboxAction, loader as inboxLoader } from "../../app/routes/inbox";
import { loader as entryLoader } from "../../app/routes/inbox.$id";
import { addNotification, countUnread } from "../../storage/notifications";
import { createSession } from "../../storage/users";
import { seededAppDbPerTest } from "../support/app-db";
import { approvedAsset } from "../support/approved-asset";
import { USERS } from "../support/db";

// The inbox page (issue 12 §1): newest first in pages of 20 with "Xem thêm", opening an entry
// marks it read and goes to the asset, only one's own entries.

const t = seededAppDbPerTest();

/** `n` entries for `userId`, oldest first; returns their ids. */
function entries(userId: string, n: number): number[] {
  // Entries hang off a real decision: the seeded plan has none, so one asset is made and approved.
  const { assetId } = approvedAsset(t.handle, `inbox-${userId}`);
  const row = t.handle.conn
    .prepare("SELECT id FROM audit_events WHERE asset_id = ? LIMIT 1")
    .get(assetId) as {
    id: number;
  };
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    // Distinct kinds keep (user, audit row, kind) unique without needing one audit row per entry.
    const r = addNotification(t.handle, {
      userId,
      assetId: null,
      auditId: row.id,
      kind: `TEST_${i}`,
      title: `Thông báo số ${i + 1}`,
      summary: "Nội dung",
      linkPath: `/asset/a-${i + 1}`,
    });
    ids.push(r.id);
  }
  return ids;
}

function req(path: string, user: string, init: RequestInit = {}): Request {
  const { token } = createSession(t.handle, user);
  return new Request(`http://localhost${path}`, { ...init, headers: { cookie: `cd_session=${token}` } });
}

describe("inbox", () => {
  it("pages newest first; 'Xem thêm' gives the older ones", async () => {
    const ids = entries(USERS.office, 25);
    const first = inboxLoader({ request: req("/inbox", USERS.office), params: {}, context: {} });
    expect(first.items).toHaveLength(20);
    expect(first.items[0].title).toBe("Thông báo số 25");
    expect(first.unread).toBe(25);
    expect(first.nextBeforeId).toBe(ids[5]);
    const second = inboxLoader({
      request: req(`/inbox?before=${first.nextBeforeId}`, USERS.office),
      params: {},
      context: {},
    });
    expect(second.items.map((i) => i.title)).toEqual([5, 4, 3, 2, 1].map((n) => `Thông báo số ${n}`));
    expect(second.nextBeforeId).toBeNull();
    expect(second.paged).toBe(true);
  });

  it("opening an entry marks it read and redirects to its asset; someone else's is refused", async () => {
    const [id] = entries(USERS.office, 1);
    const open = () =>
      entryLoader({ request: req(`/inbox/${id}`, USERS.office), params: { id: String(id) }, context: {} });
    const res = (() => {
      try {
        open();
      } catch (e) {
        return e as Response;
      }
      throw new Error("expected a redirect");
    })();
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/asset/a-1");
    expect(countUnread(t.handle, USERS.office)).toBe(0);

    let refused: unknown;
    try {
      entryLoader({ request: req(`/inbox/${id}`, USERS.drafter), params: { id: String(id) }, context: {} });
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ init: { status: 403 } });
  });

  it("'Đánh dấu tất cả đã đọc' clears the count of the session user only", async () => {
    entries(USERS.office, 3);
    entries(USERS.approver, 2);
    const body = new URLSearchParams({ intent: "read-all" });
    const r = await inboxAction({
      request: req("/inbox", USERS.office, { method: "POST", body }),
      params: {},
      context: {},
    });
    expect(r).toMatchObject({ ok: "Đã đánh dấu 3 thông báo là đã đọc." });
    expect(countUnread(t.handle, USERS.office)).toBe(0);
    expect(countUnread(t.handle, USERS.approver)).toBe(2);
  });
});
