import { REASON_TEXT_MAX_CHARS } from "../../domain/limits";

/**
 * The reason picker of a return, rejection or revocation: the code ("other" needs text, which the
 * server checks too) and the free text. Uncontrolled (`reasonCode` / `reasonText` form fields)
 * unless `value` and `onChange` are given, as the decision bar does to confirm before posting.
 */
export function ReasonFields({
  id,
  reasons,
  value,
  onChange,
}: {
  id: string;
  reasons: { code: string; label: string }[];
  value?: { code: string; text: string };
  onChange?: (v: { code: string; text: string }) => void;
}) {
  const controlled = value !== undefined && onChange !== undefined;
  return (
    <>
      <label htmlFor={`${id}-code`}>Lý do</label>
      <select
        id={`${id}-code`}
        name="reasonCode"
        required
        {...(controlled
          ? { value: value.code, onChange: (e) => onChange({ ...value, code: e.target.value }) }
          : { defaultValue: "" })}
      >
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
      <textarea
        id={`${id}-text`}
        name="reasonText"
        rows={2}
        maxLength={REASON_TEXT_MAX_CHARS}
        {...(controlled
          ? {
              required: value.code === "other",
              value: value.text,
              onChange: (e) => onChange({ ...value, text: e.target.value }),
            }
          : {})}
      />
    </>
  );
}
