import { DECISION_LABELS_VI, type Decision, needsReason } from "../../domain/decisions";
import { Form } from "@remix-run/react";
import { useId } from "react";
import { ReasonFields } from "./ReasonFields";

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
        <ReasonFields id={id} reasons={reasons} />
        <button type="submit" className="btn danger">
          Xác nhận: {DECISION_LABELS_VI[decision]}
        </button>
      </Form>
    </details>
  );
}
