import { isOverdue, isWaitingStep, type ReminderDays } from "../domain/deadlines";
import type { Decision } from "../domain/decisions";
import type { Role } from "../domain/roles";
import type { AssetState } from "../domain/states";
import { vnDate, workingDaysBetween } from "../domain/working-days";
import { getAsset, getVersion, type StoredPreflight } from "../storage/assets";
import { searchAssets } from "../storage/assets/search";
import { exportApprovalRecord } from "../storage/audit";
import type { DbHandle } from "../storage/db";
import { getSetting } from "../storage/settings";
import { getFormat } from "../templates/formats";

// What waits for whom: each role's queues of assets. The workflow decides what a role may do;
// this chooses what to show first. Read by the dashboard ("Việc chờ tôi") and the review page.

export interface WorkQueue {
  id: "returned" | "drafts" | "office_review" | "awaiting_approval" | "published";
  role: Role;
  states: readonly AssetState[];
  /** Only the assets the user created. */
  own: boolean;
  /** The decision that moves an asset on, offered for several at once on the review page. */
  bulk?: Decision;
  labelVi: string;
}

export type ReviewQueue = WorkQueue & { bulk: Decision };

export const WORK_QUEUES: readonly WorkQueue[] = [
  {
    id: "returned",
    role: "drafter",
    states: ["returned"],
    own: true,
    labelVi: "Ấn phẩm bị yêu cầu chỉnh sửa",
  },
  {
    id: "drafts",
    role: "drafter",
    states: ["draft", "withdrawn"],
    own: true,
    labelVi: "Bản nháp chưa gửi duyệt",
  },
  {
    id: "office_review",
    role: "office",
    states: ["office_review"],
    own: false,
    bulk: "FORWARD",
    labelVi: "Chờ Phòng Văn hóa - Xã hội thẩm định",
  },
  {
    id: "awaiting_approval",
    role: "approver",
    states: ["awaiting_approval"],
    own: false,
    bulk: "APPROVE",
    labelVi: "Chờ lãnh đạo phê duyệt",
  },
  {
    id: "published",
    role: "printer",
    states: ["published"],
    own: false,
    labelVi: "Ấn phẩm đã phát hành, sẵn sàng in",
  },
];

/** The queues of someone holding these roles, in the order above. */
export function queuesFor(roles: readonly Role[]): WorkQueue[] {
  return WORK_QUEUES.filter((q) => roles.includes(q.role));
}

/** The queues decided on the review page: one state each, with a decision to take for several at once. */
export function reviewQueuesFor(roles: readonly Role[]): ReviewQueue[] {
  return queuesFor(roles).filter((q): q is ReviewQueue => q.bulk !== undefined);
}

// ---- Waiting time and deadlines on the review page (issue 12 §2).

/** How long an asset has waited at its step, and whether that or its deadline needs attention. */
export interface Waiting {
  /** Whole working days since it entered its state (holidays excluded); see workingDaysBetween. */
  waitedDays: number;
  /** The admin's reminder threshold for this step in working days; null where nobody must act. */
  thresholdDays: number | null;
  /** Waited more than the threshold: a reminder has gone or is about to go out. */
  overWaiting: boolean;
  /** Past its "cần hoàn thành trước" date (Vietnam's calendar) and not finished. */
  overdue: boolean;
}

/** The calendar the waiting is counted with: the admin's thresholds and holidays (settings). */
export interface WaitingCalendar {
  thresholds: ReminderDays;
  holidays: ReadonlySet<string>;
}

/** Reads the admin's reminder thresholds and public holidays, defaults when unset. */
export function waitingCalendar(handle: DbHandle): WaitingCalendar {
  return {
    thresholds: getSetting(handle, "reminder_days"),
    holidays: new Set(getSetting(handle, "holidays")),
  };
}

/**
 * Waiting time of one asset at `now`. `stateSince` is the ISO instant it entered `state`, `dueOn`
 * its ISO due date or null. Pure: the calendar is passed in.
 */
export function waitingOf(
  a: { state: AssetState; stateSince: string; dueOn: string | null },
  now: Date,
  calendar: WaitingCalendar,
): Waiting {
  const waitedDays = workingDaysBetween(new Date(a.stateSince), now, calendar.holidays);
  const thresholdDays = isWaitingStep(a.state) ? calendar.thresholds[a.state] : null;
  return {
    waitedDays,
    thresholdDays,
    overWaiting: thresholdDays !== null && waitedDays > thresholdDays,
    overdue: isOverdue(a.state, a.dueOn, vnDate(now)),
  };
}

/** A format's Vietnamese label; the raw id for a format dropped from the catalogue since. */
export function formatLabelOf(formatId: string): string {
  try {
    return getFormat(formatId).label;
  } catch {
    return formatId;
  }
}

/** One asset in a review queue: what the list shows and what a decision on it must carry. */
export interface ReviewQueueItem {
  id: string;
  code: string;
  title: string;
  state: AssetState;
  /** Current slogan text (what the thumbnail shows). */
  text: string | null;
  contentItemCode: string | null;
  formatLabel: string;
  versionId: string | null;
  versionN: number | null;
  /** SHA-256 hex of the current version; "" when there is none. */
  versionHash: string;
  rowVersion: number;
  /** The current version's stored preflight findings; null when none were stored. */
  preflight: StoredPreflight | null;
  dueOn: string | null;
  stateSince: string;
  waiting: Waiting;
}

/** How many items a queue page lists at most; `total` says how many wait in all. */
export const QUEUE_PAGE = 100;

/**
 * The assets waiting in `queue`, oldest-waiting first (the longest wait is the most urgent), at
 * most QUEUE_PAGE of them, with `total` in the queue. Waiting counted at `now`.
 */
export function reviewQueueItems(
  handle: DbHandle,
  queue: Pick<WorkQueue, "states">,
  now: Date = new Date(),
  calendar: WaitingCalendar = waitingCalendar(handle),
): { items: ReviewQueueItem[]; total: number } {
  const page = searchAssets(handle, { states: queue.states, sort: "waiting", pageSize: QUEUE_PAGE });
  const items = page.items.flatMap((a): ReviewQueueItem[] => {
    const rec = getAsset(handle, a.id);
    if (!rec) return [];
    return [
      {
        id: a.id,
        code: a.code,
        title: a.title,
        state: a.state,
        text: a.text,
        contentItemCode: a.contentItemCode,
        formatLabel: formatLabelOf(a.formatId),
        versionId: a.currentVersionId,
        versionN: a.currentVersionN,
        versionHash: rec.currentVersionHash ?? "",
        rowVersion: rec.rowVersion,
        preflight: rec.currentPreflight,
        dueOn: a.dueOn,
        stateSince: a.stateSince,
        waiting: waitingOf(a, now, calendar),
      },
    ];
  });
  return { items, total: page.total };
}

// ---- Several at once: what the one confirmation shows.

/** The note of the decision that brought an asset to its current step (office → approver: FORWARD). */
export interface HandoffNote {
  action: string;
  actionLabel: string;
  who: string | null;
  roleLabel: string;
  /** ISO UTC. */
  at: string;
  /** The comment written with it; null when none was written. */
  comment: string | null;
}

/** The latest audit event that put the asset into `state`, with its comment; null when none. */
export function handoffNote(handle: DbHandle, assetId: string, state: AssetState): HandoffNote | null {
  const rows = exportApprovalRecord(handle, assetId)?.rows ?? [];
  const r = rows.findLast((x) => x.toState === state);
  return r
    ? {
        action: r.action,
        actionLabel: r.actionLabel,
        who: r.who,
        roleLabel: r.roleLabel,
        at: r.at,
        comment: r.comment,
      }
    : null;
}

/** What the person asked to decide on for one asset: the version and row they saw. */
export interface BulkTarget {
  assetId: string;
  versionHash: string;
  rowVersion: number;
}

/** One line of the bulk confirmation, read from the database (never from the request). */
export interface BulkConfirmItem extends BulkTarget {
  code: string;
  title: string;
  text: string | null;
  formatLabel: string;
  versionId: string | null;
  note: HandoffNote | null;
  /**
   * Why this one will be refused if confirmed, in Vietnamese (it left the queue, or changed since
   * the page was loaded); null when it still waits as seen.
   */
  problem: string | null;
}

/**
 * The one confirmation of a bulk decision in `queue`: each target as stored now, with the note of
 * the step that sent it here (for the approver, the office's FORWARD comment). Applies nothing.
 * Targets whose asset does not exist are left out.
 */
export function bulkConfirmation(
  handle: DbHandle,
  queue: Pick<WorkQueue, "states">,
  targets: readonly BulkTarget[],
): BulkConfirmItem[] {
  return targets.flatMap((t): BulkConfirmItem[] => {
    const a = getAsset(handle, t.assetId);
    if (!a) return [];
    const current = getVersion(handle, a.currentVersionId ?? "");
    const waitsHere = queue.states.includes(a.state);
    const problem = !waitsHere
      ? "Ấn phẩm không còn ở bước này."
      : a.currentVersionHash !== t.versionHash || a.rowVersion !== t.rowVersion
        ? "Ấn phẩm đã thay đổi sau khi tải trang; hãy tải lại hàng chờ."
        : null;
    return [
      {
        ...t,
        code: a.code,
        title: a.title,
        text: current?.text ?? null,
        formatLabel: formatLabelOf(a.formatId),
        versionId: a.currentVersionId,
        note: handoffNote(handle, a.id, a.state),
        problem,
      },
    ];
  });
}
