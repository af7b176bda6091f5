import type { LineStatus } from "../../domain/print-orders";

/** One line's status as a coloured badge that also says it in words (never colour alone). */
export function LineStatusBadge({ status, label }: { status: LineStatus; label: string }) {
  return <span className={`badge line-${status}`}>{label}</span>;
}

/** An order's lines counted by status ("Đã in: 1 · Đã giao: 2"), or that it was cancelled. */
export function OrderStatusSummary({
  cancelled,
  summary,
}: {
  cancelled: boolean;
  summary: { status: LineStatus; label: string; n: number }[];
}) {
  if (cancelled) return <span className="badge order-cancelled">Đã hủy</span>;
  return (
    <span className="order-summary">
      {summary.map((s) => (
        <span key={s.status} className={`badge line-${s.status}`} data-status={s.status}>
          {`${s.label}: ${s.n}`}
        </span>
      ))}
    </span>
  );
}
