import { formatPlainDateVi } from "../lib/format";

/**
 * An asset's "cần hoàn thành trước" date (ISO "YYYY-MM-DD"), and a red "Quá hạn" tag with the
 * word in it (not colour only) when `overdue`. Renders nothing for an asset without a deadline
 * unless `showNone` asks for "Chưa đặt hạn".
 */
export function DueDate({
  dueOn,
  overdue,
  showNone = false,
}: {
  dueOn: string | null;
  overdue: boolean;
  showNone?: boolean;
}) {
  if (!dueOn) return showNone ? <span className="due muted">Chưa đặt hạn</span> : null;
  return (
    <span className={overdue ? "due due-over" : "due"} data-testid="due">
      Cần hoàn thành trước {formatPlainDateVi(dueOn)}
      {overdue && (
        <>
          {" "}
          <OverdueTag />
        </>
      )}
    </span>
  );
}

/** The red "Quá hạn" tag, with the word, for lists that mark an overdue asset. */
export function OverdueTag() {
  return (
    <span className="overdue-tag" data-testid="overdue">
      Quá hạn
    </span>
  );
}
