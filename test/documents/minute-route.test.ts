import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getAsset } from "../../storage/assets";
import { createSession, createUser } from "../../storage/users";
import { createAsset } from "../../workflows/service";
import { decide } from "../support/approved-asset";
import { fakeFiles, USERS } from "../support/db";
import { setEnv } from "../support/env";
import { appUnderTest } from "../support/remix-app";
import { type MinuteAsset, returnedThenApproved } from "./minute-fixture";
import { pdfInfo, pdfSig, pdfText, selfSignedP12 } from "./pdf-tools";

// GET /asset/<id>/minute.pdf through Remix's own request handler: who may read a minute (the
// server decides from the session), what a refusal looks like, and the signature when the
// settings name a key.

const app = await appUnderTest();
let a: MinuteAsset;
beforeAll(async () => {
  a = await returnedThenApproved(app.db.handle, "route");
});
afterEach(() => setEnv({ SIGNING_P12_PATH: undefined, SIGNING_P12_PASSWORD: undefined }));

function get(url: string, user: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (user) headers.cookie = `cd_session=${createSession(app.db.handle, user).token}`;
  return app.handle(new Request(`http://localhost${url}`, { headers }));
}

describe("who reads a minute", () => {
  it("office, approver, admin and the drafter who wrote it get the PDF, named after the asset code", async () => {
    for (const user of [USERS.office, USERS.approver, USERS.admin, USERS.drafter]) {
      const res = await get(`/asset/${a.assetId}/minute.pdf`, user);
      expect(res.status, user).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      const disposition = res.headers.get("content-disposition")!;
      expect(disposition).toContain(`attachment; filename="phieu-duyet-${a.code.toLowerCase()}-v2.pdf"`);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe(
        `Phiếu duyệt ${a.code} v2.pdf`,
      );
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      const pdf = new Uint8Array(await res.arrayBuffer());
      expect(pdfInfo(pdf).Pages).toBe("1");
      expect(pdfText(pdf)).toContain("PHIẾU DUYỆT ẤN PHẨM");
    }
  });

  it("the print shop, and a drafter who did not write it, are refused with 403", async () => {
    const printer = await get(`/asset/${a.assetId}/minute.pdf`, USERS.printer);
    expect(printer.status).toBe(403);
    expect(await printer.text()).toContain("được xem phiếu duyệt");
    const other = await createUser(app.db.handle, {
      username: "soanthao2",
      displayName: "Đỗ Văn Bình",
      password: "Mat-khau-du-dai-2026",
      roles: ["drafter"],
    });
    expect((await get(`/asset/${a.assetId}/minute.pdf`, other.id)).status).toBe(403);
  });

  it("without a session: to the sign-in page and back", async () => {
    const res = await get(`/asset/${a.assetId}/minute.pdf`, null);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(
      `/login?next=${encodeURIComponent(`/asset/${a.assetId}/minute.pdf`)}`,
    );
  });
});

describe("what it refuses", () => {
  it("a version never approved: 409; no such version or asset: 404; a bad version number: 400", async () => {
    const v1 = await get(`/asset/${a.assetId}/minute.pdf?v=1`, USERS.office);
    expect(v1.status).toBe(409);
    expect(await v1.text()).toBe("Phiên bản này chưa từng được phê duyệt nên chưa có phiếu duyệt.");
    expect((await get(`/asset/${a.assetId}/minute.pdf?v=7`, USERS.office)).status).toBe(404);
    expect((await get("/asset/khong-co/minute.pdf", USERS.office)).status).toBe(404);
    expect((await get(`/asset/${a.assetId}/minute.pdf?v=hai`, USERS.office)).status).toBe(400);
    const draft = createAsset(app.db.handle, {
      actor: { userId: USERS.drafter },
      planId: "cchc-2026",
      contentItemId: "cchc-2026:1.12",
      templateId: "traditional",
      formatId: "bang-ron-1x7",
      text: "Một cửa – một lần đến, trọn việc",
      files: fakeFiles("route-draft"),
    });
    decide(app.db.handle, draft.assetId, "SUBMIT", USERS.drafter);
    expect(getAsset(app.db.handle, draft.assetId)!.state).toBe("office_review");
    expect((await get(`/asset/${draft.assetId}/minute.pdf`, USERS.office)).status).toBe(409);
  });

  it("POST is not a way in: 405", async () => {
    const res = await app.handle(
      new Request(`http://localhost/asset/${a.assetId}/minute.pdf`, {
        method: "POST",
        headers: {
          cookie: `cd_session=${createSession(app.db.handle, USERS.office).token}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "",
      }),
    );
    expect(res.status).toBe(405);
  });
});

describe("signed by the key the settings name", () => {
  it("SIGNING_P12_PATH / SIGNING_P12_PASSWORD set: the minute passes pdfsig", async () => {
    const file = path.join(app.db.dir, "route.p12");
    writeFileSync(file, selfSignedP12("Cổ động thử nghiệm", "mat-khau-route"));
    setEnv({ SIGNING_P12_PATH: file, SIGNING_P12_PASSWORD: "mat-khau-route" });
    const res = await get(`/asset/${a.assetId}/minute.pdf`, USERS.approver);
    expect(res.status).toBe(200);
    const report = pdfSig(new Uint8Array(await res.arrayBuffer()));
    expect(report).toContain("Signature Validation: Signature is Valid.");
    expect(report).toContain("Signature Type: ETSI.CAdES.detached");
  });

  it("a wrong password: 503 with a Vietnamese message, the cause logged for the operator", async () => {
    const file = path.join(app.db.dir, "route-bad.p12");
    writeFileSync(file, selfSignedP12("Cổ động thử nghiệm", "dung"));
    setEnv({ SIGNING_P12_PATH: file, SIGNING_P12_PASSWORD: "sai" });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const res = await get(`/asset/${a.assetId}/minute.pdf`, USERS.approver);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("Không mở được tệp chứng thư số để ký");
      expect(log.mock.calls.flat().join(" ")).toContain("SIGNING_P12_INVALID");
    } finally {
      log.mockRestore();
    }
  });
});
