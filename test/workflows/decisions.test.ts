import {
  ASSET_EVENT_TYPES,
  type AssetEventType,
  actingRole,
  DECISION_LABELS_VI,
  DECISIONS,
  EVENT_RULES,
  mayEverTake,
  mayTakeIn,
  needsReason,
  REASON_REQUIRED_EVENTS,
  rolesFor,
  ACTION_LABELS_VI,
} from "../../domain/decisions";
import { ASSET_STATES, type AssetState } from "../../domain/states";
import { type ActorRole, ROLES, SYSTEM_ROLE } from "../../domain/roles";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type AssetEvent, assetMachine, eventsAcceptedIn } from "../../workflows/asset-machine";

const ACTOR_ROLES: ActorRole[] = [...ROLES, SYSTEM_ROLE];

// Who takes each event from each state, written independently of domain/decisions.ts.
const WHO: Record<string, ActorRole> = {
  "draft SUBMIT": "drafter",
  "draft EDIT": "drafter",
  "office_review FORWARD": "office",
  "office_review RETURN": "office",
  "office_review WITHDRAW": "drafter",
  "awaiting_approval APPROVE": "approver",
  "awaiting_approval RETURN": "approver",
  "awaiting_approval REJECT": "approver",
  "awaiting_approval WITHDRAW": "drafter",
  "approved PUBLISHED": "system",
  "approved REVOKE": "approver",
  "published REVOKE": "approver",
  "returned SUBMIT": "drafter",
  "returned EDIT": "drafter",
  "withdrawn SUBMIT": "drafter",
  "withdrawn EDIT": "drafter",
};

const HASH = "a".repeat(64);

/** The machine in `state`, with nobody recorded as submitter or forwarder. */
function machineIn(state: AssetState) {
  return assetMachine.resolveState({
    value: state,
    context: {
      currentVersionHash: HASH,
      approvedVersionHash: null,
      lastReason: null,
      submittedBy: null,
      forwardedBy: null,
    },
  });
}

function event(type: AssetEventType, role: ActorRole): AssetEvent {
  const base = { actor: { userId: `u-${role}`, roles: [role] }, versionHash: HASH };
  return (
    needsReason(type) ? { ...base, type, reason: { code: "diacritics", text: "" } } : { ...base, type }
  ) as AssetEvent;
}

describe("decisions table (domain/decisions.ts)", () => {
  it("names the role that takes every event the machine accepts, as the spec says", () => {
    const seen: Record<string, ActorRole> = {};
    for (const state of ASSET_STATES) {
      for (const type of eventsAcceptedIn(state)) seen[`${state} ${type}`] = actingRole(type, state);
    }
    expect(seen).toEqual(WHO);
  });

  it("is the machine's role guard: exactly the table's role may take each event (one role at a time)", () => {
    for (const state of ASSET_STATES) {
      for (const type of eventsAcceptedIn(state)) {
        for (const role of ACTOR_ROLES) {
          const can = machineIn(state).can(event(type, role));
          expect(can, `${state} ${type} as ${role}`).toBe(role === actingRole(type, state));
          expect(mayTakeIn([role], type, state)).toBe(can);
        }
      }
    }
  });

  it("gives the coarse gate the union of roles over states", () => {
    expect(rolesFor("RETURN").sort()).toEqual(["approver", "office"]);
    expect(mayEverTake(["office"], "RETURN")).toBe(true);
    expect(mayEverTake(["approver"], "RETURN")).toBe(true);
    expect(mayEverTake(["drafter", "printer", "admin"], "RETURN")).toBe(false);
    expect(mayEverTake(["admin"], "APPROVE")).toBe(false);
    for (const d of DECISIONS) {
      const holders = ROLES.filter((r) => mayEverTake([r], d));
      expect(holders.length, d).toBeGreaterThan(0);
      expect(holders).not.toContain("printer");
      expect(holders).not.toContain("admin");
    }
    expect(mayEverTake(ROLES, "PUBLISHED")).toBe(false);
  });

  it("names which decisions need a reason, and the machine agrees", () => {
    expect([...REASON_REQUIRED_EVENTS].sort()).toEqual(["REJECT", "RETURN", "REVOKE"]);
    for (const type of ASSET_EVENT_TYPES)
      expect(needsReason(type)).toBe(REASON_REQUIRED_EVENTS.includes(type));
    expect(needsReason("NOT_AN_EVENT")).toBe(false);
    // Without a reason the machine refuses exactly these.
    for (const state of ASSET_STATES) {
      for (const type of eventsAcceptedIn(state)) {
        const role = actingRole(type, state);
        const bare = { type, actor: { userId: "u", roles: [role] }, versionHash: HASH } as AssetEvent;
        expect(machineIn(state).can(bare), `${state} ${type} without reason`).toBe(!needsReason(type));
      }
    }
  });

  it("labels each decision once: the audit trail and the forms say the same", () => {
    for (const type of ASSET_EVENT_TYPES) expect(ACTION_LABELS_VI[type]).toBe(EVENT_RULES[type].labelVi);
    for (const d of DECISIONS) expect(DECISION_LABELS_VI[d]).toBe(ACTION_LABELS_VI[d]);
    expect(DECISION_LABELS_VI.RETURN).toBe("Yêu cầu chỉnh sửa");
  });

  it("can be bundled for the browser: it imports types only", () => {
    const src = readFileSync(new URL("../../domain/decisions.ts", import.meta.url), "utf8");
    const imports = src.split("\n").filter((l) => /^import\b/.test(l));
    expect(imports.length).toBeGreaterThan(0);
    for (const l of imports) expect(l).toMatch(/^import type /);
  });
});
