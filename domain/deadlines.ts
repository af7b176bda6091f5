import type { ActorRole } from "./roles";
import type { AssetState } from "./states";

// Where an asset waits for a person, who that is, and when waiting turns into a reminder. The
// thresholds are the admin's (settings "reminder_days"); 2 working days is the default.

/** The steps an asset waits at for a person, and the role that must act there. */
export const WAITING_STEPS = {
  office_review: "office",
  awaiting_approval: "approver",
  returned: "drafter",
} as const satisfies Partial<Record<AssetState, ActorRole>>;
export type WaitingStep = keyof typeof WAITING_STEPS;

export function isWaitingStep(state: AssetState): state is WaitingStep {
  return state in WAITING_STEPS;
}

export const DEFAULT_REMINDER_DAYS = 2;
/** Bounds the admin form accepts, in working days. */
export const REMINDER_DAYS_MIN = 1;
export const REMINDER_DAYS_MAX = 30;

export type ReminderDays = Record<WaitingStep, number>;

export const DEFAULT_REMINDER_DAYS_BY_STEP: ReminderDays = {
  office_review: DEFAULT_REMINDER_DAYS,
  awaiting_approval: DEFAULT_REMINDER_DAYS,
  returned: DEFAULT_REMINDER_DAYS,
};

/** States where the asset's work is over: a deadline no longer makes it overdue. */
export const FINISHED_STATES: readonly AssetState[] = [
  "approved",
  "published",
  "rejected",
  "withdrawn",
  "revoked",
];

/** Overdue: it has a due date, that day has ended in Vietnam (`today` is Vietnam's date), and it is not finished. */
export function isOverdue(state: AssetState, dueOn: string | null, today: string): boolean {
  return dueOn !== null && today > dueOn && !FINISHED_STATES.includes(state);
}
