import { DECISION_LABELS_VI, type Decision, needsReason } from "../../domain/decisions";
import { Form } from "@remix-run/react";
import { useId } from "react";

export interface ReasonOption {
  code: string;
  label: string;
}

interface Props {
  decision: Decision;
  assetId: string;
  versionHash: string;
  rowVersion: number;
  reasons: ReasonOption[];
  action?: string;
  compact?: boolean;
}

/** One decision as one form: the version hash and row version pin it to what the user saw. */
export function DecisionForm({
  decision,
  assetId,
  versionHash,
  rowVersion,
  reasons,
  action,
  compact,
}: Props) {
  const id = useId();
  const hidden = (
    <>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="assetId" value={assetId} />
      <input type="hidden" name="versionHash" value={versionHash} />
      <input type="hidden" name="rowVersion" value={rowVersion} />
    </>
  );
  if (!needsReason(decision)) {
    const primary = decision === "APPROVE" || decision === "FORWARD" || decision === "SUBMIT";
    return (
      <Form method="post" action={action} className="inline-form">
        {hidden}
        <button type="submit" className={primary ? "btn ok" : "btn"} data-decision={decision}>
          {DECISION_LABELS_VI[decision]}
        </button>
      </Form>
    );
  }
  return (
    <details className={compact ? "reason-details compact" : "reason-details"}>
      <summary data-decision={decision}>{DECISION_LABELS_VI[decision]}…</summary>
      <Form method="post" action={action} className="form">
        {hidden}
        <label htmlFor={`${id}-code`}>Lý do</label>
        <select id={`${id}-code`} name="reasonCode" required defaultValue="">
          <option value="" disabled>
            — Chọn lý do —
          </option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-text`}>Ghi rõ nội dung cần sửa (bắt buộc nếu chọn “Khác”)</label>
        <textarea id={`${id}-text`} name="reasonText" rows={2} maxLength={2000} />
        <button type="submit" className="btn danger">
          Xác nhận: {DECISION_LABELS_VI[decision]}
        </button>
      </Form>
    </details>
  );
}
