import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, it } from "vitest";
import { approvedAssetInDbFile } from "../support/approved-asset";
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
  const created = approvedAssetInDbFile(path.join(first.dataDir, "co-dong.sqlite"), "restart");
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
