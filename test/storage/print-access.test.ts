/** What print shops and the public verify page get, with real SQLite and a real S3 server (Versity). */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../storage/audit";
import { getAsset, listDownloads, listPrintConfirmations } from "../../storage/assets";
import { S3ObjectStore } from "../../storage/objects/index.server";
import {
  confirmPrinted,
  issueDownloadLink,
  listPublishedForPrinter,
  PrintAccessError,
  verifyByCode,
  verifyFile,
} from "../../storage/print-access";
import { runPublisherOnce } from "../../jobs/publisher";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";
import { startVersity, type VersityServer } from "../support/versitygw";

let gw: VersityServer;
let t: TempDb;
let store: S3ObjectStore;
let bucketN = 0;

beforeAll(async () => {
  gw = await startVersity();
});
afterAll(async () => {
  await gw?.dispose();
});
beforeEach(async () => {
  t = await seededDb();
  store = new S3ObjectStore({
    endPoint: gw.endpoint,
    port: gw.port,
    useSSL: false,
    accessKey: gw.accessKey,
    secretKey: gw.secretKey,
    region: gw.region,
    bucket: `print-${process.pid}-${++bucketN}`,
    publicUrl: gw.url,
  });
});
afterEach(() => t.cleanup());

type Step = "SUBMIT" | "FORWARD" | "APPROVE" | "REVOKE";

function act(assetId: string, type: Step, user: string) {
  const asset = getAsset(t.handle, assetId)!;
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: {
      type,
      actor: { userId: user },
      ...(type === "REVOKE" ? { reason: { code: "off_plan" as const, text: "Sai mục kế hoạch" } } : {}),
    },
  });
}

/** An asset taken as far as `until` ("draft" = just created). */
function asset(label: string, until: "draft" | "approved" = "approved") {
  const files = fakeFiles(label);
  const created = createAsset(t.handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "traditional",
    formatId: "bang-ron-1x7",
    title: `Băng rôn dịch vụ công (${label})`,
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    placement: "road",
    quantity: 4,
    files,
  });
  if (until === "approved") {
    act(created.assetId, "SUBMIT", USERS.drafter);
    act(created.assetId, "FORWARD", USERS.office);
    act(created.assetId, "APPROVE", USERS.approver);
  }
  return { ...created, files };
}

async function published(label: string) {
  const a = asset(label);
  expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ published: 1 });
  return a;
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<PrintAccessError> {
  const err = await (typeof p === "function" ? Promise.resolve().then(p) : p).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PrintAccessError);
  const e = err as PrintAccessError;
  expect(e.messageVi.length).toBeGreaterThan(10);
  return e;
}

const link = (assetId: string, over: Partial<Parameters<typeof issueDownloadLink>[0]> = {}) =>
  issueDownloadLink({
    db: t.handle,
    store,
    assetId,
    userId: USERS.printer,
    roles: ["printer"],
    kind: "pdf",
    ...over,
  });

describe("listPublishedForPrinter", () => {
  it("lists published assets only, with a spec sheet", async () => {
    const p = await published("pub");
    asset("draft-only", "draft");
    asset("approved-not-uploaded"); // approved after the publisher ran: not uploaded yet
    const list = listPublishedForPrinter(t.handle);
    expect(list.map((x) => x.assetId)).toEqual([p.assetId]);
    const [item] = list;
    expect(item).toMatchObject({
      code: p.code,
      title: "Băng rôn dịch vụ công (pub)",
      contentItem: { code: "1.12" },
      version: { n: 1, contentHash: p.versionHash, verifyCode: p.verifyCode },
      spec: {
        formatId: "bang-ron-1x7",
        formatLabel: "Băng rôn 1 × 7 m",
        formatKind: "banner",
        trimWidthMm: 7000,
        trimHeightMm: 1000,
        bleedMm: 10,
        quantity: 4,
        placement: "road",
        placementLabel: "Trục đường chính",
      },
      lastConfirmation: null,
    });
    expect(item.spec.materialHint).toMatch(/hiflex/);
    expect(item.contentItem?.title.length).toBeGreaterThan(5);
    expect(item.files.map((f) => f.kind)).toEqual(["pdf", "png"]);
    expect(item.approvedBy).toBeTruthy();
    expect(Date.parse(item.publishedAt)).toBeGreaterThan(Date.parse(item.approvedAt!) - 1);
  });

  it("drops an asset once it is revoked", async () => {
    const p = await published("gone");
    act(p.assetId, "REVOKE", USERS.approver);
    expect(listPublishedForPrinter(t.handle)).toEqual([]);
  });
});

describe("issueDownloadLink", () => {
  it("gives a printer a working short-lived link and logs it", async () => {
    const p = await published("dl");
    const l = await link(p.assetId, { ip: "203.0.113.7", userAgent: "curl/8" });
    expect(Date.parse(l.expiresAt) - Date.now()).toBeGreaterThan(290_000);
    const res = await fetch(l.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(p.files.pdf))).toBe(true);
    expect(res.headers.get("content-disposition")).toContain(`${p.code}-v1-bang-ron-1x7.pdf`);

    const png = await link(p.assetId, { kind: "png" });
    expect((await fetch(png.url)).status).toBe(200);

    const logged = listDownloads(t.handle, p.assetId);
    expect(logged.map((d) => [d.user_id, d.version_id, d.file_kind])).toEqual([
      [USERS.printer, p.versionId, "pdf"],
      [USERS.printer, p.versionId, "png"],
    ]);
    const ip = t.handle.conn.prepare("SELECT ip, user_agent FROM downloads WHERE id = ?").get(l.downloadId);
    expect(ip).toEqual({ ip: "203.0.113.7", user_agent: "curl/8" });
  });

  it("an admin may fetch too", async () => {
    const p = await published("admin");
    const l = await link(p.assetId, { userId: USERS.admin, roles: ["admin"] });
    expect((await fetch(l.url)).status).toBe(200);
  });

  it("expires: a 1 s link answers 403 after ~2 s", async () => {
    const p = await published("expiry");
    const l = await link(p.assetId, { expiresSeconds: 1 });
    expect((await fetch(l.url)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2200));
    expect((await fetch(l.url)).status).toBe(403);
  });

  it("refuses non-printers, unpublished, revoked and unknown assets — and logs none of them", async () => {
    const p = await published("refuse");
    const draft = asset("draft", "draft");
    const approved = asset("approved"); // not uploaded yet

    expect((await refusal(link(p.assetId, { userId: USERS.drafter, roles: ["drafter"] }))).code).toBe(
      "FORBIDDEN",
    );
    // Claiming the role in the request does not grant it: the database decides.
    expect((await refusal(link(p.assetId, { userId: USERS.approver, roles: ["printer"] }))).code).toBe(
      "FORBIDDEN",
    );
    // The session may narrow the roles (e.g. acting as something else), never widen them.
    expect((await refusal(link(p.assetId, { roles: [] }))).code).toBe("FORBIDDEN");
    expect((await refusal(link(draft.assetId))).code).toBe("NOT_PUBLISHED");
    expect((await refusal(link(approved.assetId))).code).toBe("NOT_PUBLISHED");
    expect((await refusal(link("no-such-asset"))).code).toBe("NOT_FOUND");
    expect((await refusal(link(p.assetId, { expiresSeconds: 0 }))).code).toBe("INVALID_INPUT");

    act(p.assetId, "REVOKE", USERS.approver);
    // Refused at once, before the publisher has even processed the revoke job…
    expect((await refusal(link(p.assetId))).code).toBe("REVOKED");
    // …and after it (objects withdrawn) as well.
    expect(await runPublisherOnce({ db: t.handle, store })).toMatchObject({ withdrawn: 1 });
    expect((await refusal(link(p.assetId))).code).toBe("REVOKED");

    const n = t.handle.conn.prepare("SELECT count(*) AS n FROM downloads").get() as { n: number };
    expect(n.n).toBe(0);
  });
});

describe("confirmPrinted", () => {
  it("records the confirmation and an audit event without changing the state", async () => {
    const p = await published("print");
    const c = confirmPrinted({
      db: t.handle,
      assetId: p.assetId,
      userId: USERS.printer,
      status: "printed",
      quantity: 4,
      note: "  Đã in 4 băng rôn, giao thứ Hai  ",
    });
    confirmPrinted({ db: t.handle, assetId: p.assetId, userId: USERS.printer, status: "delivered" });
    expect(listPrintConfirmations(t.handle, p.assetId).map((r) => [r.status, r.quantity, r.note])).toEqual([
      ["printed", 4, "Đã in 4 băng rôn, giao thứ Hai"],
      ["delivered", null, null],
    ]);
    const ev = t.handle.conn.prepare("SELECT * FROM audit_events WHERE id = ?").get(c.auditId) as {
      action: string;
      actor_role: string;
      to_state: string;
      comment: string;
    };
    expect(ev).toMatchObject({ action: "PRINTED", actor_role: "printer", to_state: "published" });
    expect(ev.comment).toContain("đã in 4 bản");
    expect(getAsset(t.handle, p.assetId)!.state).toBe("published");
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: true });
    expect(listPublishedForPrinter(t.handle)[0].lastConfirmation?.status).toBe("delivered");
  });

  it("refuses non-printers and unpublished or revoked assets", async () => {
    const p = await published("confirm-refuse");
    const draft = asset("d", "draft");
    const base = { db: t.handle, status: "printed" as const };
    expect(
      (await refusal(() => confirmPrinted({ ...base, assetId: p.assetId, userId: USERS.drafter }))).code,
    ).toBe("FORBIDDEN");
    expect(
      (await refusal(() => confirmPrinted({ ...base, assetId: draft.assetId, userId: USERS.printer }))).code,
    ).toBe("NOT_PUBLISHED");
    act(p.assetId, "REVOKE", USERS.approver);
    expect(
      (await refusal(() => confirmPrinted({ ...base, assetId: p.assetId, userId: USERS.printer }))).code,
    ).toBe("REVOKED");
    expect(listPrintConfirmations(t.handle, p.assetId)).toEqual([]);
  });
});

describe("verifyByCode / verifyFile", () => {
  it("published: details for the public page; the code may be typed loosely", async () => {
    const p = await published("verify");
    const v = verifyByCode(t.handle, p.verifyCode);
    expect(v).toMatchObject({
      status: "published",
      assetCode: p.code,
      title: "Băng rôn dịch vụ công (verify)",
      format: "Băng rôn 1 × 7 m",
      version: 1,
      contentHash: p.versionHash,
      superseded: false,
    });
    expect(v.approvedBy).toBeTruthy();
    expect(v.approvedAt).toBeTruthy();
    expect(v.publishedAt).toBeTruthy();
    const loose = `${p.verifyCode.slice(0, 4).toLowerCase()}-${p.verifyCode.slice(4)}`;
    expect(verifyByCode(t.handle, loose).status).toBe("published");
  });

  it("unknown, pending, approved and revoked codes", async () => {
    expect(verifyByCode(t.handle, "ZZZZZZZZ")).toMatchObject({ status: "unknown", assetCode: null });
    expect(verifyByCode(t.handle, "not a code at all; DROP TABLE").status).toBe("unknown");
    const draft = asset("pending", "draft");
    expect(verifyByCode(t.handle, draft.verifyCode)).toMatchObject({ status: "pending", approvedBy: null });
    const approved = asset("approved");
    expect(verifyByCode(t.handle, approved.verifyCode)).toMatchObject({
      status: "approved",
      publishedAt: null,
    });
    act(approved.assetId, "REVOKE", USERS.approver);
    const r = verifyByCode(t.handle, approved.verifyCode);
    expect(r).toMatchObject({ status: "revoked" });
    expect(r.revokedAt).toBeTruthy();
    expect(r.messageVi).toMatch(/thu hồi/);
  });

  it("verifyFile: identical bytes match, one changed byte does not", async () => {
    const p = await published("file");
    const ok = verifyFile(t.handle, p.verifyCode, p.files.pdf);
    expect(ok).toMatchObject({
      identical: true,
      sha256: p.versionHash,
      matchedKind: "pdf",
      status: "published",
    });
    expect(verifyFile(t.handle, p.verifyCode, p.files.png)).toMatchObject({
      identical: true,
      matchedKind: "png",
    });
    const tampered = Buffer.from(p.files.pdf);
    tampered[tampered.length - 3] ^= 0x01;
    const bad = verifyFile(t.handle, p.verifyCode, tampered);
    expect(bad.identical).toBe(false);
    expect(bad.sha256).not.toBe(p.versionHash);
    expect(verifyFile(t.handle, "ZZZZZZZZ", p.files.pdf)).toMatchObject({
      identical: false,
      status: "unknown",
    });
  });
});
