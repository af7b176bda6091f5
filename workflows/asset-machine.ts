import { ASSET_EVENT_TYPES, type AssetEventType, actingRole } from "../domain/decisions";
import type { Reason } from "../domain/reasons";
import type { ActorRole } from "../domain/roles";
import type { AssetState } from "../domain/states";
import { and, assign, setup } from "xstate";

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

/** The role guard of an event from a state, as the decisions table says (domain/decisions.ts). */
const takes = (type: AssetEventType, state: AssetState) =>
  ({ type: "hasRole", params: { role: actingRole(type, state) } }) as const;

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
          guard: and([takes("SUBMIT", "draft"), "sameVersion"]),
          actions: ["clearReason", "recordSubmitter"],
        },
        EDIT: { target: "draft", guard: takes("EDIT", "draft"), actions: "recordNewVersion" },
      },
    },
    office_review: {
      on: {
        FORWARD: {
          target: "awaiting_approval",
          guard: and([takes("FORWARD", "office_review"), "sameVersion", "notSubmitter"]),
          actions: "recordForwarder",
        },
        RETURN: {
          target: "returned",
          guard: and([takes("RETURN", "office_review"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
        WITHDRAW: { target: "withdrawn", guard: and([takes("WITHDRAW", "office_review"), "sameVersion"]) },
      },
    },
    awaiting_approval: {
      on: {
        APPROVE: {
          target: "approved",
          guard: and([takes("APPROVE", "awaiting_approval"), "sameVersion", "notSubmitter", "notForwarder"]),
          actions: "recordApproval",
        },
        RETURN: {
          target: "returned",
          guard: and([takes("RETURN", "awaiting_approval"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
        REJECT: {
          target: "rejected",
          guard: and([takes("REJECT", "awaiting_approval"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
        WITHDRAW: {
          target: "withdrawn",
          guard: and([takes("WITHDRAW", "awaiting_approval"), "sameVersion"]),
        },
      },
    },
    // Approved = waiting for the publisher to upload the approved file; it then sends PUBLISHED.
    approved: {
      on: {
        PUBLISHED: { target: "published", guard: and([takes("PUBLISHED", "approved"), "sameVersion"]) },
        REVOKE: {
          target: "revoked",
          guard: and([takes("REVOKE", "approved"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
      },
    },
    published: {
      on: {
        REVOKE: {
          target: "revoked",
          guard: and([takes("REVOKE", "published"), "sameVersion", "hasReason"]),
          actions: "recordReason",
        },
      },
    },
    returned: {
      on: {
        SUBMIT: {
          target: "office_review",
          guard: and([takes("SUBMIT", "returned"), "sameVersion"]),
          actions: ["clearReason", "recordSubmitter"],
        },
        EDIT: { target: "draft", guard: takes("EDIT", "returned"), actions: "recordNewVersion" },
      },
    },
    // A withdrawn asset is not dead: the drafter may send it again as is, or edit it first.
    withdrawn: {
      on: {
        SUBMIT: {
          target: "office_review",
          guard: and([takes("SUBMIT", "withdrawn"), "sameVersion"]),
          actions: ["clearReason", "recordSubmitter"],
        },
        EDIT: { target: "draft", guard: takes("EDIT", "withdrawn"), actions: "recordNewVersion" },
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
