import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import { isWorkflowError } from "../../domain/workflow-error";
import { ASSET_MACHINE_ID, ASSET_MACHINE_VERSION } from "../../workflows/asset-machine";
import { applyAssetEvent, createVersion } from "../../workflows/service";
import { type RawSnapshot, upgradeSnapshot } from "../../workflows/snapshot";
import { fakeFiles, ON_POSTGRES, seededDb, type TempDb, USERS } from "../support/db";
import { newDraft, refusal, uncaughtDuring as uncaughtFor } from "../support/workflow";

// Issue 11, A1: a stored snapshot the machine does not know (a state renamed by a later release, a
// version from the future, a context missing what the guards read) is refused for that asset only,
// with SNAPSHOT_UNKNOWN, nothing written — and nothing is left behind to throw later and end the
// process, which is what an XState actor restored from such a snapshot did.

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

let n = 0;
function newAsset(actor: string = USERS.drafter) {
  n++;
  return newDraft(t.handle, actor, fakeFiles(`snapshot-${n}`));
}

function decide(assetId: string, type: string, userId: string) {
  const asset = getAsset(t.handle, assetId)!;
  const reason = ["RETURN", "REJECT", "REVOKE"].includes(type)
    ? { reason: { code: "diacritics" as const, text: "Sai dấu" } }
    : {};
  return applyAssetEvent(t.handle, {
    assetId,
    versionHash: asset.currentVersionHash!,
    event: { type: type as "SUBMIT", actor: { userId }, ...reason },
  });
}

function rawSnapshot(assetId: string): RawSnapshot {
  return JSON.parse(getAsset(t.handle, assetId)!.snapshotJson) as RawSnapshot;
}

function setSnapshot(assetId: string, snapshot: unknown) {
  const json = typeof snapshot === "string" ? snapshot : JSON.stringify(snapshot);
  t.handle.conn.prepare("UPDATE assets SET snapshot_json = ? WHERE id = ?").run(json, assetId);
}

function setStamp(assetId: string, machineId: string | null, machineVersion: number | null) {
  t.handle.conn
    .prepare("UPDATE assets SET machine_id = ?, machine_version = ? WHERE id = ?")
    .run(machineId, machineVersion, assetId);
}

function stamp(assetId: string) {
  return t.handle.conn
    .prepare("SELECT machine_id, machine_version FROM assets WHERE id = ?")
    .get(assetId) as { machine_id: string | null; machine_version: number | null };
}

/** Uncaught errors while `fn` runs and for `waitMs` (300) after. */
function uncaughtDuring(fn: () => void | Promise<void>, waitMs = 300): Promise<unknown[]> {
  return uncaughtFor(fn, waitMs);
}

describe("a snapshot naming a state the machine lacks", () => {
  it("is refused with SNAPSHOT_UNKNOWN for that asset only: no row changes, other assets still decide, nothing thrown later", async () => {
    const bad = newAsset();
    const good = newAsset();
    // What a release that renamed "draft" would leave behind in rows it never touched.
    setSnapshot(bad.assetId, { ...rawSnapshot(bad.assetId), value: "dang_soan" });

    const uncaught = await uncaughtDuring(() => {
      const e = refusal(t.handle, () => decide(bad.assetId, "SUBMIT", USERS.drafter));
      expect(e.code).toBe("SNAPSHOT_UNKNOWN");
      expect(e.messageVi).toMatch(/^Không đọc được trạng thái quy trình duyệt đã lưu của ấn phẩm này/);
      expect(e.details).toMatchObject({ reason: "state", value: "dang_soan", assetId: bad.assetId });
      // An edit restores the same snapshot and is refused the same way, before a version is written.
      const edit = refusal(t.handle, () =>
        createVersion(t.handle, {
          assetId: bad.assetId,
          actor: { userId: USERS.drafter },
          baseVersionHash: bad.versionHash,
          text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
          files: fakeFiles("snapshot-edit"),
        }),
      );
      expect(edit.code).toBe("SNAPSHOT_UNKNOWN");

      expect(decide(good.assetId, "SUBMIT", USERS.drafter).toState).toBe("office_review");
      expect(decide(good.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
    });
    expect(uncaught).toEqual([]);
    expect(getAsset(t.handle, bad.assetId)!.state).toBe("draft");
  });

  it("whatever the unknown name and whichever decision: refused, never an uncaught error", async () => {
    const a = newAsset();
    const uncaught = await uncaughtDuring(() => {
      for (const value of ["in_office_review", "", "DRAFT", "toString", "__proto__"]) {
        setSnapshot(a.assetId, { ...rawSnapshot(a.assetId), value });
        for (const [type, by] of [
          ["SUBMIT", USERS.drafter],
          ["WITHDRAW", USERS.drafter],
          ["FORWARD", USERS.office],
          ["RETURN", USERS.office],
          ["APPROVE", USERS.approver],
          ["REJECT", USERS.approver],
          ["REVOKE", USERS.approver],
        ]) {
          const e = refusal(t.handle, () => decide(a.assetId, type, by));
          expect([e.code, value, type]).toEqual(["SNAPSHOT_UNKNOWN", value, type]);
        }
      }
    });
    expect(uncaught).toEqual([]);
  });
});

describe("machine id and version stamped beside the snapshot", () => {
  it("a new asset and every write carry the machine id and version", () => {
    const a = newAsset();
    expect(stamp(a.assetId)).toEqual({
      machine_id: ASSET_MACHINE_ID,
      machine_version: ASSET_MACHINE_VERSION,
    });
    decide(a.assetId, "SUBMIT", USERS.drafter);
    expect(stamp(a.assetId)).toEqual({ machine_id: "asset", machine_version: 1 });
  });

  it("a row written before migration 004 (no id, no version) is read as version 1, decides, and is stamped on the write", () => {
    const a = newAsset();
    setStamp(a.assetId, null, null);
    expect(getAsset(t.handle, a.assetId)).toMatchObject({ machineId: null, machineVersion: null });
    expect(decide(a.assetId, "SUBMIT", USERS.drafter).toState).toBe("office_review");
    expect(stamp(a.assetId)).toEqual({ machine_id: "asset", machine_version: 1 });
    expect(decide(a.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
    expect(decide(a.assetId, "APPROVE", USERS.approver).toState).toBe("approved");
  });

  it("a version-1 snapshot from before separation of duties (no submittedBy/forwardedBy) still works", () => {
    const a = newAsset();
    decide(a.assetId, "SUBMIT", USERS.drafter);
    const {
      submittedBy: _s,
      forwardedBy: _f,
      ...oldContext
    } = rawSnapshot(a.assetId).context as Record<string, unknown>;
    setSnapshot(a.assetId, { ...rawSnapshot(a.assetId), context: oldContext });
    setStamp(a.assetId, null, null);
    expect(decide(a.assetId, "FORWARD", USERS.office).toState).toBe("awaiting_approval");
    expect(decide(a.assetId, "APPROVE", USERS.approver).toState).toBe("approved");
    expect(rawSnapshot(a.assetId).context).toMatchObject({
      submittedBy: null,
      forwardedBy: USERS.office,
    });
  });

  it("a snapshot stamped with a future machine version is refused; the asset beside it decides", async () => {
    const future = newAsset();
    const other = newAsset();
    setStamp(future.assetId, ASSET_MACHINE_ID, ASSET_MACHINE_VERSION + 1);
    const uncaught = await uncaughtDuring(() => {
      const e = refusal(t.handle, () => decide(future.assetId, "SUBMIT", USERS.drafter));
      expect(e.code).toBe("SNAPSHOT_UNKNOWN");
      expect(e.details).toMatchObject({
        reason: "machine_version",
        machineVersion: ASSET_MACHINE_VERSION + 1,
      });
      expect(decide(other.assetId, "SUBMIT", USERS.drafter).toState).toBe("office_review");
    });
    expect(uncaught).toEqual([]);
  });

  it("an unknown machine id, a version below 1, or one that is not an integer is refused", () => {
    const a = newAsset();
    for (const [id, version, reason] of [
      ["poster", 1, "machine_id"],
      ["asset", 0, "machine_version"],
      ["asset", -3, "machine_version"],
      ["asset", 1.5, "machine_version"],
    ] as const) {
      if (ON_POSTGRES && !Number.isInteger(version)) {
        // PostgreSQL's INTEGER column cannot even hold it; SQLite's can, so the machine must refuse it.
        expect(() => setStamp(a.assetId, id, version)).toThrow(/invalid input syntax for type integer/);
        continue;
      }
      setStamp(a.assetId, id, version);
      const e = refusal(t.handle, () => decide(a.assetId, "SUBMIT", USERS.drafter));
      expect([e.code, e.details?.reason]).toEqual(["SNAPSHOT_UNKNOWN", reason]);
    }
  });
});

describe("what a restored snapshot must hold", () => {
  const cases: [string, (s: RawSnapshot) => unknown, string][] = [
    ["not JSON", () => "{not json", "json"],
    ["JSON null", () => null, "json"],
    ["an array", () => [], "json"],
    [
      "no currentVersionHash",
      (s) => ({ ...s, context: { ...(s.context as object), currentVersionHash: undefined } }),
      "context",
    ],
    ["no context", (s) => ({ ...s, context: undefined }), "context"],
    [
      "lastReason with an unknown code",
      (s) => ({ ...s, context: { ...(s.context as object), lastReason: { code: "x", text: "" } } }),
      "context",
    ],
    [
      "submittedBy a number",
      (s) => ({ ...s, context: { ...(s.context as object), submittedBy: 7 } }),
      "context",
    ],
    ["status error", (s) => ({ ...s, status: "error" }), "status"],
    ["status done in a state that is not final", (s) => ({ ...s, status: "done" }), "status"],
    [
      "a child actor the machine never invokes",
      (s) => ({ ...s, children: { x: { snapshot: {} } } }),
      "children",
    ],
    ["a state value as an object", (s) => ({ ...s, value: { draft: "x" } }), "state"],
    [
      "a known state the row's state column contradicts",
      (s) => ({ ...s, value: "approved" }),
      "state_mismatch",
    ],
  ];
  for (const [name, mutate, reason] of cases) {
    it(`${name} → SNAPSHOT_UNKNOWN (${reason})`, async () => {
      const a = newAsset();
      setSnapshot(a.assetId, mutate(rawSnapshot(a.assetId)));
      const uncaught = await uncaughtDuring(() => {
        const e = refusal(t.handle, () => decide(a.assetId, "SUBMIT", USERS.drafter));
        expect([e.code, e.details?.reason]).toEqual(["SNAPSHOT_UNKNOWN", reason]);
      }, 50);
      expect(uncaught).toEqual([]);
    });
  }
});

describe("upgrades of older machine versions", () => {
  it("run in order from the stored version up to the current one", () => {
    const upgrades = {
      1: (s: RawSnapshot) => ({ ...s, value: s.value === "dang_soan" ? "draft" : s.value }),
      2: (s: RawSnapshot) => ({ ...s, context: { ...(s.context as object), upgradedTo3: true } }),
    };
    expect(upgradeSnapshot({ value: "dang_soan", context: {} }, 1, upgrades, 3)).toEqual({
      value: "draft",
      context: { upgradedTo3: true },
    });
    expect(upgradeSnapshot({ value: "draft" }, 3, upgrades, 3)).toEqual({ value: "draft" });
  });

  it("a version with no upgrade, or newer than the machine, is refused", () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isWorkflowError(e) ? [e.code, e.details?.reason] : e;
      }
      return "no refusal";
    };
    expect(code(() => upgradeSnapshot({}, 1, { 2: (s) => s }, 3))).toEqual([
      "SNAPSHOT_UNKNOWN",
      "machine_version",
    ]);
    expect(code(() => upgradeSnapshot({}, 4, {}, 3))).toEqual(["SNAPSHOT_UNKNOWN", "machine_version"]);
  });
});
