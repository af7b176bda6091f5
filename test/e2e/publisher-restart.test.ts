import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../storage/db/connection";
import { applyAssetEvent, createAsset } from "../../workflows/service";
import { fakeFiles, USERS } from "../support/db";
import { startServer, type TestServer } from "./server";

// Issue 11 A8: after a kill -9 and a restart with no traffic, approved files waited until a
// request opened the database. The publisher now starts with the server.

let server: TestServer | undefined;
afterAll(async () => {
  await server?.stop();
});

function stateOf(dataDir: string, assetId: string): string {
  const db = new Database(path.join(dataDir, "co-dong.sqlite"), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT state FROM assets WHERE id = ?").get(assetId) as { state: string }).state;
  } finally {
    db.close();
  }
}

it("an approval waiting when the server was killed is published after a restart with no request at all", async () => {
  const first = await startServer({ PUBLISHER: "0" });
  // Approved while the server runs without a publisher, then the process is killed.
  const handle = openDatabase(path.join(first.dataDir, "co-dong.sqlite"));
  const created = createAsset(handle, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "co-dong-truyen-thong",
    formatId: "bang-ron-1x7",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    files: fakeFiles("restart"),
  });
  for (const [type, user] of [
    ["SUBMIT", USERS.drafter],
    ["FORWARD", USERS.office],
    ["APPROVE", USERS.approver],
  ] as const) {
    const hash = (
      handle.sqlite
        .prepare("SELECT content_hash FROM asset_versions WHERE id = ?")
        .get(created.versionId) as {
        content_hash: string;
      }
    ).content_hash;
    applyAssetEvent(handle, {
      assetId: created.assetId,
      versionHash: hash,
      event: { type, actor: { userId: user } },
    });
  }
  handle.close();
  expect(stateOf(first.dataDir, created.assetId)).toBe("approved");
  await first.crash();

  // Restarted with the publisher on; only a TCP connect tells us it listens: no HTTP request.
  server = await startServer({ PUBLISHER_INTERVAL_MS: "300" }, { dataDir: first.dataDir, ready: "tcp" });
  const deadline = Date.now() + 20_000;
  while (stateOf(server.dataDir, created.assetId) !== "published" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(stateOf(server.dataDir, created.assetId), server.log).toBe("published");
});
