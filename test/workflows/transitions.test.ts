import { ASSET_EVENT_TYPES } from "../../domain/decisions";
import { ASSET_STATES } from "../../domain/states";
import { ROLES, SYSTEM_ROLE } from "../../domain/roles";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAsset } from "../../storage/assets";
import type { DbHandle } from "../../storage/db/connection";
import { isWorkflowError } from "../../domain/workflow-error";
import {
  applyAssetEvent,
  applyAssetEventAs,
  createAsset,
  createVersion,
  markPublished,
} from "../../workflows/service";
import { fakeFiles, seededDb, type TempDb, USERS } from "../support/db";

// The spec, written independently of workflows/asset-machine.ts: [from, event, role, to].
const SPEC: [string, string, string, string][] = [
  ["draft", "SUBMIT", "drafter", "office_review"],
  ["draft", "EDIT", "drafter", "draft"],
  ["office_review", "FORWARD", "office", "awaiting_approval"],
  ["office_review", "RETURN", "office", "returned"],
  ["office_review", "WITHDRAW", "drafter", "withdrawn"],
  ["awaiting_approval", "APPROVE", "approver", "approved"],
  ["awaiting_approval", "RETURN", "approver", "returned"],
  ["awaiting_approval", "REJECT", "approver", "rejected"],
  ["awaiting_approval", "WITHDRAW", "drafter", "withdrawn"],
  ["approved", "PUBLISHED", "system", "published"],
  ["approved", "REVOKE", "approver", "revoked"],
  ["published", "REVOKE", "approver", "revoked"],
  ["returned", "SUBMIT", "drafter", "office_review"],
  ["returned", "EDIT", "drafter", "draft"],
  ["withdrawn", "SUBMIT", "drafter", "office_review"],
  ["withdrawn", "EDIT", "drafter", "draft"],
];

// How the test reaches each state from a fresh draft: [event, role].
const PATHS: Record<string, [string, string][]> = {
  draft: [],
  office_review: [["SUBMIT", "drafter"]],
  awaiting_approval: [
    ["SUBMIT", "drafter"],
    ["FORWARD", "office"],
  ],
  approved: [
    ["SUBMIT", "drafter"],
    ["FORWARD", "office"],
    ["APPROVE", "approver"],
  ],
  published: [
    ["SUBMIT", "drafter"],
    ["FORWARD", "office"],
    ["APPROVE", "approver"],
    ["PUBLISHED", "system"],
  ],
  returned: [
    ["SUBMIT", "drafter"],
    ["RETURN", "office"],
  ],
  withdrawn: [
    ["SUBMIT", "drafter"],
    ["WITHDRAW", "drafter"],
  ],
  rejected: [
    ["SUBMIT", "drafter"],
    ["FORWARD", "office"],
    ["REJECT", "approver"],
  ],
  revoked: [
    ["SUBMIT", "drafter"],
    ["FORWARD", "office"],
    ["APPROVE", "approver"],
    ["REVOKE", "approver"],
  ],
};

const ALL_ROLES = [...ROLES, SYSTEM_ROLE];
const REASON = { code: "diacritics", text: "Thiếu dấu ở chữ “hành chính”" } as const;

let t: TempDb;
let db: DbHandle;
let counter = 0;

function send(assetId: string, type: string, role: string): void {
  const asset = getAsset(db, assetId)!;
  const hash = asset.currentVersionHash!;
  if (type === "EDIT") {
    const userId = role === SYSTEM_ROLE ? "no-such-user" : USERS[role as keyof typeof USERS];
    createVersion(db, {
      assetId,
      actor: { userId },
      baseVersionHash: hash,
      text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
      files: fakeFiles(`edit-${++counter}`),
    });
    return;
  }
  const event = { type: type as "SUBMIT", reason: REASON };
  if (role === SYSTEM_ROLE) {
    if (type === "PUBLISHED") markPublished(db, { assetId, versionHash: hash });
    else applyAssetEventAs(db, { assetId, versionHash: hash, event }, { userId: null, roles: [SYSTEM_ROLE] });
    return;
  }
  applyAssetEvent(db, {
    assetId,
    versionHash: hash,
    event: { ...event, actor: { userId: USERS[role as keyof typeof USERS] } },
  });
}

function newAssetIn(state: string): string {
  const created = createAsset(db, {
    actor: { userId: USERS.drafter },
    planId: "cchc-2026",
    contentItemId: "cchc-2026:1.12",
    templateId: "test-template",
    formatId: "banner-0.8x5",
    text: "Dịch vụ công trực tuyến – nhanh chóng, minh bạch, tiện lợi",
    files: fakeFiles(`asset-${++counter}`),
  });
  for (const [type, role] of PATHS[state]) send(created.assetId, type, role);
  expect(getAsset(db, created.assetId)!.state).toBe(state);
  return created.assetId;
}

const count = (table: string) =>
  (db.conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

function assetFootprint(assetId: string) {
  return {
    asset: getAsset(db, assetId),
    audit: count("audit_events"),
    outbox: count("outbox"),
    versions: count("asset_versions"),
    files: count("version_files"),
    assets: count("assets"),
  };
}

beforeAll(async () => {
  t = await seededDb();
  db = t.handle;
});
afterAll(() => t.cleanup());

const cases = ASSET_STATES.flatMap((state) =>
  ASSET_EVENT_TYPES.flatMap((event) => ALL_ROLES.map((role) => ({ state, event, role }))),
);

describe(`every (state, event, role): ${cases.length} cases`, () => {
  it("covers the full product of the lists", () => {
    expect(cases.length).toBe(9 * 9 * 6);
  });

  it.each(cases)("$state + $event by $role", ({ state, event, role }) => {
    const assetId = newAssetIn(state);
    const before = assetFootprint(assetId);
    const allowed = SPEC.find(([f, e, r]) => f === state && e === event && r === role);
    const stateReacts = SPEC.some(([f, e]) => f === state && e === event);

    let error: unknown;
    try {
      send(assetId, event, role);
    } catch (e) {
      error = e;
    }

    const after = assetFootprint(assetId);
    if (allowed) {
      expect(error).toBeUndefined();
      expect(after.asset!.state).toBe(allowed[3]);
      expect(after.asset!.rowVersion).toBe(before.asset!.rowVersion + 1);
      expect(JSON.parse(after.asset!.snapshotJson).value).toBe(allowed[3]);
      expect(after.audit).toBe(before.audit + 1);
    } else {
      expect(isWorkflowError(error), String(error)).toBe(true);
      const code = (error as { code: string }).code;
      // An unknown actor (the system "user" editing) is refused before the state is consulted.
      if (event === "EDIT" && role === SYSTEM_ROLE) expect(code).toBe("FORBIDDEN");
      else expect(code).toBe(stateReacts ? "FORBIDDEN" : "INVALID_TRANSITION");
      expect(after).toEqual(before);
    }
  });
});
