import { afterEach, beforeEach, expect, it } from "vitest";
import {
  backoffMs,
  claimOutbox,
  completeOutbox,
  enqueueOutbox,
  failOutbox,
  getOutboxJob,
} from "../../storage/outbox";
import { type TempDb, tempDb } from "../support/db";

let t: TempDb;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

const T0 = new Date("2026-03-01T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

it("enqueues once per dedupe key and hands a job to one worker at a time", () => {
  const id = enqueueOutbox(
    t.handle,
    { kind: "publish_asset", payload: { assetId: "a" }, dedupeKey: "publish:v1" },
    T0,
  );
  expect(
    enqueueOutbox(
      t.handle,
      { kind: "publish_asset", payload: { assetId: "a" }, dedupeKey: "publish:v1" },
      T0,
    ),
  ).toBe(id);
  const other = t.connect();
  const [job] = claimOutbox(t.handle, { workerId: "w1", now: T0, leaseMs: 60_000 });
  expect(job).toMatchObject({
    id,
    kind: "publish_asset",
    payload: { assetId: "a" },
    attempts: 1,
    status: "processing",
  });
  expect(claimOutbox(other, { workerId: "w2", now: at(1000) })).toEqual([]);
  expect(completeOutbox(other, id, "w2")).toBe(false);
  expect(completeOutbox(t.handle, id, "w1", at(2000))).toBe(true);
  expect(getOutboxJob(t.handle, id)).toMatchObject({ status: "done", completedAt: at(2000).toISOString() });
});

it("retries failures with growing backoff and gives up after max attempts", () => {
  const id = enqueueOutbox(t.handle, { kind: "publish_asset", payload: {}, maxAttempts: 3 }, T0);
  let now = T0;
  const seen: string[] = [];
  for (let attempt = 1; attempt <= 3; attempt++) {
    const [job] = claimOutbox(t.handle, { workerId: "w", now });
    expect(job.attempts).toBe(attempt);
    const r = failOutbox(t.handle, id, "w", "object store unavailable", now)!;
    seen.push(r.status);
    // Not claimable before the backoff has elapsed.
    expect(claimOutbox(t.handle, { workerId: "w", now: new Date(Date.parse(r.availableAt) - 1) })).toEqual(
      [],
    );
    expect(Date.parse(r.availableAt) - now.getTime()).toBe(backoffMs(attempt));
    now = new Date(r.availableAt);
  }
  expect(seen).toEqual(["pending", "pending", "dead"]);
  expect(getOutboxJob(t.handle, id)).toMatchObject({ status: "dead", lastError: "object store unavailable" });
  expect(backoffMs(1)).toBe(30_000);
  expect(backoffMs(2)).toBe(60_000);
  expect(backoffMs(50)).toBe(3_600_000);
});

it("a crashed worker's claim expires and the job is taken again", () => {
  const id = enqueueOutbox(t.handle, { kind: "notify", payload: {} }, T0);
  claimOutbox(t.handle, { workerId: "crashed", now: T0, leaseMs: 10_000 });
  expect(claimOutbox(t.handle, { workerId: "w2", now: at(9_999) })).toEqual([]);
  const [again] = claimOutbox(t.handle, { workerId: "w2", now: at(10_000) });
  expect(again).toMatchObject({ id, attempts: 2, lockedBy: "w2" });
  expect(completeOutbox(t.handle, id, "crashed")).toBe(false);
  expect(claimOutbox(t.handle, { workerId: "w3", kinds: ["publish_asset"], now: at(99_999_999) })).toEqual(
    [],
  );
});
