import { DECISION_LABELS_VI, type Decision, needsReason } from "../../domain/decisions";
import { Form } from "@remix-run/react";
import { useId, useState } from "react";
import type { ReasonOption } from "./DecisionForms";
import { ReasonFields } from "./ReasonFields";

const PRIMARY: readonly Decision[] = ["APPROVE", "FORWARD", "SUBMIT"];

// On the one-line bar of a phone the long labels would wrap and double its height; the reason
// picker and the confirmation still say the decision in full.
const SHORT: Partial<Record<Decision, string>> = {
  RETURN: "Trả lại",
  FORWARD: "Chuyển phê duyệt",
};

type Step =
  | { kind: "pick" }
  | { kind: "reason"; decision: Decision; code: string; text: string }
  | { kind: "confirm"; decision: Decision; code: string; text: string };

/**
 * The decisions this user may take on the current version, in one bar (fixed at the bottom of a
 * phone's screen with `fixed`). A decision that needs a reason opens the reason picker first
 * ("Khác" needs text); every decision then asks once, naming the decision and the asset code,
 * before the form is sent. `labels` renames a decision here (e.g. SUBMIT on a returned asset);
 * `secondary` shows none of them as the primary action. The server re-checks everything.
 */
export function DecisionBar({
  decisions,
  assetId,
  assetCode,
  versionHash,
  rowVersion,
  reasons,
  busy,
  fixed = false,
  secondary = false,
  labels = {},
}: {
  decisions: Decision[];
  assetId: string;
  assetCode: string;
  versionHash: string;
  rowVersion: number;
  reasons: ReasonOption[];
  busy: boolean;
  fixed?: boolean;
  secondary?: boolean;
  labels?: Partial<Record<Decision, string>>;
}) {
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: "pick" });
  if (decisions.length === 0) return null;
  const label = (d: Decision) => labels[d] ?? DECISION_LABELS_VI[d];
  const choose = (decision: Decision) =>
    setStep(
      needsReason(decision)
        ? { kind: "reason", decision, code: "", text: "" }
        : { kind: "confirm", decision, code: "", text: "" },
    );
  const back = () => setStep({ kind: "pick" });
  // The primary action last: at the right, under the thumb.
  const ordered = secondary
    ? decisions
    : [...decisions].sort((a, b) => +PRIMARY.includes(a) - +PRIMARY.includes(b));
  const reasonLabel = (code: string) => reasons.find((r) => r.code === code)?.label ?? code;

  return (
    <section
      className={`decision-bar${fixed ? " fixed" : ""}${step.kind === "pick" ? "" : " open"}`}
      aria-label="Quyết định"
      data-testid="decision-bar"
    >
      {step.kind === "pick" && (
        <div className="decision-buttons">
          {ordered.map((d) => (
            <button
              key={d}
              type="button"
              className={!secondary && PRIMARY.includes(d) ? "btn primary" : "btn"}
              data-decision={d}
              onClick={() => choose(d)}
              disabled={busy}
            >
              {(fixed && !labels[d] && SHORT[d]) || label(d)}
              {needsReason(d) ? "…" : ""}
            </button>
          ))}
        </div>
      )}
      {step.kind === "reason" && (
        <form
          className="form decision-sheet"
          onSubmit={(e) => {
            e.preventDefault();
            setStep({ ...step, kind: "confirm" });
          }}
        >
          <h2>{label(step.decision)}: chọn lý do</h2>
          <ReasonFields
            id={id}
            reasons={reasons}
            value={{ code: step.code, text: step.text }}
            onChange={(v) => setStep({ ...step, ...v })}
          />
          <div className="row">
            <button type="submit" className="btn primary">
              Tiếp tục
            </button>
            <button type="button" className="btn" onClick={back}>
              Hủy
            </button>
          </div>
        </form>
      )}
      {step.kind === "confirm" && (
        <Form method="post" className="form decision-sheet">
          <input type="hidden" name="intent" value="decide" />
          <input type="hidden" name="decision" value={step.decision} />
          <input type="hidden" name="assetId" value={assetId} />
          <input type="hidden" name="versionHash" value={versionHash} />
          <input type="hidden" name="rowVersion" value={rowVersion} />
          {step.code && <input type="hidden" name="reasonCode" value={step.code} />}
          {step.text && <input type="hidden" name="reasonText" value={step.text} />}
          <h2 data-testid="confirm-decision">
            {label(step.decision)} ấn phẩm {assetCode}?
          </h2>
          {step.code && (
            <p>
              Lý do: {reasonLabel(step.code)}
              {step.text ? ` – ${step.text}` : ""}
            </p>
          )}
          <div className="row">
            <button
              type="submit"
              className={needsReason(step.decision) ? "btn danger" : "btn primary"}
              disabled={busy}
            >
              Xác nhận: {label(step.decision)}
            </button>
            <button type="button" className="btn" onClick={back}>
              Quay lại
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
