/**
 * "Đã chờ N ngày làm việc" at an asset's current step. `waitedDays` and `thresholdDays` are working
 * days (workflows/queues waitingOf); past the threshold the badge turns amber and says so in words,
 * so it does not rely on colour alone. `thresholdDays` null: a step with no reminder.
 */
export function WaitingBadge({
  waitedDays,
  thresholdDays,
  overWaiting,
}: {
  waitedDays: number;
  thresholdDays: number | null;
  overWaiting: boolean;
}) {
  const text = waitedDays === 0 ? "Mới chuyển đến hôm nay" : `Đã chờ ${waitedDays} ngày làm việc`;
  return (
    <span
      className={overWaiting ? "waiting waiting-long" : "waiting"}
      data-testid="waiting"
      title={thresholdDays === null ? undefined : `Nhắc việc sau ${thresholdDays} ngày làm việc ở bước này`}
    >
      {overWaiting ? <span aria-hidden="true">⏰ </span> : null}
      {text}
      {overWaiting ? <strong> · quá {thresholdDays} ngày</strong> : null}
    </span>
  );
}
