// Notifications (decision 080): the in-app inbox, each person's e-mail settings, the deliveries
// the notifier sends (jobs/notifier), and the reads that say what a notice is about.

export * from "./deliveries";
export * from "./inbox";
export * from "./settings";
export * from "./sources";
