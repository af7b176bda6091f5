import { PreflightList, type useLivePreview } from "./LivePreview";

/**
 * The live preview of one chosen format (a picker appears when several are chosen), how long it
 * took, and what its preflight found.
 */
export function PreviewPane({
  formats,
  shown,
  onShow,
  preview,
  text,
}: {
  formats: { id: string; label: string }[];
  shown: string;
  onShow: (id: string) => void;
  preview: ReturnType<typeof useLivePreview>;
  text: string;
}) {
  const label = formats.find((f) => f.id === shown)?.label ?? "";
  return (
    <section className="preview-pane card" aria-labelledby="preview-h">
      <div className="row">
        <h2 id="preview-h">Xem trước</h2>
        {formats.length > 1 && (
          <label className="inline">
            <span className="sr-only">Khổ đang xem trước</span>
            <select value={shown} onChange={(e) => onShow(e.target.value)}>
              {formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="preview-box" aria-busy={preview.loading}>
        {preview.src ? (
          <img src={preview.src} alt={`Xem trước ${label}: ${text}`} data-testid="preview" />
        ) : (
          <span className="muted">{shown ? "Đang tạo bản xem trước…" : "Chọn ít nhất một khổ."}</span>
        )}
      </div>
      <p className="preview-meta" aria-live="polite">
        {label}
        {preview.loading ? " · đang cập nhật…" : preview.ms != null ? ` · ${preview.ms} ms` : ""}
      </p>
      <PreflightList report={preview.preflight} error={preview.error} />
    </section>
  );
}
