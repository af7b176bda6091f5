/** The notifier against a real SMTP server (smtp-server) and real SQLite files: inbox, e-mail, digest, outages, crashes. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type NotificationChannel,
  type NotifierOptions,
  runNotifierOnce,
  startNotifier,
  stopNotifier,
} from "../../jobs/notifier";
import type { Reason } from "../../domain/reasons";
import { addComment, getAsset } from "../../storage/assets";
import {
  countUnread,
  listDeliveries,
  listNotifications,
  type NotificationRecord,
  setEmailNotifyMode,
  setUserEmail,
} from "../../storage/notifications";
import {
  enqueueCommentNotify,
  getOutboxJob,
  getOutboxJobByDedupeKey,
  listOutbox,
  NOTIFY_DIGEST_KIND,
  NOTIFY_KIND,
  notifyDedupeKey,
} from "../../storage/outbox";
import { createUser } from "../../storage/users";
import { applyAssetEvent } from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { decodeWords, parseMail, type ReceivedMail, startTestSmtp, type TestSmtp } from "../support/smtp";
import { ASSET_TEXT, newDraft } from "../support/workflow";

const ORIGIN = "https://co-dong.lacphuong.example";
const MAIL_FROM = '"Cổ động Lạc Phượng" <co-dong@lacphuong.example>';
const VANHOA = "vanhoa@lacphuong.example";
const SOANTHAO = "soanthao@lacphuong.example";

let smtp: TestSmtp;
let t: TempDb;
let n = 0;
let logs: string[];

beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(async () => {
  await smtp?.stop();
});
beforeEach(async () => {
  t = await seededDb();
  smtp.received.length = 0;
  smtp.refuse.clear();
  await smtp.start();
  logs = [];
});
afterEach(async () => {
  await stopNotifier();
  t.cleanup();
});

function opts(over: Partial<NotifierOptions> = {}): NotifierOptions {
  return {
    db: t.handle,
    smtpUrl: smtp.url,
    mailFrom: MAIL_FROM,
    publicOrigin: ORIGIN,
    log: (level, message) => logs.push(`${level}: ${message}`),
    ...over,
  };
}

function decide(assetId: string, type: "SUBMIT" | "FORWARD" | "RETURN", userId: string, reason?: Reason) {
  const asset = getAsset(t.handle, assetId)!;
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: { type, actor: { userId }, ...(reason ? { reason } : {}) },
  });
}

/** A new draft of `actor` (the demo drafter by default), submitted: one notify row for the office. */
function submitted(actor: string = USERS.drafter) {
  const a = newDraft(t.handle, actor, fakeFiles(`n${++n}`));
  const res = decide(a.assetId, "SUBMIT", actor);
  return { ...a, auditId: res.auditId };
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const inbox = (userId: string): NotificationRecord[] => listNotifications(t.handle, userId).items;

function only<T>(list: T[]): T {
  expect(list).toHaveLength(1);
  return list[0];
}

async function secondOfficeUser() {
  return createUser(t.handle, {
    username: "vanhoa2",
    displayName: "Đỗ Thị Thu Hà",
    password: "VanHoa@2026-hai",
    roles: ["office"],
    email: "vanhoa2@lacphuong.example",
  });
}

describe("a decision's notify row", () => {
  it("gives each office user an inbox entry and one e-mail with encoded headers and a Vietnamese body", async () => {
    const other = await secondOfficeUser();
    const a = submitted();
    const res = await runNotifierOnce(opts());
    expect(res).toMatchObject({ notices: 1, entries: 2, sent: 2, failed: 0, pending: 0 });

    for (const [userId, address] of [
      [USERS.office, VANHOA],
      [other.id, "vanhoa2@lacphuong.example"],
    ]) {
      const entry = only(inbox(userId));
      expect(entry).toMatchObject({
        assetId: a.assetId,
        auditId: a.auditId,
        kind: "SUBMIT",
        title: `Chờ thẩm định: ${a.code}`,
        linkPath: `/asset/${a.assetId}`,
        readAt: null,
      });
      expect(entry.summary).toContain("Nguyễn Thị Hồng Nhung (Cán bộ soạn thảo)");
      expect(countUnread(t.handle, userId)).toBe(1);

      const mail = only(mailsTo(address));
      expect(mail.from).toBe("co-dong@lacphuong.example");
      const { headers, parts } = parseMail(mail.raw);
      // The wire is ASCII: Vietnamese travels as RFC 2047 encoded words.
      expect(headers.subject).toMatch(/^=\?UTF-8\?[BQ]\?/i);
      expect(decodeWords(headers.subject)).toBe(`[Cổ động] Chờ thẩm định: ${a.code}`);
      expect(headers.from).toContain("=?UTF-8?");
      expect(decodeWords(headers.from)).toBe("Cổ động Lạc Phượng <co-dong@lacphuong.example>");
      expect(decodeWords(headers.to)).toContain(`<${address}>`);
      const delivery = only(listDeliveries(t.handle, entry.id));
      expect(delivery).toMatchObject({ channel: "email", status: "sent", attempts: 1, address });
      expect(headers["message-id"]).toBe(delivery.messageId);
      expect(headers["message-id"]).toBe(`<cd.notice.${entry.id}.${a.assetId}@lacphuong.example>`);

      const text = parts["text/plain"];
      expect(text.contentType).toMatch(/charset=utf-8/i);
      expect(text.body).toContain(`Chờ thẩm định: ${a.code}`);
      expect(text.body).toContain(`Khẩu hiệu: ${ASSET_TEXT}`);
      expect(text.body).toContain("Khổ: Băng rôn 0,8 × 5 m");
      expect(text.body).toContain("Người thực hiện: Nguyễn Thị Hồng Nhung (Cán bộ soạn thảo)");
      expect(text.body).toContain(`${ORIGIN}/asset/${a.assetId}`);
      const html = parts["text/html"];
      expect(html.contentType).toMatch(/charset=utf-8/i);
      expect(html.body).toContain(`href="${ORIGIN}/asset/${a.assetId}"`);
    }
    // Exactly the two office users: nobody else was written to or mailed.
    expect(smtp.received).toHaveLength(2);
    expect(inbox(USERS.drafter)).toEqual([]);
    expect(getOutboxJobByDedupeKey(t.handle, notifyDedupeKey(a.auditId))?.status).toBe("done");
  });

  it("sends a return to the drafter with the reason and the link", async () => {
    const a = submitted();
    decide(a.assetId, "RETURN", USERS.office, { code: "diacritics", text: "Sai dấu ở chữ “chóng”" });
    await runNotifierOnce(opts());

    // The office user returned it: they got the submission, not their own return.
    expect(inbox(USERS.office).map((e) => e.kind)).toEqual(["SUBMIT"]);
    const entry = only(inbox(USERS.drafter));
    expect(entry).toMatchObject({ kind: "RETURN", title: `Yêu cầu chỉnh sửa: ${a.code}` });
    expect(entry.summary).toContain("Lý do: Sai dấu/chính tả – Sai dấu ở chữ “chóng”");

    const { headers, parts } = parseMail(only(mailsTo(SOANTHAO)).raw);
    expect(decodeWords(headers.subject)).toBe(`[Cổ động] Yêu cầu chỉnh sửa: ${a.code}`);
    const body = parts["text/plain"].body;
    expect(body).toContain("Kính gửi Nguyễn Thị Hồng Nhung,");
    expect(body).toContain(`Mã ấn phẩm: ${a.code} (phiên bản 1)`);
    expect(body).toContain(`Khẩu hiệu: ${ASSET_TEXT}`);
    expect(body).toContain("Người thực hiện: Trần Minh Đức (Phòng Văn hóa - Xã hội)");
    expect(body).toContain("Lý do: Sai dấu/chính tả – Sai dấu ở chữ “chóng”");
    expect(body).toContain(`Xem ấn phẩm: ${ORIGIN}/asset/${a.assetId}`);
    expect(parts["text/html"].body).toContain("Sai dấu ở chữ “chóng”");
  });

  it("leaves out the actor even when they hold the role that is told", async () => {
    const both = await createUser(t.handle, {
      username: "kiemnhiem",
      displayName: "Hoàng Văn Kiêm",
      password: "HaiVaiTro@2026",
      roles: ["drafter", "office"],
      email: "kiemnhiem@lacphuong.example",
    });
    submitted(both.id);
    await runNotifierOnce(opts());
    expect(inbox(both.id)).toEqual([]);
    expect(mailsTo("kiemnhiem@lacphuong.example")).toEqual([]);
    expect(inbox(USERS.office)).toHaveLength(1);
    expect(mailsTo(VANHOA)).toHaveLength(1);
  });

  it("gives a person who turned e-mail off the inbox entry only", async () => {
    setEmailNotifyMode(t.handle, { actorId: USERS.office, userId: USERS.office, mode: "off" });
    submitted();
    const res = await runNotifierOnce(opts());
    expect(res).toMatchObject({ entries: 1, sent: 0, failed: 0 });
    const entry = only(inbox(USERS.office));
    expect(listDeliveries(t.handle, entry.id)).toEqual([]);
    expect(smtp.received).toEqual([]);
  });

  it("gives a person without an address the inbox entry only", async () => {
    setUserEmail(t.handle, { actorId: USERS.admin, userId: USERS.office, email: null });
    submitted();
    await runNotifierOnce(opts());
    expect(inbox(USERS.office)).toHaveLength(1);
    expect(smtp.received).toEqual([]);
  });

  it("tells the asset's creator about a comment, not its author", async () => {
    const a = submitted();
    const c = addComment(t.handle, {
      assetId: a.assetId,
      authorId: USERS.office,
      body: "Nên tăng cỡ chữ dòng 2.",
    });
    enqueueCommentNotify(t.handle, {
      assetId: a.assetId,
      code: a.code,
      commentId: c.id,
      notifyRoles: [],
      notifyUserIds: [USERS.drafter, USERS.office],
    });
    await runNotifierOnce(opts());
    const entry = only(inbox(USERS.drafter));
    expect(entry).toMatchObject({
      kind: "COMMENT",
      commentId: c.id,
      auditId: null,
      title: `Ý kiến mới: ${a.code}`,
    });
    expect(inbox(USERS.office).map((e) => e.kind)).toEqual(["SUBMIT"]);
    const { headers, parts } = parseMail(only(mailsTo(SOANTHAO)).raw);
    expect(decodeWords(headers.subject)).toBe(`[Cổ động] Ý kiến mới: ${a.code}`);
    expect(parts["text/plain"].body).toContain("Nội dung ý kiến: Nên tăng cỡ chữ dòng 2.");
  });

  it("closes a delivery the server refuses for good and still sends the others", async () => {
    const other = await secondOfficeUser();
    smtp.refuse.add(VANHOA);
    submitted();
    const res = await runNotifierOnce(opts());
    expect(res).toMatchObject({ notices: 1, sent: 1, failed: 0 });
    const refused = only(listDeliveries(t.handle, only(inbox(USERS.office)).id));
    expect(refused).toMatchObject({ status: "failed", address: VANHOA });
    expect(refused.lastError).toMatch(/550/);
    expect(only(listDeliveries(t.handle, only(inbox(other.id)).id)).status).toBe("sent");
    expect(mailsTo("vanhoa2@lacphuong.example")).toHaveLength(1);
  });
});

describe("the daily digest", () => {
  it("holds a digest user's e-mails until the digest time, then sends one listing both", async () => {
    setEmailNotifyMode(t.handle, { actorId: USERS.office, userId: USERS.office, mode: "digest" });
    const a = submitted();
    const b = submitted();
    const first = await runNotifierOnce(opts());
    expect(first).toMatchObject({ notices: 2, entries: 2, sent: 0, digests: 0 });
    expect(smtp.received).toEqual([]);
    expect(inbox(USERS.office)).toHaveLength(2);

    const [digestJob] = listOutbox<{ date: string; dueAt: string }>(t.handle, { kind: NOTIFY_DIGEST_KIND });
    expect(digestJob.status).toBe("pending");
    // 07:00 in Asia/Ho_Chi_Minh is 00:00 UTC.
    expect(digestJob.payload.dueAt).toMatch(/T00:00:00\.000Z$/);
    expect(digestJob.availableAt).toBe(digestJob.payload.dueAt);
    const due = Date.parse(digestJob.payload.dueAt);

    const early = await runNotifierOnce(opts({ now: new Date(due - 60_000) }));
    expect(early.digests).toBe(0);
    expect(smtp.received).toEqual([]);

    const run = await runNotifierOnce(opts({ now: new Date(due + 1000) }));
    expect(run).toMatchObject({ digests: 1, sent: 1 });
    const mail = only(mailsTo(VANHOA));
    const { headers, parts } = parseMail(mail.raw);
    const [y, m, d] = digestJob.payload.date.split("-");
    expect(decodeWords(headers.subject)).toBe(`[Cổ động] Tổng hợp thông báo ngày ${d}/${m}/${y} (2 việc)`);
    expect(headers["message-id"]).toBe(
      `<cd.digest.${digestJob.payload.date}.${USERS.office}@lacphuong.example>`,
    );
    const body = parts["text/plain"].body;
    expect(body).toContain(`1. Chờ thẩm định: ${a.code}`);
    expect(body).toContain(`2. Chờ thẩm định: ${b.code}`);
    expect(body).toContain(`${ORIGIN}/asset/${a.assetId}`);
    expect(body).toContain(`${ORIGIN}/asset/${b.assetId}`);
    for (const e of inbox(USERS.office)) {
      expect(only(listDeliveries(t.handle, e.id))).toMatchObject({ batch: "digest", status: "sent" });
    }

    // The next day's digest is queued; nothing is sent twice.
    await runNotifierOnce(opts({ now: new Date(due + 2000) }));
    expect(smtp.received).toHaveLength(1);
    const jobs = listOutbox<{ date: string }>(t.handle, { kind: NOTIFY_DIGEST_KIND });
    expect(jobs.map((j) => j.status)).toEqual(["done", "pending"]);
    expect(Date.parse(jobs[1].availableAt) - due).toBe(86_400_000);
  });

  it("drops waiting digest items of a person who turned e-mail off meanwhile", async () => {
    setEmailNotifyMode(t.handle, { actorId: USERS.office, userId: USERS.office, mode: "digest" });
    submitted();
    await runNotifierOnce(opts());
    setEmailNotifyMode(t.handle, { actorId: USERS.office, userId: USERS.office, mode: "off" });
    const [job] = listOutbox<{ dueAt: string }>(t.handle, { kind: NOTIFY_DIGEST_KIND });
    await runNotifierOnce(opts({ now: new Date(Date.parse(job.payload.dueAt) + 1000) }));
    expect(smtp.received).toEqual([]);
    expect(only(listDeliveries(t.handle, only(inbox(USERS.office)).id)).status).toBe("skipped");
  });
});

describe("failures", () => {
  it("an SMTP server that is down delays the e-mail with backoff; it arrives once when the server is back", async () => {
    await smtp.stop();
    const a = submitted();
    const down = await runNotifierOnce(opts());
    expect(down).toMatchObject({ notices: 0, failed: 1, pending: 1, sent: 0 });
    // The inbox does not wait for the mail server.
    const entry = only(inbox(USERS.office));
    const job = getOutboxJobByDedupeKey(t.handle, notifyDedupeKey(a.auditId))!;
    expect(job).toMatchObject({ status: "pending", attempts: 1 });
    expect(job.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(Date.parse(job.availableAt) - Date.now()).toBeGreaterThan(20_000);
    const delivery = only(listDeliveries(t.handle, entry.id));
    expect(delivery).toMatchObject({ status: "pending", attempts: 1 });
    expect(delivery.lastError).toBeTruthy();
    expect(logs.some((l) => l.startsWith("warn:") && l.includes("failed"))).toBe(true);

    await smtp.start();
    // Before the backoff ends nothing is retried.
    const early = await runNotifierOnce(opts());
    expect(early).toMatchObject({ notices: 0, pending: 1 });
    expect(smtp.received).toEqual([]);

    // Down again for the second attempt: still retrying, never given up (attempts are not used up).
    await smtp.stop();
    for (let i = 0; i < 12; i++) {
      const at = new Date(Date.parse(getOutboxJob(t.handle, job.id)!.availableAt) + 1000);
      await runNotifierOnce(opts({ now: at }));
    }
    expect(getOutboxJob(t.handle, job.id)).toMatchObject({ status: "pending", attempts: 13 });
    await smtp.start();

    const at = new Date(Date.parse(getOutboxJob(t.handle, job.id)!.availableAt) + 1000);
    const back = await runNotifierOnce(opts({ now: at }));
    expect(back).toMatchObject({ notices: 1, sent: 1, entries: 0, pending: 0 });
    expect(only(mailsTo(VANHOA)).to).toEqual([VANHOA]);
    expect(only(listDeliveries(t.handle, entry.id))).toMatchObject({
      status: "sent",
      attempts: 14,
      lastError: null,
    });
    expect(inbox(USERS.office)).toHaveLength(1);

    await runNotifierOnce(opts({ now: new Date(at.getTime() + 3600_000) }));
    expect(smtp.received).toHaveLength(1);
  });

  it("a job run again after a crash between sending and completing sends nothing twice", async () => {
    const other = await secondOfficeUser();
    const a = submitted();
    await runNotifierOnce(opts({ workerId: "crashed" }));
    expect(smtp.received).toHaveLength(2);
    const job = getOutboxJobByDedupeKey(t.handle, notifyDedupeKey(a.auditId))!;
    // The database as the crashed worker left it: e-mails recorded as sent, the job still claimed.
    t.handle.conn
      .prepare(
        `UPDATE outbox SET status = 'processing', completed_at = NULL, locked_by = 'crashed',
           locked_until = '2000-01-01T00:00:00.000Z' WHERE id = ?`,
      )
      .run(job.id);
    const rerun = await runNotifierOnce(opts({ workerId: "restarted" }));
    expect(rerun).toMatchObject({ notices: 1, entries: 0, sent: 0 });
    expect(getOutboxJob(t.handle, job.id)?.status).toBe("done");
    expect(smtp.received).toHaveLength(2);
    expect(inbox(USERS.office)).toHaveLength(1);
    expect(inbox(other.id)).toHaveLength(1);
  });

  it("a crash between the server accepting and the record resends under the same Message-ID", async () => {
    const a = submitted();
    await runNotifierOnce(opts());
    const entry = only(inbox(USERS.office));
    const job = getOutboxJobByDedupeKey(t.handle, notifyDedupeKey(a.auditId))!;
    t.handle.conn
      .prepare("UPDATE notification_deliveries SET status = 'pending', sent_at = NULL, message_id = NULL")
      .run();
    t.handle.conn
      .prepare(
        `UPDATE outbox SET status = 'processing', completed_at = NULL, locked_by = 'crashed',
           locked_until = '2000-01-01T00:00:00.000Z' WHERE id = ?`,
      )
      .run(job.id);
    await runNotifierOnce(opts());
    const [first, second] = mailsTo(VANHOA).map((m: ReceivedMail) => parseMail(m.raw).headers["message-id"]);
    expect(second).toBe(first);
    expect(first).toBe(`<cd.notice.${entry.id}.${a.assetId}@lacphuong.example>`);
  });

  it("with SMTP_URL unset writes the inbox only and says e-mail is off", async () => {
    submitted();
    const res = await runNotifierOnce(opts({ smtpUrl: undefined }));
    expect(res).toMatchObject({ notices: 1, entries: 1, sent: 0, failed: 0, pending: 0 });
    expect(logs).toContain("info: e-mail is off (SMTP_URL is not set): notices go to the in-app inbox only");
    const entry = only(inbox(USERS.office));
    expect(listDeliveries(t.handle, entry.id)).toEqual([]);
    expect(listOutbox(t.handle, { kind: NOTIFY_DIGEST_KIND })).toEqual([]);
    expect(listOutbox(t.handle, { kind: NOTIFY_KIND }).map((j) => j.status)).toEqual(["done"]);
    expect(smtp.received).toEqual([]);
  });

  it("refuses malformed settings at once", async () => {
    await expect(runNotifierOnce(opts({ smtpUrl: "http://mail.example" }))).rejects.toMatchObject({
      code: "NOTIFIER_CONFIG",
    });
    await expect(runNotifierOnce(opts({ digestTime: "7h" }))).rejects.toMatchObject({
      code: "NOTIFIER_CONFIG",
    });
    await expect(runNotifierOnce(opts({ publicOrigin: null }))).rejects.toMatchObject({
      code: "NOTIFIER_CONFIG",
    });
    expect(() => startNotifier({ ...opts({ timeZone: "Asia/Lac_Phuong" }), db: () => t.handle })).toThrow(
      /time zone/,
    );
  });
});

describe("the background loop", () => {
  it("runs passes until stopped and logs that e-mail is on", async () => {
    startNotifier({ ...opts(), db: () => t.handle, intervalMs: 1000 });
    const a = submitted();
    const deadline = Date.now() + 10_000;
    while (mailsTo(VANHOA).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await stopNotifier();
    expect(decodeWords(parseMail(only(mailsTo(VANHOA)).raw).headers.subject)).toBe(
      `[Cổ động] Chờ thẩm định: ${a.code}`,
    );
    expect(logs.some((l) => l.startsWith(`info: e-mail is on: smtp://127.0.0.1:${smtp.port}`))).toBe(true);
    // The password never reaches the log.
    expect(logs.join("\n")).not.toContain("mật");
  });

  it("takes any channel through the same interface (the seam a Zalo OA sender plugs into)", async () => {
    const seen: string[] = [];
    const zalo: NotificationChannel = {
      id: "zalo",
      reach: (p) => (p.userId === USERS.office ? { address: "zalo-follower-1", batch: "instant" } : null),
      async sendNotice(to, notice, key) {
        seen.push(`${to.address} ${notice.title} ${notice.reason?.label ?? "-"} ${key}`);
        return { messageId: `zalo:${key}` };
      },
      async sendDigest() {
        throw new Error("not used");
      },
      close() {},
    };
    const a = submitted();
    await runNotifierOnce(opts({ channels: [zalo] }));
    const entry = only(inbox(USERS.office));
    expect(seen).toEqual([`zalo-follower-1 Chờ thẩm định: ${a.code} - cd.notice.${entry.id}.${a.assetId}`]);
    expect(only(listDeliveries(t.handle, entry.id))).toMatchObject({
      channel: "zalo",
      status: "sent",
      messageId: `zalo:cd.notice.${entry.id}.${a.assetId}`,
    });
    expect(smtp.received).toEqual([]);
  });
});
