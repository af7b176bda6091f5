import { and, assign, setup } from "xstate";
import type { ActorRole } from "./roles";
import type { Reason } from "./reasons";

// Pure definition: no timers, no invoked services, no I/O. The service restores a persisted
// snapshot, asks `can(event)`, sends it, and writes the side effects (outbox) itself.

/**
 * Stored beside every persisted snapshot (assets.machine_id, machine_version). Bump the version when
 * a change makes older snapshots mean something else (a state renamed or removed, a context field
 * renamed or given a new meaning) and add the upgrade from the old version in workflows/snapshot.ts;
 * a snapshot of a version with no upgrade is refused (SNAPSHOT_UNKNOWN), never guessed at.
 */
export const ASSET_MACHINE_ID = "asset";
export const ASSET_MACHINE_VERSION = 1;

export const ASSET_STATES = [
  "draft",
  "office_review",
  "awaiting_approval",
  "approved",
  "published",
  "returned",
  "withdrawn",
  "rejected",
  "revoked",
] as const;
export type AssetState = (typeof ASSET_STATES)[number];

export const ASSET_EVENT_TYPES = [
  "SUBMIT",
  "FORWARD",
  "RETURN",
  "APPROVE",
  "REJECT",
  "WITHDRAW",
  "EDIT",
  "REVOKE",
  "PUBLISHED",
] as const;
export type AssetEventType = (typeof ASSET_EVENT_TYPES)[number];

export const REASON_REQUIRED_EVENTS: readonly AssetEventType[] = ["RETURN", "REJECT", "REVOKE"];

export interface WorkflowActor {
  userId: string | null;
  roles: ActorRole[];
}

interface EventBase {
  actor: WorkflowActor;
  /** content_hash of the version the decision is about; for EDIT, the new version's hash. */
  versionHash: string;
  comment?: string;
}

export type AssetEvent =
  | (EventBase & { type: "SUBMIT" | "FORWARD" | "APPROVE" | "WITHDRAW" | "EDIT" | "PUBLISHED" })
  | (EventBase & { type: "RETURN" | "REJECT" | "REVOKE"; reason: Reason });

export interface AssetContext {
  currentVersionHash: string;
  /** The hash the leadership approved; the publisher must upload exactly this file. */
  approvedVersionHash: string | null;
  lastReason: Reason | null;
  /**
   * Who submitted and who forwarded the version under review: one person holding several roles
   * must not review or approve their own work, or the office step could be skipped.
   */
  submittedBy: string | null;
  forwardedBy: string | null;
}

export interface AssetMachineInput {
  versionHash: string;
}

const roleGuard = (role: ActorRole) => ({ type: "hasRole", params: { role } }) as const;

export const assetMachine = setup({
  types: {
    context: {} as AssetContext,
    events: {} as AssetEvent,
    input: {} as AssetMachineInput,
  },
  guards: {
    hasRole: ({ event }, params: { role: ActorRole }) => event.actor.roles.includes(params.role),
    hasReason: ({ event }) =>
      "reason" in event &&
      event.reason != null &&
      (event.reason.code !== "other" || event.reason.text.trim() !== ""),
    sameVersion: ({ context, event }) => event.versionHash === context.currentVersionHash,
    notSubmitter: ({ context, event }) => !context.submittedBy || event.actor.userId !== context.submittedBy,
    notForwarder: ({ context, event }) => !context.forwardedBy || event.actor.userId !== context.forwardedBy,
  },
  actions: {
    recordNewVersion: assign({
      currentVersionHash: ({ event }) => event.versionHash,
      approvedVersionHash: null,
    }),
    recordReason: assign({ lastReason: ({ event }) => ("reason" in event ? event.reason : null) }),
    clearReason: assign({ lastReason: null }),
    recordSubmitter: assign({ submittedBy: ({ event }) => event.actor.userId, forwardedBy: null }),
    recordForwarder: assign({ forwardedBy: ({ event }) => event.actor.userId }),
    recordApproval: assign({ approvedVersionHash: ({ context }) => context.currentVersionHash }),
  },
}).createMachine({
  id: ASSET_MACHINE_ID,
  initial: "draft",
  context: ({ input }) => ({
    currentVersionHash: input.versionHash,
    approvedVersionHash: null,
    lastReason: null,
    submittedBy: null,
    forwardedBy: null,
  }),
  states: {
    draft: {
      on: {
        SUBMIT: {
          target: "office_review",
          guard: and([roleGuard("drafter"), "sameVersion"]),
          actions: ["clearReason", "recordSubmitter"],
        },
        EDIT: { target: "draft", guard: roleGuard("drafter"), actions: "recordNewVersion" },
      },
    },
    office_review: {
      on: {
        FORWARD: {
          target: "awaiting_approval",
          guard: and([roleGuard("office"), "sameVersion", "notSubmitter"]),
          actions: "recordForwarder",
        },
        RETURN: {
          target: "returned",
          guard: and([roleGuard("office"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
        WITHDRAW: { target: "withdrawn", guard: and([roleGuard("drafter"), "sameVersion"]) },
      },
    },
    awaiting_approval: {
      on: {
        APPROVE: {
          target: "approved",
          guard: and([roleGuard("approver"), "sameVersion", "notSubmitter", "notForwarder"]),
          actions: "recordApproval",
        },
        RETURN: {
          target: "returned",
          guard: and([roleGuard("approver"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
        REJECT: {
          target: "rejected",
          guard: and([roleGuard("approver"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
        WITHDRAW: { target: "withdrawn", guard: and([roleGuard("drafter"), "sameVersion"]) },
      },
    },
    // Approved = waiting for the publisher to upload the approved file; it then sends PUBLISHED.
    approved: {
      on: {
        PUBLISHED: { target: "published", guard: and([roleGuard("system"), "sameVersion"]) },
        REVOKE: {
          target: "revoked",
          guard: and([roleGuard("approver"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
      },
    },
    published: {
      on: {
        REVOKE: {
          target: "revoked",
          guard: and([roleGuard("approver"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
      },
    },
    returned: {
      on: {
        SUBMIT: {
          target: "office_review",
          guard: and([roleGuard("drafter"), "sameVersion"]),
          actions: ["clearReason", "recordSubmitter"],
        },
        EDIT: { target: "draft", guard: roleGuard("drafter"), actions: "recordNewVersion" },
      },
    },
    // A withdrawn asset is not dead: the drafter may send it again as is, or edit it first.
    withdrawn: {
      on: {
        SUBMIT: {
          target: "office_review",
          guard: and([roleGuard("drafter"), "sameVersion"]),
          actions: ["clearReason", "recordSubmitter"],
        },
        EDIT: { target: "draft", guard: roleGuard("drafter"), actions: "recordNewVersion" },
      },
    },
    rejected: { type: "final" },
    revoked: { type: "final" },
  },
});

export type AssetMachine = typeof assetMachine;

/** Which event types the state reacts to at all (ignoring guards): tells FORBIDDEN from INVALID_TRANSITION. */
export function eventsAcceptedIn(state: AssetState): AssetEventType[] {
  const node = assetMachine.states[state];
  return node
    ? (node.ownEvents.filter((e) => (ASSET_EVENT_TYPES as readonly string[]).includes(e)) as AssetEventType[])
    : [];
}
