/** The inbox, the deliveries' uniqueness and fences, and each person's e-mail settings, on real SQLite. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { normalizeEmail } from "../../domain/email";
import { isWorkflowError } from "../../domain/workflow-error";
import {
  addDelivery,
  addNotification,
  countUnread,
  listDeliveries,
  listNotifications,
  markAllNotificationsRead,
  markDeliveriesSent,
  markNotificationRead,
  type NewNotification,
  setEmailNotifyMode,
  setUserEmail,
  startDeliveryAttempt,
} from "../../storage/notifications";
import { claimOutbox, enqueueOutbox } from "../../storage/outbox";
import { DEMO_USERS } from "../../storage/seed/demo-users";
import { seedDemoUsers } from "../../storage/seed/seed";
import { createUser, getUser, listUsers } from "../../storage/users";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { refusal } from "../support/errors";
import { newDraft } from "../support/workflow";

let t: TempDb;
let auditId: number;
beforeEach(async () => {
  t = await seededDb();
  newDraft(t.handle, USERS.drafter, fakeFiles("inbox"));
  auditId = (t.handle.conn.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number }).id;
});
afterEach(() => t.cleanup());

const refused = (fn: () => unknown) => refusal(fn, isWorkflowError);

function entry(over: Partial<NewNotification> = {}): NewNotification {
  return {
    userId: USERS.office,
    assetId: null,
    auditId,
    kind: "SUBMIT",
    title: "Chờ thẩm định: CCHC-2026-1.12-0001",
    summary: "Nguyễn Thị Hồng Nhung (Cán bộ soạn thảo): Gửi duyệt.",
    linkPath: "/asset/x",
    ...over,
  };
}

/** `count` entries for the office user, each from its own audit row (the rows are real: foreign keys). */
function entries(count: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    newDraft(t.handle, USERS.drafter, fakeFiles(`e${i}`));
    const id = (t.handle.conn.prepare("SELECT max(id) AS id FROM audit_events").get() as { id: number }).id;
    ids.push(addNotification(t.handle, entry({ auditId: id, title: `#${i}` })).id);
  }
  return ids;
}

describe("users' e-mail", () => {
  it("demo users have addresses on lacphuong.example and get e-mail at once by default", () => {
    const demo = listUsers(t.handle).filter((u) => DEMO_USERS.some((d) => d.id === u.id));
    expect(demo).toHaveLength(5);
    for (const u of demo) {
      expect(u.email).toBe(`${u.username}@lacphuong.example`);
      expect(u.emailNotify).toBe("instant");
    }
  });

  it("re-seeding gives accounts seeded before e-mail their demo address and keeps one an admin set", async () => {
    t.handle.conn.prepare("UPDATE users SET email = NULL WHERE id = ?").run(USERS.drafter);
    setUserEmail(t.handle, { actorId: USERS.admin, userId: USERS.office, email: "duc.tm@lacphuong.gov.vn" });
    expect(await seedDemoUsers(t.handle)).toEqual([]);
    expect(getUser(t.handle, USERS.drafter)?.email).toBe("soanthao@lacphuong.example");
    expect(getUser(t.handle, USERS.office)?.email).toBe("duc.tm@lacphuong.gov.vn");
  });

  it("checks and lower-cases addresses; one address, one person", async () => {
    expect(normalizeEmail("  Nhung.NTH@LacPhuong.gov.vn ")).toBe("nhung.nth@lacphuong.gov.vn");
    expect(normalizeEmail("")).toBeNull();
    for (const bad of [
      "nhung",
      "nhung@",
      "@lacphuong.vn",
      "nhung@lacphuong",
      "nhung nth@lacphuong.vn",
      "nhung@lạcphượng.vn",
      "a..b@x.vn",
    ]) {
      const e = refused(() => normalizeEmail(bad));
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.details).toEqual({ field: "email" });
    }
    const u = await createUser(t.handle, {
      username: "thuha",
      displayName: "Đỗ Thị Thu Hà",
      password: "VanHoa@2026-mot",
      roles: ["office"],
      email: "ThuHa@LacPhuong.example",
    });
    expect(u.email).toBe("thuha@lacphuong.example");
    const dup = await createUser(t.handle, {
      username: "thuha2",
      displayName: "Đỗ Thu Hà",
      password: "VanHoa@2026-hai",
      roles: ["office"],
      email: "thuha@lacphuong.example",
    }).catch((e: unknown) => e);
    expect(isWorkflowError(dup) && dup.code).toBe("INVALID_INPUT");
    // The database holds the rule too, whatever path writes.
    expect(() =>
      t.handle.conn
        .prepare("UPDATE users SET email = ? WHERE id = ?")
        .run("thuha@lacphuong.example", USERS.printer),
    ).toThrow(/UNIQUE|duplicate key/);
    expect(() =>
      t.handle.conn.prepare("UPDATE users SET email = ? WHERE id = ?").run("Upper@Case.vn", USERS.printer),
    ).toThrow(/CHECK|violates check/);
  });

  it("only an admin sets addresses", () => {
    expect(
      refused(() => setUserEmail(t.handle, { actorId: USERS.office, userId: USERS.office, email: "x@y.vn" }))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      refused(() => setUserEmail(t.handle, { actorId: USERS.admin, userId: "nobody", email: "x@y.vn" })).code,
    ).toBe("NOT_FOUND");
    expect(
      refused(() =>
        setUserEmail(t.handle, {
          actorId: USERS.admin,
          userId: USERS.office,
          email: "soanthao@lacphuong.example",
        }),
      ).code,
    ).toBe("INVALID_INPUT");
    expect(
      setUserEmail(t.handle, {
        actorId: USERS.admin,
        userId: USERS.office,
        email: " Duc@LacPhuong.example ",
      }),
    ).toBe("duc@lacphuong.example");
    expect(getUser(t.handle, USERS.office)?.email).toBe("duc@lacphuong.example");
    expect(setUserEmail(t.handle, { actorId: USERS.admin, userId: USERS.office, email: "" })).toBeNull();
    expect(getUser(t.handle, USERS.office)?.email).toBeNull();
  });

  it("each person sets their own mode, and only theirs", () => {
    expect(
      setEmailNotifyMode(t.handle, { actorId: USERS.office, userId: USERS.office, mode: "digest" }),
    ).toBe("digest");
    expect(getUser(t.handle, USERS.office)?.emailNotify).toBe("digest");
    expect(
      refused(() => setEmailNotifyMode(t.handle, { actorId: USERS.admin, userId: USERS.office, mode: "off" }))
        .code,
    ).toBe("FORBIDDEN");
    expect(
      refused(() =>
        setEmailNotifyMode(t.handle, { actorId: USERS.office, userId: USERS.office, mode: "weekly" }),
      ).code,
    ).toBe("INVALID_INPUT");
    expect(getUser(t.handle, USERS.office)?.emailNotify).toBe("digest");
    expect(() =>
      t.handle.conn.prepare("UPDATE users SET email_notify = 'weekly' WHERE id = ?").run(USERS.office),
    ).toThrow(/CHECK|violates check/);
  });
});

describe("the inbox", () => {
  it("writes one entry per person, source and kind, however often the job runs", () => {
    const first = addNotification(t.handle, entry());
    expect(first.created).toBe(true);
    expect(addNotification(t.handle, entry({ title: "again" }))).toEqual({ id: first.id, created: false });
    expect(listNotifications(t.handle, USERS.office).items.map((e) => e.title)).toEqual([entry().title]);
    // Another kind of the same event, or another person, is another entry.
    expect(addNotification(t.handle, entry({ kind: "COMMENT_X" })).created).toBe(true);
    expect(addNotification(t.handle, entry({ userId: USERS.approver })).created).toBe(true);
    // The table itself refuses a duplicate and an entry with no source or two.
    const insert = t.handle.conn.prepare(
      `INSERT INTO notifications (user_id, audit_id, comment_id, kind, title, summary, link_path, created_at)
       VALUES (?, ?, ?, 'SUBMIT', 't', 's', '/asset/x', '2026-01-01')`,
    );
    expect(() => insert.run(USERS.office, auditId, null)).toThrow(/UNIQUE|duplicate key/);
    expect(() => insert.run(USERS.printer, null, null)).toThrow(/CHECK|violates check/);
    expect(refused(() => addNotification(t.handle, entry({ auditId: null }))).code).toBe("INVALID_INPUT");
    expect(refused(() => addNotification(t.handle, entry({ linkPath: "https://evil.example/" }))).code).toBe(
      "INVALID_INPUT",
    );
  });

  it("lists newest first in pages and counts the unread", () => {
    const ids = entries(5);
    const p1 = listNotifications(t.handle, USERS.office, { limit: 2 });
    expect(p1.items.map((e) => e.id)).toEqual([ids[4], ids[3]]);
    const p2 = listNotifications(t.handle, USERS.office, { limit: 2, beforeId: p1.nextBeforeId });
    expect(p2.items.map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const p3 = listNotifications(t.handle, USERS.office, { limit: 2, beforeId: p2.nextBeforeId });
    expect(p3).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextBeforeId: null });
    expect(listNotifications(t.handle, USERS.approver).items).toEqual([]);
    expect(countUnread(t.handle, USERS.office)).toBe(5);
    expect(countUnread(t.handle, USERS.approver)).toBe(0);
    for (const limit of [0, 101, 1.5]) {
      expect(refused(() => listNotifications(t.handle, USERS.office, { limit })).code).toBe("INVALID_INPUT");
    }
    expect(refused(() => listNotifications(t.handle, USERS.office, { beforeId: -1 })).code).toBe(
      "INVALID_INPUT",
    );
  });

  it("marks one's own entries read, one or all, and nobody else's", () => {
    const ids = entries(3);
    const mine = addNotification(t.handle, entry({ userId: USERS.approver })).id;
    const at = new Date("2026-03-01T02:00:00Z");
    expect(markNotificationRead(t.handle, USERS.office, ids[1], at)).toBe(true);
    expect(markNotificationRead(t.handle, USERS.office, ids[1])).toBe(false);
    expect(listNotifications(t.handle, USERS.office).items.find((e) => e.id === ids[1])?.readAt).toBe(
      at.toISOString(),
    );
    expect(countUnread(t.handle, USERS.office)).toBe(2);
    expect(listNotifications(t.handle, USERS.office, { unreadOnly: true }).items.map((e) => e.id)).toEqual([
      ids[2],
      ids[0],
    ]);

    expect(refused(() => markNotificationRead(t.handle, USERS.office, mine)).code).toBe("FORBIDDEN");
    expect(refused(() => markNotificationRead(t.handle, USERS.office, 999_999)).code).toBe("NOT_FOUND");
    expect(markAllNotificationsRead(t.handle, USERS.office)).toBe(2);
    expect(countUnread(t.handle, USERS.office)).toBe(0);
    // The approver's entry was not touched by either.
    expect(countUnread(t.handle, USERS.approver)).toBe(1);
  });
});

describe("deliveries", () => {
  it("one row per entry and channel; sent once; a send starts only while its job is held", () => {
    const id = addNotification(t.handle, entry()).id;
    addDelivery(t.handle, { notificationId: id, channel: "email", batch: "instant" });
    addDelivery(t.handle, { notificationId: id, channel: "email", batch: "digest" });
    const [d] = listDeliveries(t.handle, id);
    expect(listDeliveries(t.handle, id)).toHaveLength(1);
    expect(d).toMatchObject({ channel: "email", batch: "instant", status: "pending", attempts: 0 });

    const jobId = enqueueOutbox(t.handle, { kind: "notify", payload: {} });
    // Not claimed yet: no worker may start a send for it.
    expect(startDeliveryAttempt(t.handle, [d.id], { jobId, workerId: "w1" })).toBe(false);
    claimOutbox(t.handle, { workerId: "w1", kinds: ["notify"] });
    expect(startDeliveryAttempt(t.handle, [d.id], { jobId, workerId: "w2" })).toBe(false);
    expect(startDeliveryAttempt(t.handle, [d.id], { jobId, workerId: "w1" })).toBe(true);
    expect(listDeliveries(t.handle, id)[0].attempts).toBe(1);

    const sent = { address: "vanhoa@lacphuong.example", messageId: "<cd.notice.1@lacphuong.example>" };
    expect(markDeliveriesSent(t.handle, [d.id], sent)).toBe(true);
    expect(markDeliveriesSent(t.handle, [d.id], { ...sent, messageId: "<other@x>" })).toBe(false);
    expect(listDeliveries(t.handle, id)[0]).toMatchObject({ status: "sent", messageId: sent.messageId });
    // Once sent, never started again.
    expect(startDeliveryAttempt(t.handle, [d.id], { jobId, workerId: "w1" })).toBe(false);
    expect(listDeliveries(t.handle, id)[0].attempts).toBe(1);
    // A row cannot claim to be sent without the id it was sent under.
    expect(() =>
      t.handle.conn.prepare("UPDATE notification_deliveries SET message_id = NULL WHERE id = ?").run(d.id),
    ).toThrow(/CHECK|violates check/);
  });
});
