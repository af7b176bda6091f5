/** Reminders after N working days at one step: real SQLite, the real notifier, a real SMTP server. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runNotifierOnce } from "../../jobs/notifier";
import { enqueueDueReminders, waitingAssets } from "../../jobs/reminders/scan";
import { getAsset } from "../../storage/assets";
import { listNotifications } from "../../storage/notifications";
import { listOutbox, NOTIFY_KIND } from "../../storage/outbox";
import { getSetting, setSetting } from "../../storage/settings";
import { applyAssetEvent } from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { decodeWords, parseMail, startTestSmtp, type TestSmtp } from "../support/smtp";
import { newDraft } from "../support/workflow";

let t: TempDb;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => smtp?.stop());
beforeEach(async () => {
  t = await seededDb();
  smtp.received.length = 0;
  await smtp.start();
});
afterEach(() => t.cleanup());

// Friday 4 December 2026, 09:00 in Hà Nội.
const FRIDAY = "2026-12-04T02:00:00Z";
const at = (iso: string) => new Date(iso);

function decide(assetId: string, type: "SUBMIT" | "FORWARD" | "RETURN", userId: string, now: string) {
  const a = getAsset(t.handle, assetId)!;
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: a.currentVersionHash!,
    event: {
      type,
      actor: { userId },
      ...(type === "RETURN" ? { reason: { code: "diacritics", text: "" } } : {}),
    },
    now: at(now),
  });
}

const reminders = () =>
  listOutbox<{ reminder?: unknown }>(t.handle, { kind: NOTIFY_KIND }).filter((j) => j.payload.reminder);

describe("enqueueDueReminders", () => {
  it("reminds once the wait is more than 2 working days (the default), once per stretch", () => {
    const a = newDraft(t.handle, USERS.drafter, fakeFiles("r1"));
    decide(a.assetId, "SUBMIT", USERS.drafter, FRIDAY);
    expect(waitingAssets(t.handle).map((w) => w.state)).toEqual(["office_review"]);
    expect(enqueueDueReminders(t.handle, at("2026-12-07T10:00:00Z"))).toBe(0); // Monday: 1 day
    expect(enqueueDueReminders(t.handle, at("2026-12-08T10:00:00Z"))).toBe(0); // Tuesday: 2 days
    expect(enqueueDueReminders(t.handle, at("2026-12-09T02:00:00Z"))).toBe(1); // Wednesday: 3 days
    expect(enqueueDueReminders(t.handle, at("2026-12-10T02:00:00Z"))).toBe(0); // already reminded
    const [job] = reminders();
    expect(job.payload).toMatchObject({
      notifyRoles: ["office"],
      notifyUserIds: [],
      reminder: { workingDays: 3 },
    });
  });

  it("follows the admin's threshold per step and the holidays", () => {
    setSetting(
      t.handle,
      "reminder_days",
      { office_review: 1, awaiting_approval: 5, returned: 2 },
      USERS.admin,
    );
    setSetting(t.handle, "holidays", ["2026-12-07"], USERS.admin);
    const a = newDraft(t.handle, USERS.drafter, fakeFiles("r2"));
    decide(a.assetId, "SUBMIT", USERS.drafter, FRIDAY);
    // Monday is a holiday: on Tuesday only 1 working day has passed, on Wednesday 2 (> 1).
    expect(enqueueDueReminders(t.handle, at("2026-12-08T10:00:00Z"))).toBe(0);
    expect(enqueueDueReminders(t.handle, at("2026-12-09T02:00:00Z"))).toBe(1);
    decide(a.assetId, "FORWARD", USERS.office, "2026-12-09T03:00:00Z");
    // A new step is a new stretch, with its own threshold (5).
    expect(enqueueDueReminders(t.handle, at("2026-12-15T02:00:00Z"))).toBe(0);
    expect(enqueueDueReminders(t.handle, at("2026-12-17T02:00:00Z"))).toBe(1);
    expect(reminders().map((j) => j.payload)).toMatchObject([
      { notifyRoles: ["office"] },
      { notifyRoles: ["approver"] },
    ]);
  });

  it("a returned asset reminds its drafter only", () => {
    const a = newDraft(t.handle, USERS.drafter, fakeFiles("r3"));
    decide(a.assetId, "SUBMIT", USERS.drafter, FRIDAY);
    decide(a.assetId, "RETURN", USERS.office, "2026-12-04T03:00:00Z");
    expect(enqueueDueReminders(t.handle, at("2026-12-09T02:00:00Z"))).toBe(1);
    expect(reminders()[0].payload).toMatchObject({ notifyRoles: [], notifyUserIds: [USERS.drafter] });
  });

  it("refuses a threshold out of bounds or a date that does not exist, and keeps the old value", () => {
    expect(() =>
      setSetting(
        t.handle,
        "reminder_days",
        { office_review: 0, awaiting_approval: 2, returned: 2 },
        USERS.admin,
      ),
    ).toThrow(/reminder_days/);
    expect(() => setSetting(t.handle, "holidays", ["2026-02-30"], USERS.admin)).toThrow(/holidays/);
    expect(getSetting(t.handle, "reminder_days")).toEqual({
      office_review: 2,
      awaiting_approval: 2,
      returned: 2,
    });
    expect(getSetting(t.handle, "holidays")).toEqual([]);
  });
});

describe("the notifier sends reminders", () => {
  it("as an inbox entry and an e-mail headed “Nhắc việc”, beside the decision's own notice", async () => {
    const a = newDraft(t.handle, USERS.drafter, fakeFiles("r4"));
    decide(a.assetId, "SUBMIT", USERS.drafter, FRIDAY);
    const opts = {
      db: t.handle,
      smtpUrl: smtp.url,
      mailFrom: "co-dong@lacphuong.example",
      publicOrigin: "https://co-dong.lacphuong.example",
    };
    await runNotifierOnce({ ...opts, now: at("2026-12-04T03:00:00Z") });
    await runNotifierOnce({ ...opts, now: at("2026-12-09T02:00:00Z") });
    const entries = listNotifications(t.handle, USERS.office).items;
    expect(entries.map((e) => e.kind).sort()).toEqual(["REMINDER", "SUBMIT"]);
    const reminder = entries.find((e) => e.kind === "REMINDER")!;
    expect(reminder.title).toBe(`Nhắc việc – Chờ thẩm định: ${a.code}`);
    expect(reminder.summary).toContain("đã chờ 3 ngày làm việc");
    const subjects = smtp.received
      .filter((m) => m.to.includes("vanhoa@lacphuong.example"))
      .map((m) => decodeWords(parseMail(m.raw).headers.subject ?? ""));
    expect(subjects.some((s) => s.includes("Nhắc việc – Chờ thẩm định"))).toBe(true);
    // A third pass sends nothing new.
    const before = smtp.received.length;
    await runNotifierOnce({ ...opts, now: at("2026-12-10T02:00:00Z") });
    expect(smtp.received.length).toBe(before);
  });
});
