import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AuditRow,
  appendAudit,
  computeAuditHash,
  GENESIS_HASH,
  verifyAuditChain,
} from "../../storage/audit";
import { auditHistory, dropAuditTriggers } from "../support/audit-history";
import { seededDb, type TempDb, USERS } from "../support/db";

let t: TempDb;
beforeEach(async () => {
  t = await seededDb();
});
afterEach(() => t.cleanup());

/** Two assets taken through a few steps: 2 creations + 5 decisions = 7 events. */
const history = () => auditHistory(t.handle);
const dropTriggers = () => dropAuditTriggers(t.handle);

describe("audit chain", () => {
  it("links every row to the previous one and verifies", () => {
    history();
    const rows = t.handle.conn.prepare("SELECT id, prev_hash, hash FROM audit_events ORDER BY id").all() as {
      id: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows).toHaveLength(7);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 7 });
  });

  it("the triggers refuse UPDATE and DELETE", () => {
    history();
    expect(() => t.handle.conn.exec("UPDATE audit_events SET reason_text = 'x' WHERE id = 2")).toThrow(
      /append-only/,
    );
    expect(() => t.handle.conn.exec("DELETE FROM audit_events WHERE id = 2")).toThrow(/append-only/);
  });

  it("finds an edited row", () => {
    history();
    dropTriggers();
    t.handle.conn.exec("UPDATE audit_events SET actor_role = 'approver' WHERE id = 4");
    expect(verifyAuditChain(t.handle)).toMatchObject({
      ok: false,
      firstBadId: 4,
      reason: expect.stringMatching(/edited/),
    });
  });

  it("finds an edited row whose own hash was recomputed without the key: that row itself", () => {
    history();
    dropTriggers();
    const row = t.handle.conn.prepare("SELECT * FROM audit_events WHERE id = 3").get() as AuditRow;
    const { prev_hash, hash: _old, ...fields } = { ...row, actor_user_id: USERS.admin };
    t.handle.conn
      .prepare("UPDATE audit_events SET actor_user_id = ?, hash = ? WHERE id = 3")
      .run(USERS.admin, computeAuditHash(prev_hash, fields));
    // Keyed chain (decision 061): the unkeyed recomputation is caught at row 3, not at row 4's link.
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, firstBadId: 3 });
  });

  it("finds a deleted row in the middle", () => {
    history();
    dropTriggers();
    t.handle.conn.exec("DELETE FROM audit_events WHERE id = 5");
    expect(verifyAuditChain(t.handle)).toMatchObject({
      ok: false,
      firstBadId: 6,
      reason: expect.stringMatching(/missing/),
    });
  });

  it("finds deleted rows at the end", () => {
    history();
    dropTriggers();
    t.handle.conn.exec("DELETE FROM audit_events WHERE id = 7");
    expect(verifyAuditChain(t.handle)).toMatchObject({ ok: false, firstBadId: 7 });
  });

  it("a standalone append continues the chain", () => {
    history();
    const row = appendAudit(t.handle, {
      assetId: null,
      versionId: null,
      actorUserId: USERS.admin,
      actorRole: "admin",
      action: "PLAN_RESEEDED",
      fromState: null,
      toState: null,
      versionHash: null,
    });
    expect(row.id).toBe(8);
    expect(verifyAuditChain(t.handle)).toEqual({ ok: true, count: 8 });
  });
});
