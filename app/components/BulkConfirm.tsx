import { DECISION_LABELS_VI } from "../../domain/decisions";
import { Form, Link } from "@remix-run/react";
import type { BulkConfirmItem } from "../../workflows/queues";
import { formatDateTimeVi } from "../lib/format";
import { Thumbnail } from "./Thumbnail";

/**
 * The one confirmation of a bulk FORWARD/APPROVE on the review page: every selected asset (code,
 * slogan, thumbnail) with the note of the step that sent it here (for the approver, the office's
 * comment), before anything is applied. Items that left the queue or changed since are listed
 * with why and are not sent again; the confirm button posts only the others.
 */
export function BulkConfirm({
  decision,
  items,
  busy,
}: {
  decision: "FORWARD" | "APPROVE";
  items: BulkConfirmItem[];
  busy: boolean;
}) {
  const label = DECISION_LABELS_VI[decision].toLowerCase();
  const ready = items.filter((i) => !i.problem);
  return (
    <Form
      method="post"
      className="confirm bulk-confirm"
      aria-labelledby="confirm-h"
      data-testid="bulk-confirm"
    >
      <h2 id="confirm-h">
        Xác nhận {label} {ready.length} ấn phẩm
      </h2>
      <p className="muted">
        Xem lại từng ấn phẩm và ý kiến kèm theo trước khi xác nhận. Chưa có gì được thực hiện.
      </p>
      <ul className="confirm-list">
        {items.map((i) => (
          <li
            key={i.assetId}
            className={i.problem ? "confirm-item skipped" : "confirm-item"}
            data-asset={i.code}
          >
            <Thumbnail
              versionId={i.versionId}
              alt={`${i.code}: ${i.text ?? i.title}`}
              formatLabel={i.formatLabel}
            />
            <div>
              <strong>{i.code}</strong> <span className="muted">· {i.formatLabel}</span>
              <div>“{i.text ?? i.title}”</div>
              {i.note && (
                <div className="handoff-note" data-testid="handoff-note">
                  <span className="muted">
                    {i.note.actionLabel} —{" "}
                    {i.note.who ? `${i.note.who} (${i.note.roleLabel})` : i.note.roleLabel},{" "}
                    {formatDateTimeVi(i.note.at)}:
                  </span>{" "}
                  {i.note.comment ? <q>{i.note.comment}</q> : <em>không ghi ý kiến</em>}
                </div>
              )}
              {i.problem && (
                <p className="warn-text" role="note">
                  Sẽ bỏ qua: {i.problem}
                </p>
              )}
            </div>
          </li>
        ))}
      </ul>
      <input type="hidden" name="intent" value="bulk" />
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="confirmed" value="1" />
      {ready.map((i) => (
        <input
          key={i.assetId}
          type="hidden"
          name="target"
          value={`${i.assetId}|${i.versionHash}|${i.rowVersion}`}
        />
      ))}
      <div className="row">
        {ready.length > 0 && (
          <button type="submit" className="btn ok" disabled={busy}>
            Xác nhận {label} {ready.length} ấn phẩm
          </button>
        )}
        <Link to="/review" className="btn">
          Hủy
        </Link>
      </div>
    </Form>
  );
}
