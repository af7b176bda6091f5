/** The optional lines a design may print besides the slogan; each one is sent to the preview too. */
export interface ExtraLines {
  issuer: string;
  hotline: string;
  qrUrl: string;
  bullets: string;
}

export const NO_EXTRA_LINES: ExtraLines = { issuer: "", hotline: "", qrUrl: "", bullets: "" };

/**
 * The editor's "more options": the extra lines, and where the asset goes and how many to print
 * (these two are only recorded, so the form keeps them itself).
 */
export function ExtraOptions({
  value,
  onChange,
  placements,
}: {
  value: ExtraLines;
  onChange: (next: ExtraLines) => void;
  placements: [string, string][];
}) {
  const set = (key: keyof ExtraLines) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  return (
    <details>
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
      </div>
    </details>
  );
}
