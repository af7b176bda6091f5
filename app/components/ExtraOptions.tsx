/** The optional lines a design may print besides the slogan; each one is sent to the preview too. */
export interface ExtraLines {
  issuer: string;
  hotline: string;
  qrUrl: string;
  bullets: string;
}

export const NO_EXTRA_LINES: ExtraLines = { issuer: "", hotline: "", qrUrl: "", bullets: "" };

/** A stored version's options (bullets as a list) as the form's lines, so a new version starts from them. */
export function extraLinesOf(options: unknown): ExtraLines {
  const o = (options ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    issuer: str(o.issuer),
    hotline: str(o.hotline),
    qrUrl: str(o.qrUrl),
    bullets: Array.isArray(o.bullets) ? o.bullets.filter((b) => typeof b === "string").join("\n") : "",
  };
}

/**
 * The editor's "more options": the extra lines, and, given `placements`, where the asset goes and
 * how many to print (only recorded, so the form keeps them itself; a new version has neither).
 */
export function ExtraOptions({
  value,
  onChange,
  placements,
  open,
}: {
  value: ExtraLines;
  onChange: (next: ExtraLines) => void;
  placements?: [string, string][];
  open?: boolean;
}) {
  const set = (key: keyof ExtraLines) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  return (
    <details open={open}>
      <summary>Tùy chọn thêm</summary>
      <div className="form">
        <label>
          Dòng cơ quan ban hành
          <input
            name="issuer"
            value={value.issuer}
            onChange={set("issuer")}
            placeholder="Ủy ban nhân dân xã Lạc Phượng"
          />
        </label>
        <label>
          Đường dây nóng
          <input name="hotline" value={value.hotline} onChange={set("hotline")} />
        </label>
        <label>
          Địa chỉ cho mã QR
          <input
            name="qrUrl"
            type="url"
            value={value.qrUrl}
            onChange={set("qrUrl")}
            placeholder="https://dichvucong.gov.vn"
          />
        </label>
        <label>
          Ý chính cho áp phích (mỗi dòng một ý, tối đa 5)
          <textarea name="bullets" value={value.bullets} onChange={set("bullets")} rows={3} />
        </label>
        {placements && (
          <>
            <label>
              Vị trí treo/đặt
              <select name="placement" defaultValue="">
                <option value="">— Chưa xác định —</option>
                {placements.map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Số lượng cần in
              <input name="quantity" type="number" min={1} max={100000} inputMode="numeric" />
            </label>
          </>
        )}
      </div>
    </details>
  );
}
